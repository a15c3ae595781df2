// Delivery of the outbox: one attempt per due item, recorded whatever happens. Nothing here holds
// a database connection or lock while a transfer is under way (each store call leases and returns
// its own), so a slow receiver only ever delays other notifications, never a referral.
#include "notifier.hpp"

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "ketascreen/json_value.hpp"
#include "notification_transport.hpp"
#include "smtp_message.hpp"
#include "webhook_signature.hpp"

namespace ketascreen::server {
namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
// How long an item is retried before it is given up as "failed" (an admin can still replay it).
constexpr std::int64_t kGiveUpAfter = 72 * kHour;
// Items per deliver_due call: each may take a whole transfer timeout, and the background thread
// has other chores; whatever is left is still due a second later.
constexpr std::int64_t kBatch = 10;
// How long a claimed item is ours before another process may try it (see deliver_due).
constexpr std::int64_t kClaimLeaseMs = 60000;
// The longest wait a receiver's Retry-After may ask for before it is capped.
constexpr std::int64_t kMaxRetryAfter = 8 * kHour;

// The wait after the n-th failed attempt (n >= 1), before jitter: quick at first for a blip, then
// hours apart, so a receiver that is down for a weekend still gets the item within the 3 days.
std::int64_t backoff_ms(std::int64_t failed_attempts) {
  static const std::int64_t steps[] = {5 * kSecond, 30 * kSecond, 2 * kMinute, 10 * kMinute,
                                       kHour,       4 * kHour,    8 * kHour};
  constexpr std::int64_t last = sizeof steps / sizeof steps[0] - 1;
  return steps[std::clamp<std::int64_t>(failed_attempts - 1, 0, last)];
}

// +-20 %, so senders that failed together (a receiver's outage) do not all come back at once.
std::int64_t with_jitter(std::int64_t ms) {
  crypto_ready();
  std::int64_t permille = static_cast<std::int64_t>(randombytes_uniform(401)) - 200;
  return ms + ms * permille / 1000;
}

std::int64_t deadline_of(const OutboxItem& item) { return item.created_at + kGiveUpAfter; }

std::int64_t next_attempt_at(const OutboxItem& item, std::int64_t at, const TransferResult& sent) {
  std::int64_t next = at + with_jitter(backoff_ms(item.attempts + 1));
  // Standard Webhooks: a Retry-After (429, 503) should be taken into account.
  // Capped before it is multiplied: a hostile receiver's Retry-After of 10^16 s must not overflow.
  if (sent.retry_after_s)
    next = std::max(next, at + std::min<std::int64_t>(*sent.retry_after_s, kMaxRetryAfter / kSecond) * kSecond);
  // One last try at the deadline rather than none after the last step that fits before it.
  return std::min(next, deadline_of(item));
}

std::string seconds_text(std::int64_t ms) {
  if (ms < 2 * kMinute) return std::to_string(ms / kSecond) + " s";
  if (ms < 2 * kHour) return std::to_string(ms / kMinute) + " min";
  return std::to_string(ms / kHour) + " h";
}

// For log lines: a webhook URL can carry a token in its path, so only scheme and host are shown.
std::string endpoint_label(const std::string& url) {
  size_t scheme = url.find("://");
  size_t path = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path) + "/...";
}

void log_line(const ServerContext& context, const std::string& line) {
  if (context.log) context.log("notifications: " + line);
}

// --- secrets, read once at start ---------------------------------------------------------------

// The file's text, or nullopt with the reason in `problem`.
std::optional<std::string> read_secret_file(const std::string& path, std::string& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = std::string("cannot be read (") + std::strerror(errno) + ")";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The prefix every start-up problem of webhook number `index` has; how an attempt finds its reason.
std::string webhook_problem_prefix(size_t index, const std::string& url) {
  return "$.webhooks[" + std::to_string(index) + "] (" + endpoint_label(url) + "): ";
}
constexpr const char* kEmailProblemPrefix = "$.email: ";

void load_webhook_secrets(const ServerConfig& config, std::map<std::string, std::vector<unsigned char>>& secrets,
                          std::vector<std::string>& problems) {
  for (size_t i = 0; i < config.webhooks.size(); ++i) {
    const WebhookConfig& hook = config.webhooks[i];
    std::string problem;
    if (hook.secret_file.empty()) {
      problems.push_back(webhook_problem_prefix(i, hook.url) + "no secret_file, so its calls cannot be signed");
      continue;
    }
    std::string path = resolve_path(config, hook.secret_file);
    auto text = read_secret_file(path, problem);
    auto key = text ? parse_webhook_secret(*text, problem) : std::nullopt;
    if (text) sodium_memzero(text->data(), text->size());
    if (!key) {
      problems.push_back(webhook_problem_prefix(i, hook.url) + "secret file '" + path + "': " + problem);
      continue;
    }
    secrets[hook.url] = std::move(*key);
  }
}

std::string load_smtp_password(const EmailConfig& email, const ServerConfig& config,
                               std::vector<std::string>& problems) {
  if (email.smtp_url.empty() || email.username.empty()) return "";
  if (email.password_file.empty()) {
    problems.push_back(std::string(kEmailProblemPrefix) + "a username is set but no password_file");
    return "";
  }
  std::string path = resolve_path(config, email.password_file), problem;
  auto text = read_secret_file(path, problem);
  if (!text) {
    problems.push_back(std::string(kEmailProblemPrefix) + "password file '" + path + "': " + problem);
    return "";
  }
  // A file written with echo ends with a newline that is not part of the password.
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  if (text->empty()) problems.push_back(std::string(kEmailProblemPrefix) + "password file '" + path + "' is empty");
  return std::move(*text);
}

// Addresses are checked once here, so a typo shows in the start-up log rather than only on the
// notifications page after the first referral.
void check_email_addresses(const EmailConfig& email, std::vector<std::string>& problems) {
  if (email.smtp_url.empty()) return;
  if (!envelope_address(email.from))
    problems.push_back(std::string(kEmailProblemPrefix) + "no address in from '" + email.from + "'");
  for (const auto& to : email.to)
    if (!envelope_address(to)) problems.push_back(std::string(kEmailProblemPrefix) + "no address in to '" + to + "'");
}

std::optional<std::string> problem_starting(const std::vector<std::string>& problems, const std::string& prefix) {
  for (const auto& p : problems)
    if (p.rfind(prefix, 0) == 0) return p;
  return std::nullopt;
}

// --- one attempt -------------------------------------------------------------------------------

TransferResult not_sent(const std::string& why) {
  TransferResult r;
  r.result = "not sent: " + why;
  return r;
}

struct Secrets {
  const std::map<std::string, std::vector<unsigned char>>& webhooks;
  const std::string& smtp_password;
  const std::vector<std::string>& problems;
};

// Why a webhook cannot be signed: its start-up problem, or that it left the configuration.
std::string unsigned_reason(const ServerConfig& config, const Secrets& secrets, const std::string& url) {
  for (size_t i = 0; i < config.webhooks.size(); ++i)
    if (config.webhooks[i].url == url)
      if (auto p = problem_starting(secrets.problems, webhook_problem_prefix(i, url))) return *p;
  return "this webhook is no longer in the configuration, so there is no secret to sign with";
}

TransferResult send_webhook(const ServerConfig& config, const Secrets& secrets, const OutboxItem& item,
                            std::int64_t at) {
  auto secret = secrets.webhooks.find(item.target);
  // Never unsigned: a receiver that checks would reject it, and one that does not should not be
  // taught to accept unsigned calls.
  if (secret == secrets.webhooks.end()) return not_sent(unsigned_reason(config, secrets, item.target));
  const std::int64_t timestamp = at / kSecond;  // this attempt's, not the event's (replay protection)
  WebhookPost post;
  post.url = item.target;
  post.body = item.body;
  post.headers = {{"Content-Type", "application/json"},
                  {"webhook-id", item.event_id},
                  {"webhook-timestamp", std::to_string(timestamp)},
                  {"webhook-signature", webhook_signature(secret->second, item.event_id, timestamp, item.body)}};
  return post_webhook(post);
}

std::optional<std::string> inbox_url_of(const std::string& body) {
  auto parsed = json::parse(body);
  if (!parsed) return std::nullopt;
  const json::Value* url = parsed.value().find("inbox_url");
  if (!url || !url->is_string()) return std::nullopt;
  return url->as_string();
}

// The outbox row keeps the recipients as they were when the referral came: "a@x,b@y".
std::vector<std::string> split_recipients(const std::string& target) {
  std::vector<std::string> out;
  std::istringstream in(target);
  for (std::string one; std::getline(in, one, ',');)
    if (one.find_first_not_of(' ') != std::string::npos) out.push_back(one.substr(one.find_first_not_of(' ')));
  return out;
}

TransferResult send_email(const ServerConfig& config, const Secrets& secrets, const OutboxItem& item,
                          std::int64_t at) {
  const EmailConfig& email = config.email;
  if (email.smtp_url.empty()) return not_sent("email is no longer configured");
  if (auto p = problem_starting(secrets.problems, kEmailProblemPrefix)) return not_sent(*p);
  auto inbox_url = inbox_url_of(item.body);
  if (!inbox_url) return not_sent("the queued item has no inbox link");
  std::string problem;
  auto message =
      compose_new_referral_email({email.from, split_recipients(item.target), *inbox_url, item.event_id, at}, problem);
  if (!message) return not_sent(problem);
  SmtpSubmission submission;
  submission.url = email.smtp_url;
  auto from = envelope_address(email.from);
  if (!from) return not_sent("no address in the sender '" + email.from + "'");
  submission.mail_from = *from;
  for (const auto& to : split_recipients(item.target)) {
    auto address = envelope_address(to);
    if (!address) return not_sent("no address in the recipient '" + to + "'");
    submission.recipients.push_back(*address);
  }
  submission.message = std::move(*message);
  submission.username = email.username;
  submission.password = secrets.smtp_password;
  // A password must not cross a network in the clear; on this machine nobody is in between.
  submission.require_tls = !email.username.empty() && !url_host_is_loopback(email.smtp_url);
  return send_smtp(submission);
}

// --- bookkeeping -------------------------------------------------------------------------------

// Items for an endpoint that answered 410 Gone are closed without a call. True when `item` was.
bool settled_as_disabled(ServerContext& context, const OutboxItem& item, std::int64_t at) {
  if (item.kind != "webhook") return false;
  auto disabled = context.store->endpoint_disabled(item.target);
  if (!disabled.ok()) {
    log_line(context, "cannot tell whether an endpoint is disabled: " + disabled.error.message);
    return true;  // not sent now; still due, so it is looked at again next round
  }
  if (!*disabled.value) return false;
  // The attempt number stays: this records a decision, not a call.
  auto recorded = context.store->record_attempt(
      {item.id, at, item.attempts, "not sent: the endpoint answered 410 Gone earlier", std::nullopt}, "disabled",
      item.next_attempt_at, "the endpoint answered 410 Gone: no more deliveries to it");
  if (!recorded.ok()) log_line(context, "cannot record item " + std::to_string(item.id) + ": " + recorded.error.message);
  return true;
}

void record_outcome(ServerContext& context, const OutboxItem& item, std::int64_t at, const TransferResult& sent) {
  const std::int64_t attempt = item.attempts + 1;
  std::string state = "pending", last_error;
  std::int64_t next = item.next_attempt_at;
  if (sent.delivered) {
    state = "delivered";
  } else if (item.kind == "webhook" && sent.http_status == 410) {
    state = "disabled";
    last_error = "the endpoint answered 410 Gone: no more deliveries to it";
    auto gone = context.store->disable_endpoint(item.target, at, "410 Gone");
    if (!gone.ok()) log_line(context, "cannot disable an endpoint: " + gone.error.message);
  } else if (at >= deadline_of(item)) {
    state = "failed";
    last_error = "gave up after 3 days; last attempt: " + sent.result;
  } else {
    next = next_attempt_at(item, at, sent);
    last_error = sent.result;
  }
  auto recorded = context.store->record_attempt({item.id, at, attempt, sent.result, sent.http_status}, state, next,
                                                last_error);
  std::string what = item.kind + " #" + std::to_string(item.id) +
                     (item.kind == "webhook" ? " to " + endpoint_label(item.target) : "") + " attempt " +
                     std::to_string(attempt) + ": " + sent.result;
  if (state == "pending") what += "; next in " + seconds_text(next - at);
  if (state == "failed" || state == "disabled") what += "; " + state;
  log_line(context, what);
  if (!recorded.ok()) log_line(context, "cannot record that attempt: " + recorded.error.message);
}

}  // namespace

Notifier::Notifier(ServerContext& context) : context_(context) {
  start_curl();  // here, before deliver_due runs on the background thread
  load_webhook_secrets(context_.config, webhook_secrets_, problems_);
  smtp_password_ = load_smtp_password(context_.config.email, context_.config, problems_);
  check_email_addresses(context_.config.email, problems_);
}

int Notifier::deliver_due(std::int64_t now_ms) {
  auto due = context_.store->due_notifications(now_ms, kBatch);
  if (!due.ok()) {
    log_line(context_, "cannot read the outbox: " + due.error.message);
    return 0;
  }
  const Secrets secrets{webhook_secrets_, smtp_password_, problems_};
  int attempted = 0;
  for (const OutboxItem& item : *due.value) {
    // A batch can take minutes of timeouts; each attempt is stamped (and signed) with its own time,
    // as receivers refuse webhook timestamps more than a few minutes off.
    const std::int64_t at = context_.now_ms ? std::max(now_ms, context_.now_ms()) : now_ms;
    // Several server processes share one outbox on PostgreSQL: only the one that claims an item
    // sends it. The lease outlasts the longest transfer (SMTP's 30 s), and lapses if we die.
    auto claimed = context_.store->claim_notification(item.id, item.next_attempt_at, at + kClaimLeaseMs);
    if (!claimed.ok() || !*claimed.value) continue;
    if (settled_as_disabled(context_, item, at)) continue;
    TransferResult sent = item.kind == "webhook" ? send_webhook(context_.config, secrets, item, at)
                          : item.kind == "email" ? send_email(context_.config, secrets, item, at)
                                                 : not_sent("unknown kind '" + item.kind + "'");
    record_outcome(context_, item, at, sent);
    ++attempted;
  }
  return attempted;
}

}  // namespace ketascreen::server
