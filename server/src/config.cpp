#include "config.hpp"

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_reader.hpp"
#include "ketascreen/json_value.hpp"
#include "sql.hpp"

namespace ketascreen::server {
namespace {

using detail::JsonReader;

// An integer member within [low, high]; keeps `into` when absent.
void integer(JsonReader& r, const json::Value& object, const std::string& path, std::string_view key, int low, int high,
             int& into) {
  const json::Value* v = r.member(object, path, key, json::Type::Number, false);
  if (!v) return;
  double n = v->as_number();
  if (n != static_cast<double>(static_cast<long long>(n)) || n < low || n > high) {
    r.error(*v, detail::join_path(path, key),
            "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", found " +
                json::format_number(n));
    return;
  }
  into = static_cast<int>(n);
}

void strings(JsonReader& r, const json::Value& object, const std::string& path, std::string_view key,
             std::vector<std::string>& into) {
  const json::Value* list = r.member(object, path, key, json::Type::Array, false);
  if (!list) return;
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const json::Value& item = list->as_array()[i];
    if (r.expect(item, detail::index_path(detail::join_path(path, key), i), json::Type::String))
      into.push_back(item.as_string());
  }
}

bool is_origin(std::string_view s) {
  bool scheme = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
  size_t host = s.find("://") + 3;
  return scheme && s.size() > host && s.find('/', host) == std::string_view::npos && s.back() != ':';
}

}  // namespace

Result<ServerConfig> parse_config(std::string_view text, const std::string& file) {
  Diagnostics diags;
  auto parsed = json::parse(text, {file});
  if (!parsed) return Result<ServerConfig>::failure(parsed.errors());
  const json::Value& root = parsed.value();
  JsonReader r(file, diags);
  ServerConfig c;
  c.file = file;
  if (!r.expect(root, "$", json::Type::Object)) return Result<ServerConfig>::failure(diags);
  r.check_keys(root, "$",
               {"listen", "public_url", "database", "key_file", "content", "previous_content", "static_dir",
                "allowed_origins", "trust_proxy", "threads", "request_timeout_seconds", "rate_limit", "inbox",
                "retention_days", "email", "webhooks", "network"});
  if (const json::Value* listen = r.member(root, "$", "listen", json::Type::Object, false)) {
    r.check_keys(*listen, "$.listen", {"address", "port"});
    std::string address = r.string(*listen, "$.listen", "address", false);
    if (!address.empty()) c.listen_address = address;
    integer(r, *listen, "$.listen", "port", 1, 65535, c.port);
  }
  std::string public_url = r.string(root, "$", "public_url", false);
  if (!public_url.empty()) {
    if (!is_origin(public_url.substr(0, public_url.find('/', public_url.find("://") + 3))))
      r.error(*root.find("public_url"), "$.public_url", "expected an http:// or https:// URL, found \"" + public_url + "\"");
    c.public_url = public_url;
  }
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  c.database = r.string(root, "$", "database");
  c.key_file = r.string(root, "$", "key_file");
  c.content = r.string(root, "$", "content");
  strings(r, root, "$", "previous_content", c.previous_content);
  c.static_dir = r.string(root, "$", "static_dir", false);
  strings(r, root, "$", "allowed_origins", c.allowed_origins);
  if (const json::Value* origins = root.find("allowed_origins"); origins && origins->is_array()) {
    for (size_t i = 0; i < origins->as_array().size(); ++i) {
      const json::Value& o = origins->as_array()[i];
      if (o.is_string() && !is_origin(o.as_string()))
        r.error(o, detail::index_path("$.allowed_origins", i),
                "expected an origin such as https://clinic.example (scheme, host, optional port; no path), found \"" +
                    o.as_string() + "\"");
    }
  }
  if (auto proxy = r.boolean(root, "$", "trust_proxy", false)) c.trust_proxy = *proxy;
  integer(r, root, "$", "threads", 1, 256, c.threads);
  integer(r, root, "$", "request_timeout_seconds", 1, 300, c.request_timeout_seconds);
  if (const json::Value* rate = r.member(root, "$", "rate_limit", json::Type::Object, false)) {
    r.check_keys(*rate, "$.rate_limit", {"new_referrals_per_hour", "burst"});
    integer(r, *rate, "$.rate_limit", "new_referrals_per_hour", 0, 1000000, c.new_referrals_per_hour);
    integer(r, *rate, "$.rate_limit", "burst", 1, 1000000, c.referral_burst);
  }
  if (const json::Value* inbox = r.member(root, "$", "inbox", json::Type::Object, false)) {
    r.check_keys(*inbox, "$.inbox", {"idle_minutes", "max_hours", "max_failed_logins", "lockout_minutes", "require_totp"});
    integer(r, *inbox, "$.inbox", "idle_minutes", 1, 24 * 60, c.session_idle_minutes);
    integer(r, *inbox, "$.inbox", "max_hours", 1, 24 * 7, c.session_max_hours);
    integer(r, *inbox, "$.inbox", "max_failed_logins", 1, 100, c.max_failed_logins);
    integer(r, *inbox, "$.inbox", "lockout_minutes", 1, 24 * 60, c.lockout_minutes);
    if (auto totp = r.boolean(*inbox, "$.inbox", "require_totp", false)) c.require_totp = *totp;
  }
  integer(r, root, "$", "retention_days", 1, 36500, c.retention_days);
  if (const json::Value* email = r.member(root, "$", "email", json::Type::Object, false)) {
    r.check_keys(*email, "$.email", {"smtp_url", "from", "to", "username", "password_file"});
    c.email.smtp_url = r.string(*email, "$.email", "smtp_url");
    if (!c.email.smtp_url.empty() && c.email.smtp_url.rfind("smtp://", 0) != 0 && c.email.smtp_url.rfind("smtps://", 0) != 0)
      r.error(*email->find("smtp_url"), "$.email.smtp_url", "expected smtp://host[:port] or smtps://host[:port]");
    c.email.from = r.string(*email, "$.email", "from");
    strings(r, *email, "$.email", "to", c.email.to);
    if (c.email.to.empty()) r.error(*email, "$.email.to", "expected at least one address to notify");
    // The outbox keeps the recipients comma-joined: a comma inside one ("Doe, Jane" <...>) would split it.
    if (const json::Value* to = email->find("to"); to && to->is_array())
      for (size_t i = 0; i < c.email.to.size() && i < to->as_array().size(); ++i)
        if (c.email.to[i].find(',') != std::string::npos)
          r.error(to->as_array()[i], "$.email.to[" + std::to_string(i) + "]",
                  "expected one address without a comma (write \"jane@clinic.example\", not \"Doe, Jane\" <...>)");
    c.email.username = r.string(*email, "$.email", "username", false);
    c.email.password_file = r.string(*email, "$.email", "password_file", false);
  }
  if (const json::Value* hooks = r.member(root, "$", "webhooks", json::Type::Array, false)) {
    for (size_t i = 0; i < hooks->as_array().size(); ++i) {
      const json::Value& h = hooks->as_array()[i];
      std::string p = detail::index_path("$.webhooks", i);
      if (!r.expect(h, p, json::Type::Object)) continue;
      r.check_keys(h, p, {"url", "secret_file", "provider"});
      WebhookConfig w{r.string(h, p, "url"), r.string(h, p, "secret_file")};
      if (const json::Value* provider = h.find("provider")) {
        w.provider = r.string(h, p, "provider", false);
        w.provider_line = provider->line();
        if (provider->is_string() && !detail::is_valid_id(w.provider))
          r.error(*provider, p + ".provider",
                  "expected a provider id from the content's providers.json (lowercase letters, digits, - and _), found \"" +
                      w.provider + "\"");
      }
      if (!w.url.empty() && w.url.rfind("https://", 0) != 0 && w.url.rfind("http://127.0.0.1", 0) != 0 &&
          w.url.rfind("http://localhost", 0) != 0)
        r.error(*h.find("url"), p + ".url", "expected an https:// URL (http:// only for localhost)");
      c.webhooks.push_back(std::move(w));
    }
  }
  if (const json::Value* network = r.member(root, "$", "network", json::Type::Object, false)) {
    r.check_keys(*network, "$.network", {"accept_within_hours"});
    integer(r, *network, "$.network", "accept_within_hours", 1, 24 * 30, c.network.accept_within_hours);
  }
  if (has_errors(diags)) return Result<ServerConfig>::failure(diags);
  return Result<ServerConfig>(c, diags);
}

Diagnostics check_webhook_providers(const ServerConfig& config, const ContentBundle& content) {
  Diagnostics out;
  for (size_t i = 0; i < config.webhooks.size(); ++i) {
    const WebhookConfig& w = config.webhooks[i];
    if (w.provider.empty()) continue;
    const bool known = content.network.empty() ? w.provider == content.clinic.id : content.network.find(w.provider) != nullptr;
    if (known) continue;
    out.push_back({DiagnosticLevel::Error, config.file, w.provider_line, detail::index_path("$.webhooks", i) + ".provider",
                   content.network.empty()
                       ? "the content has no provider network, so the only provider is the clinic \"" + content.clinic.id +
                             "\", not \"" + w.provider + "\""
                       : "no provider \"" + w.provider + "\" in the content's providers.json"});
  }
  return out;
}

std::string resolve_path(const ServerConfig& config, const std::string& path) {
  if (path.empty() || path[0] == '/' || is_postgres_url(path) || path.rfind("sqlite:", 0) == 0) return path;
  size_t slash = config.file.rfind('/');
  return slash == std::string::npos ? path : config.file.substr(0, slash + 1) + path;
}

}  // namespace ketascreen::server
