// Notification delivery (notifier.cpp): Standard Webhooks calls and SMTP email to receivers that
// run inside the test on 127.0.0.1 ephemeral ports, retries on the fixture's clock, 410, giving up
// after 3 days, replay, and that nothing about the visitor ever leaves in a notification.
#include "server_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <set>
#include <thread>

#include "notification_transport.hpp"
#include "notifier.hpp"
#include "smtp_message.hpp"
#include "webhook_signature.hpp"

using namespace server_test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// --- receivers on loopback sockets -------------------------------------------------------------

// A listening socket on 127.0.0.1 with a port the kernel picked.
int listen_on_loopback(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(fd, 16) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  port = ntohs(address.sin_port);
  return fd;
}

// A port nothing listens on: bound once to reserve a number, then closed again.
int unused_port() {
  int port = 0;
  ::close(listen_on_loopback(port));
  return port;
}

// One accepted connection, read by delimiter.
struct Connection {
  int fd;
  std::string buffer;

  bool read_more() {
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  }
  std::optional<std::string> read_until(const std::string& end) {
    size_t at;
    while ((at = buffer.find(end)) == std::string::npos)
      if (!read_more()) return std::nullopt;
    std::string out = buffer.substr(0, at + end.size());
    buffer.erase(0, at + end.size());
    return out;
  }
  std::optional<std::string> read_exactly(size_t n) {
    while (buffer.size() < n)
      if (!read_more()) return std::nullopt;
    std::string out = buffer.substr(0, n);
    buffer.erase(0, n);
    return out;
  }
  void send(const std::string& text) {
    for (size_t sent = 0; sent < text.size();) {
      ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }
};

// Accepts connections one after another on its own thread and hands each to `serve`.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::function<void(Connection&)> serve) : serve_(std::move(serve)) {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { run(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }

 private:
  void run() {
    while (!stop_) {
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, 50) <= 0) continue;
      int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      timeval limit{5, 0};  // a confused client must not hang the test
      ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      Connection connection{client, {}};
      serve_(connection);
      ::close(client);
    }
  }
  std::function<void(Connection&)> serve_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct ReceivedRequest {
  std::string method, target, body;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

struct Answer {
  int status = 200;
  std::string extra_headers;  // "Name: value\r\n" lines
  int delay_ms = 0;
};

// A webhook endpoint: records every request, answers from a script (then `otherwise`).
class WebhookReceiver {
 public:
  void script(std::vector<Answer> answers) {
    std::lock_guard<std::mutex> lock(mutex_);
    answers_.assign(answers.begin(), answers.end());
  }
  void otherwise(int status) {
    std::lock_guard<std::mutex> lock(mutex_);
    otherwise_ = status;
  }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }
  std::string url(const std::string& path = "/hooks/ketascreen") const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + path;
  }

 private:
  void serve(Connection& c) {
    auto head = c.read_until("\r\n\r\n");
    if (!head) return;
    ReceivedRequest r;
    std::istringstream lines(*head);
    std::string line;
    std::getline(lines, line);
    std::istringstream request_line(line);
    request_line >> r.method >> r.target;
    while (std::getline(lines, line) && line != "\r") {
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (!value.empty() && value.back() == '\r') value.pop_back();
      r.headers[name] = value;
    }
    auto body = c.read_exactly(r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0);
    if (!body) return;
    r.body = *body;
    Answer answer;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      answer.status = otherwise_;
      if (!answers_.empty()) {
        answer = answers_.front();
        answers_.pop_front();
      }
      received_.push_back(r);  // before answering: the sender returns once it has the answer
    }
    if (answer.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(answer.delay_ms));
    c.send("HTTP/1.1 " + std::to_string(answer.status) + " Scripted\r\n" + answer.extra_headers +
           "Content-Length: 2\r\nConnection: close\r\n\r\nok");
  }

  mutable std::mutex mutex_;
  std::deque<Answer> answers_;
  int otherwise_ = 200;
  std::vector<ReceivedRequest> received_;
  LoopbackServer server_{[this](Connection& c) { serve(c); }};  // last: stops before the rest goes
};

struct SmtpSession {
  std::string ehlo, auth, mail_from, data;
  std::vector<std::string> rcpt_to;
};

// Just enough of an SMTP server (RFC 5321) to take one message per connection: no STARTTLS, so
// smtp:// goes on in plain text, which is fine on loopback.
class FakeSmtpServer {
 public:
  explicit FakeSmtpServer(std::string data_reply = "250 2.0.0 queued", bool offer_login = false)
      : data_reply_(std::move(data_reply)), offer_login_(offer_login) {}
  std::vector<SmtpSession> sessions() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessions_;
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(server_.port()); }

 private:
  static bool starts(const std::string& line, const std::string& verb) {
    if (line.size() < verb.size()) return false;
    for (size_t i = 0; i < verb.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(line[i])) != verb[i]) return false;
    return true;
  }
  void serve(Connection& c) {
    c.send("220 fake.test ESMTP\r\n");
    SmtpSession s;
    while (auto raw = c.read_until("\r\n")) {
      std::string line = raw->substr(0, raw->size() - 2);
      if (starts(line, "EHLO")) {
        s.ehlo = line;
        c.send(std::string("250-fake.test\r\n") + (offer_login_ ? "250-AUTH PLAIN\r\n" : "") + "250 8BITMIME\r\n");
      } else if (starts(line, "AUTH")) {
        s.auth = line;
        if (line == "AUTH PLAIN") {  // no initial response: ask for it (RFC 4954)
          c.send("334 \r\n");
          auto credentials = c.read_until("\r\n");
          if (!credentials) return;
          s.auth += " " + credentials->substr(0, credentials->size() - 2);
        }
        c.send("235 2.7.0 accepted\r\n");
      } else if (starts(line, "MAIL FROM:")) {
        s.mail_from = line.substr(10);
        c.send("250 2.1.0 ok\r\n");
      } else if (starts(line, "RCPT TO:")) {
        s.rcpt_to.push_back(line.substr(8));
        c.send("250 2.1.5 ok\r\n");
      } else if (starts(line, "DATA")) {
        c.send("354 end with <CRLF>.<CRLF>\r\n");
        auto data = c.read_until("\r\n.\r\n");
        if (!data) return;
        s.data = *data;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          sessions_.push_back(s);
        }
        c.send(data_reply_ + "\r\n");
      } else if (starts(line, "QUIT")) {
        c.send("221 2.0.0 bye\r\n");
        return;
      } else {
        c.send("502 5.5.1 not implemented\r\n");
      }
    }
  }

  std::string data_reply_;
  bool offer_login_;
  mutable std::mutex mutex_;
  std::vector<SmtpSession> sessions_;
  LoopbackServer server_{[this](Connection& c) { serve(c); }};
};

// --- the server side ---------------------------------------------------------------------------

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

std::vector<unsigned char> new_secret() {
  std::string raw = random_bytes(32);
  return std::vector<unsigned char>(raw.begin(), raw.end());
}

// Configures a webhook to `url` with a fresh secret in a file (as an operator would); returns the key.
std::vector<unsigned char> add_webhook(ServerFixture& f, const std::string& url) {
  std::vector<unsigned char> key = new_secret();
  auto path = f.dir.path / ("webhook" + std::to_string(f.context.config.webhooks.size()) + ".secret");
  write_file(path, "whsec_" + base64_encode(key) + "\n");
  f.context.config.webhooks.push_back({url, path.string()});
  return key;
}

void configure_email(ServerFixture& f, const std::string& smtp_url) {
  f.context.config.email.smtp_url = smtp_url;
  f.context.config.email.from = "Harborlight intake <intake@harborlight.example.com>";
  f.context.config.email.to = {"amy@harborlight.example.com", "desk@harborlight.example.com"};
}

// A referral through the real API, with a name that must never show up in a notification.
std::string post_referral(ServerFixture& f, const std::string& name = "Zebulon Quarrington") {
  json::Value p = f.payload(Outcome::LikelyCandidate, name);
  REQUIRE(f.post(p).status == 201);
  return p.find("id")->as_string();
}

std::vector<OutboxItem> outbox(ServerFixture& f) {
  auto items = f.store->notifications(100, 0);
  REQUIRE(items.ok());
  return *items.value;  // newest first
}

OutboxItem only_item(ServerFixture& f) {
  auto items = outbox(f);
  REQUIRE(items.size() == 1);
  return items.front();
}

std::vector<DeliveryAttempt> attempts(ServerFixture& f, std::int64_t outbox_id) {
  auto rows = f.store->attempts_of(outbox_id);
  REQUIRE(rows.ok());
  return *rows.value;
}

// What a receiver does (Standard Webhooks "Verifying signatures"): any v1 signature in the
// space-separated header that matches HMAC-SHA256 over id.timestamp.raw-body.
bool signature_verifies(const std::vector<unsigned char>& key, const ReceivedRequest& r) {
  std::string expected = hmac_sha256_base64(key, r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body);
  std::istringstream signatures(r.header("webhook-signature"));
  for (std::string one; signatures >> one;)
    if (one.rfind("v1,", 0) == 0 && equal_in_constant_time(one.substr(3), expected)) return true;
  return false;
}

// `ids` (random: the referral's UUID, the event id) are taken out first, so that digits in them
// cannot look like a phone number or ZIP by chance.
void check_no_visitor_data(std::string text, const std::vector<std::string>& ids) {
  for (const auto& id : ids)
    for (size_t at = text.find(id); at != std::string::npos; at = text.find(id)) text.erase(at, id.size());
  CHECK_FALSE(has(text, "Zebulon"));
  CHECK_FALSE(has(text, "Quarrington"));
  CHECK_FALSE(has(text, "201-0142"));
  CHECK_FALSE(has(text, "2010142"));
  CHECK_FALSE(has(text, "visitor@example.com"));
  CHECK_FALSE(has(text, "97477"));
  CHECK_FALSE(has(text, "likely_candidate"));
  CHECK_FALSE(has(text, "Likely"));
}

}  // namespace

TEST_CASE("webhook signing matches the Standard Webhooks test vector") {
  // The signing test of the reference libraries (standard-webhooks, libraries/go/webhook_test.go).
  std::string problem;
  auto key = parse_webhook_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", problem);
  REQUIRE_MESSAGE(key, problem);
  CHECK(webhook_signature(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

  CHECK_FALSE(parse_webhook_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", problem));
  CHECK(has(problem, "whsec_"));
  CHECK_FALSE(parse_webhook_secret("whsec_not*base64", problem));
  CHECK(has(problem, "base64"));
  CHECK_FALSE(parse_webhook_secret("whsec_c2hvcnQ=", problem));  // "short": 5 bytes
  CHECK(has(problem, "24"));
  CHECK_FALSE(parse_webhook_secret(" \n", problem));
  CHECK(has(problem, "empty"));
}

TEST_CASE("a new referral's webhook arrives signed, with only the referral id and the inbox link") {
  WebhookReceiver receiver;
  ServerFixture f;
  auto key = add_webhook(f, receiver.url());
  const std::string id = post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.problems().empty());

  CHECK(notifier.deliver_due(f.clock) == 1);
  auto received = receiver.requests();
  REQUIRE(received.size() == 1);
  const ReceivedRequest& r = received.front();
  const OutboxItem item = only_item(f);
  CHECK(r.method == "POST");
  CHECK(r.target == "/hooks/ketascreen");
  CHECK(r.header("content-type") == "application/json");
  CHECK(r.header("webhook-id") == item.event_id);
  CHECK(r.header("webhook-timestamp") == std::to_string(f.clock / 1000));
  CHECK(has(r.header("webhook-signature"), "v1,"));
  CHECK(signature_verifies(key, r));
  CHECK(r.body == item.body);  // byte for byte what was signed

  auto body = json::parse(r.body);
  REQUIRE(body);
  CHECK(body.value().find("type")->as_string() == "referral.received");
  const json::Value* data = body.value().find("data");
  REQUIRE(data);
  CHECK(data->find("referral_id")->as_string() == id);
  CHECK(data->find("inbox_url")->as_string() == "https://intake.example.com/inbox/referrals/" + id);
  check_no_visitor_data(r.body, {id, item.event_id});

  CHECK(item.state == "delivered");
  auto tried = attempts(f, item.id);
  REQUIRE(tried.size() == 1);
  CHECK(tried[0].result == "delivered");
  CHECK(tried[0].http_status == 200);
  CHECK(notifier.deliver_due(f.clock + 60000) == 0);  // nothing left to send
  CHECK(receiver.requests().size() == 1);
}

TEST_CASE("a signature made with another secret does not verify (the receiver's check is real)") {
  WebhookReceiver receiver;
  ServerFixture f;
  auto key = add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  REQUIRE(notifier.deliver_due(f.clock) == 1);
  REQUIRE(receiver.requests().size() == 1);
  ReceivedRequest r = receiver.requests().front();
  CHECK(signature_verifies(key, r));
  CHECK_FALSE(signature_verifies(new_secret(), r));
  ReceivedRequest later = r;  // a replayed call with a new timestamp
  later.headers["webhook-timestamp"] = std::to_string(f.clock / 1000 + 1);
  CHECK_FALSE(signature_verifies(key, later));
  r.body += " ";  // one byte more
  CHECK_FALSE(signature_verifies(key, r));
}

TEST_CASE("a 500 is tried again after the backoff, then delivered: two attempts recorded") {
  WebhookReceiver receiver;
  receiver.script({{500, "", 0}, {200, "", 0}});
  ServerFixture f;
  auto key = add_webhook(f, receiver.url());
  std::vector<std::string> log;
  f.context.log = [&log](const std::string& line) { log.push_back(line); };
  post_referral(f);
  Notifier notifier(f.context);
  const std::int64_t first_at = f.clock;

  CHECK(notifier.deliver_due(f.clock) == 1);
  OutboxItem item = only_item(f);
  CHECK(item.state == "pending");
  CHECK(item.attempts == 1);
  CHECK(item.last_error == "HTTP 500");
  CHECK(item.next_attempt_at >= first_at + 4000);  // 5 s +-20 %
  CHECK(item.next_attempt_at <= first_at + 6000);

  f.clock += 3900;  // not yet due
  CHECK(notifier.deliver_due(f.clock) == 0);
  CHECK(receiver.requests().size() == 1);

  f.clock = item.next_attempt_at;
  CHECK(notifier.deliver_due(f.clock) == 1);
  item = only_item(f);
  CHECK(item.state == "delivered");
  CHECK(item.attempts == 2);
  auto tried = attempts(f, item.id);
  REQUIRE(tried.size() == 2);
  CHECK(tried[0].result == "HTTP 500");
  CHECK(tried[0].http_status == 500);
  CHECK(tried[1].result == "delivered");
  CHECK(tried[1].at == item.next_attempt_at);

  auto received = receiver.requests();
  REQUIRE(received.size() == 2);
  CHECK(received[0].header("webhook-id") == received[1].header("webhook-id"));  // the receiver's idempotency key
  CHECK(received[1].header("webhook-timestamp") == std::to_string(f.clock / 1000));  // this attempt's time
  CHECK(signature_verifies(key, received[1]));
  std::vector<std::string> notes;  // one line per attempt, without the URL's path (it may hold a token)
  for (const auto& line : log)
    if (line.rfind("notifications: ", 0) == 0) notes.push_back(line);
  REQUIRE(notes.size() == 2);
  CHECK(has(notes[0], "HTTP 500; next in "));
  CHECK(has(notes[1], "delivered"));
  for (const auto& line : notes) CHECK_FALSE(has(line, "/hooks/ketascreen"));
}

TEST_CASE("a Retry-After with a 503 is honoured over the shorter backoff") {
  WebhookReceiver receiver;
  receiver.script({{503, "Retry-After: 600\r\n", 0}});
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.deliver_due(f.clock) == 1);
  OutboxItem item = only_item(f);
  CHECK(item.state == "pending");
  CHECK(item.next_attempt_at >= f.clock + 600000);
}

TEST_CASE("a 410 disables the endpoint: later items for it are not sent") {
  WebhookReceiver receiver;
  receiver.script({{410, "", 0}});
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.deliver_due(f.clock) == 1);
  OutboxItem first = only_item(f);
  CHECK(first.state == "disabled");
  auto disabled = f.store->endpoint_disabled(receiver.url());
  REQUIRE(disabled.ok());
  CHECK(*disabled.value);

  f.clock += 60000;
  post_referral(f, "Another Visitor");
  CHECK(notifier.deliver_due(f.clock) == 0);  // settled without a call
  CHECK(receiver.requests().size() == 1);
  auto items = outbox(f);
  REQUIRE(items.size() == 2);
  CHECK(items[0].state == "disabled");
  CHECK(items[0].attempts == 0);
  auto noted = attempts(f, items[0].id);
  REQUIRE(noted.size() == 1);
  CHECK(has(noted[0].result, "410"));
  CHECK_FALSE(noted[0].http_status);
}

TEST_CASE("past 3 days of failures the item is failed - a replay sends it again") {
  WebhookReceiver receiver;
  receiver.otherwise(500);
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  const std::int64_t created = f.clock;

  std::vector<std::int64_t> gaps;
  OutboxItem item = only_item(f);
  for (int guard = 0; item.state == "pending" && guard < 100; ++guard) {
    gaps.push_back(item.next_attempt_at - f.clock);
    f.clock = std::max<std::int64_t>(f.clock, item.next_attempt_at);
    REQUIRE(notifier.deliver_due(f.clock) == 1);
    item = only_item(f);
  }
  CHECK(item.state == "failed");
  CHECK(has(item.last_error, "3 days"));
  CHECK(f.clock == created + 72LL * 3600 * 1000);  // the last try is at the deadline, not past it
  CHECK(item.attempts == static_cast<std::int64_t>(receiver.requests().size()));
  CHECK(item.attempts >= 10);
  CHECK(item.attempts <= 20);
  // Backoff: 5 s, 30 s, 2 min, 10 min, 1 h, 4 h, 8 h... each +-20 %.
  REQUIRE(gaps.size() > 7);
  const std::int64_t expected[] = {5000, 30000, 120000, 600000, 3600000, 14400000, 28800000};
  for (size_t i = 0; i < 7; ++i) {
    CHECK(gaps[i + 1] >= expected[i] * 8 / 10);
    CHECK(gaps[i + 1] <= expected[i] * 12 / 10);
  }

  receiver.otherwise(204);
  f.clock += 3600000;
  CHECK(notifier.deliver_due(f.clock) == 0);  // failed stays failed
  auto replayed = f.store->replay_notification(item.id, f.clock);
  REQUIRE(replayed.ok());
  CHECK(*replayed.value);
  CHECK(notifier.deliver_due(f.clock) == 1);
  item = only_item(f);
  CHECK(item.state == "delivered");
  CHECK(attempts(f, item.id).back().http_status == 204);
}

TEST_CASE("an unreachable endpoint is a recorded failure, not an exception") {
  ServerFixture f;
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/hook";
  add_webhook(f, url);
  post_referral(f);
  Notifier notifier(f.context);
  int attempted = -1;
  CHECK_NOTHROW(attempted = notifier.deliver_due(f.clock));
  CHECK(attempted == 1);
  OutboxItem item = only_item(f);
  CHECK(item.state == "pending");
  CHECK(item.last_error == "connection refused");
  auto tried = attempts(f, item.id);
  REQUIRE(tried.size() == 1);
  CHECK(tried[0].result == "connection refused");
  CHECK_FALSE(tried[0].http_status);
  CHECK(f.referral_count() == 1);  // the referral itself is untouched
}

TEST_CASE("a slow receiver does not hold up new referrals") {
  WebhookReceiver receiver;
  receiver.script({{200, "", 1500}});
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  std::atomic<bool> delivery_over{false};
  std::thread delivering([&] {
    notifier.deliver_due(f.clock);
    delivery_over = true;
  });
  while (receiver.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  post_referral(f, "Second Visitor");  // while the webhook call is still waiting for its answer
  CHECK_FALSE(delivery_over.load());   // so the referral did not wait for it
  delivering.join();
  CHECK(outbox(f).size() == 2);
}

TEST_CASE("start-up problems are listed, and an unsigned webhook is never sent") {
  WebhookReceiver receiver;
  ServerFixture f;
  f.context.config.webhooks.push_back({receiver.url("/missing"), (f.dir.path / "nowhere.secret").string()});
  write_file(f.dir.path / "plain.secret", "c2VjcmV0LXdpdGhvdXQtdGhlLXByZWZpeC0xMjM0NQ==\n");
  f.context.config.webhooks.push_back({receiver.url("/plain"), (f.dir.path / "plain.secret").string()});
  configure_email(f, "smtp://127.0.0.1:" + std::to_string(unused_port()));
  f.context.config.email.username = "intake";
  f.context.config.email.password_file = (f.dir.path / "no-password").string();
  post_referral(f);
  Notifier notifier(f.context);

  const auto& problems = notifier.problems();
  REQUIRE(problems.size() == 3);
  CHECK(has(problems[0], "$.webhooks[0]"));
  CHECK(has(problems[0], "cannot be read"));
  CHECK(has(problems[0], "nowhere.secret"));
  CHECK(has(problems[1], "$.webhooks[1]"));
  CHECK(has(problems[1], "whsec_"));
  CHECK(has(problems[2], "$.email"));
  CHECK(has(problems[2], "password file"));
  for (const auto& p : problems) CHECK_FALSE(has(p, "/hooks"));  // no URL path (it may hold a token) in the log

  CHECK(notifier.deliver_due(f.clock) == 3);
  CHECK(receiver.requests().empty());
  for (const OutboxItem& item : outbox(f)) {
    CHECK(item.state == "pending");
    CHECK(has(item.last_error, "not sent: "));
    CHECK(has(item.last_error, item.kind == "email" ? "password file" : "secret file"));
  }
}

TEST_CASE("email: the SMTP server gets MAIL FROM, RCPT TO and a message with the subject and the link only") {
  FakeSmtpServer smtp;
  ServerFixture f;
  configure_email(f, smtp.url());
  const std::string id = post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.problems().empty());

  CHECK(notifier.deliver_due(f.clock) == 1);
  auto sessions = smtp.sessions();
  REQUIRE(sessions.size() == 1);
  const SmtpSession& s = sessions.front();
  CHECK(has(s.mail_from, "<intake@harborlight.example.com>"));
  REQUIRE(s.rcpt_to.size() == 2);
  CHECK(has(s.rcpt_to[0], "<amy@harborlight.example.com>"));
  CHECK(has(s.rcpt_to[1], "<desk@harborlight.example.com>"));
  CHECK(s.auth.empty());
  CHECK(s.ehlo.rfind("EHLO ", 0) == 0);

  const OutboxItem item = only_item(f);
  const std::string& m = s.data;
  CHECK(has(m, "\r\nSubject: A new consultation request is waiting\r\n"));
  CHECK(m.rfind("Date: Wed, 03 Dec 2025 22:13:20 +0000\r\n", 0) == 0);
  CHECK(has(m, "\r\nFrom: Harborlight intake <intake@harborlight.example.com>\r\n"));
  CHECK(has(m, "\r\nTo: amy@harborlight.example.com, desk@harborlight.example.com\r\n"));
  CHECK(has(m, "\r\nMessage-ID: <" + item.event_id + "@harborlight.example.com>\r\n"));
  CHECK(has(m, "\r\nMIME-Version: 1.0\r\n"));
  CHECK(has(m, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  CHECK(has(m, "\r\n\r\n"));  // headers end, body begins
  CHECK(has(m, "\r\nhttps://intake.example.com/inbox/referrals/" + id + "\r\n"));
  check_no_visitor_data(m, {id, item.event_id});
  CHECK(item.state == "delivered");
  CHECK(attempts(f, item.id).at(0).result == "delivered");
}

TEST_CASE("email: a login is sent with the password from its file (plain text only on loopback)") {
  FakeSmtpServer smtp("250 ok", true);
  ServerFixture f;
  configure_email(f, smtp.url());
  f.context.config.email.username = "intake";
  write_file(f.dir.path / "smtp.password", "correct horse\n");
  f.context.config.email.password_file = (f.dir.path / "smtp.password").string();
  std::vector<std::string> log;
  f.context.log = [&log](const std::string& line) { log.push_back(line); };
  post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.problems().empty());
  CHECK(notifier.deliver_due(f.clock) == 1);
  REQUIRE_FALSE(log.empty());
  for (const auto& line : log) CHECK_FALSE(has(line, "correct horse"));
  auto sessions = smtp.sessions();
  REQUIRE(sessions.size() == 1);
  // AUTH PLAIN: base64 of "\0intake\0correct horse" (RFC 4616); the file's newline is not part of it.
  std::string expected("\0intake\0correct horse", 21);
  CHECK(has(sessions[0].auth, base64_encode(std::vector<unsigned char>(expected.begin(), expected.end()))));
  CHECK(only_item(f).state == "delivered");

  CHECK(url_host_is_loopback("smtp://127.0.0.1:2525"));
  CHECK(url_host_is_loopback("smtp://localhost"));
  CHECK(url_host_is_loopback("smtp://[::1]:25"));
  CHECK_FALSE(url_host_is_loopback("smtp://mail.example.com:587"));
  CHECK_FALSE(url_host_is_loopback("smtp://127.example.com"));
}

TEST_CASE("email: a sender or recipient without an address is a start-up problem") {
  ServerFixture f;
  configure_email(f, "smtp://127.0.0.1:" + std::to_string(unused_port()));
  f.context.config.email.to = {"amy at harborlight"};
  post_referral(f);
  Notifier notifier(f.context);
  REQUIRE(notifier.problems().size() == 1);
  CHECK(has(notifier.problems()[0], "'amy at harborlight'"));
  CHECK(notifier.deliver_due(f.clock) == 1);
  CHECK(has(only_item(f).last_error, "not sent: "));
}

TEST_CASE("email: a mail server that refuses the message is tried again") {
  FakeSmtpServer smtp("451 4.3.0 try again later");
  ServerFixture f;
  configure_email(f, smtp.url());
  post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.deliver_due(f.clock) == 1);
  OutboxItem item = only_item(f);
  CHECK(item.state == "pending");
  CHECK(item.last_error.rfind("SMTP 451", 0) == 0);
  CHECK(item.next_attempt_at > f.clock);
}

TEST_CASE("email: a line break in a configured address cannot add headers") {
  std::string problem;
  NewReferralEmail email{"intake@harborlight.example.com", {"amy@harborlight.example.com\r\nBcc: someone@else.example"},
                         "https://intake.example.com/inbox/referrals/x", "msg_1", 0};
  CHECK_FALSE(compose_new_referral_email(email, problem));
  CHECK(has(problem, "line break"));
  CHECK(envelope_address("Amy <amy@example.com>") == "<amy@example.com>");
  CHECK(envelope_address("amy@example.com") == "<amy@example.com>");
  CHECK_FALSE(envelope_address("no address here"));
  CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");

  // A non-ASCII display name goes out as an RFC 2047 encoded word (header fields are ASCII).
  email.from = "Clínica Harborlight <intake@harborlight.example.com>";
  email.to = {"amy@harborlight.example.com"};
  auto message = compose_new_referral_email(email, problem);
  REQUIRE_MESSAGE(message, problem);
  std::string name = "Clínica Harborlight";
  CHECK(has(*message, "\r\nFrom: =?utf-8?B?" + base64_encode(std::vector<unsigned char>(name.begin(), name.end())) +
                          "?= <intake@harborlight.example.com>\r\n"));
  CHECK(has(*message, "\r\nTo: amy@harborlight.example.com\r\n"));
}

TEST_CASE("an item another server process claimed is not sent twice") {
  WebhookReceiver receiver;
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  const OutboxItem item = only_item(f);
  // The other process's claim: the first one wins, the same claim again loses.
  auto first = f.store->claim_notification(item.id, item.next_attempt_at, f.clock + 60000);
  REQUIRE(first.ok());
  CHECK(*first.value);
  auto second = f.store->claim_notification(item.id, item.next_attempt_at, f.clock + 60000);
  REQUIRE(second.ok());
  CHECK_FALSE(*second.value);
  Notifier notifier(f.context);
  CHECK(notifier.deliver_due(f.clock) == 0);  // ours to skip: it is not due until the lease runs out
  CHECK(receiver.requests().empty());
  // The other process died without recording anything: once the lease lapses the item goes out once.
  CHECK(notifier.deliver_due(f.clock + 60000) == 1);
  CHECK(receiver.requests().size() == 1);
  CHECK(only_item(f).state == "delivered");
}

TEST_CASE("two server processes delivering one outbox send each item once") {
  WebhookReceiver receiver;
  std::vector<Answer> slow(8, Answer{200, "", 40});  // slow enough that both read the same due items
  receiver.script(slow);
  ServerFixture f;
  add_webhook(f, receiver.url());
  for (int i = 0; i < 8; ++i) post_referral(f, "Visitor " + std::to_string(i));
  Notifier a(f.context), b(f.context);
  std::thread other([&] { b.deliver_due(f.clock); });
  a.deliver_due(f.clock);
  other.join();
  std::set<std::string> ids;
  for (const auto& r : receiver.requests()) ids.insert(r.header("webhook-id"));
  CHECK(receiver.requests().size() == 8);
  CHECK(ids.size() == 8);
  for (const OutboxItem& item : outbox(f)) CHECK(item.state == "delivered");
}

TEST_CASE("an absurd Retry-After is capped at 8 hours, not overflowed") {
  WebhookReceiver receiver;
  receiver.script({{503, "Retry-After: 10000000000000000\r\n", 0}});
  ServerFixture f;
  add_webhook(f, receiver.url());
  post_referral(f);
  Notifier notifier(f.context);
  CHECK(notifier.deliver_due(f.clock) == 1);
  OutboxItem item = only_item(f);
  CHECK(item.state == "pending");
  CHECK(item.next_attempt_at > f.clock);
  CHECK(item.next_attempt_at <= f.clock + 8LL * 3600 * 1000 + 1000);
}
