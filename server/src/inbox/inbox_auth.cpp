#include "inbox_auth.hpp"

#include "../crypto.hpp"
#include "../referral_api.hpp"

namespace ketascreen::server {
namespace {

std::string public_origin(const ServerConfig& config) {
  // scheme://host[:port] of public_url, without a path.
  const std::string& url = config.public_url;
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

}  // namespace

std::string cookie_header(const char* name, const std::string& value, int max_age_seconds) {
  std::string c = std::string(name) + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Strict";
  if (max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(max_age_seconds);
  return c;
}

std::string expired_cookie_header(const char* name) { return cookie_header(name, "", 0); }

Authentication authenticate(ServerContext& context, const Request& request) {
  Authentication result;
  auto cookies = parse_cookies(request.header("cookie"));
  auto token = cookies.find(kSessionCookie);
  if (token == cookies.end() || token->second.empty()) return result;
  const std::string token_hash = context.keys.mac("session", token->second);
  auto session = context.store->find_session(token_hash);
  if (!session.ok()) {
    result.unavailable = true;
    return result;
  }
  if (!*session.value) return result;
  const std::int64_t now = context.now_ms();
  const Session& s = **session.value;
  const bool idle = now - s.last_seen > context.config.session_idle_minutes * 60000LL;
  const bool too_old = now - s.created_at > context.config.session_max_hours * 3600000LL;
  auto user = context.store->find_user(s.user_name);
  if (!user.ok()) {
    result.unavailable = true;
    return result;
  }
  if (idle || too_old || !*user.value || (*user.value)->disabled) {
    context.store->delete_session(token_hash);
    result.timed_out = idle || too_old;
    return result;
  }
  context.store->touch_session(token_hash, now);
  result.viewer = Viewer{**user.value, s};
  return result;
}

bool same_origin(const ServerContext& context, const Request& request) {
  std::string origin = request.header("origin");
  if (!origin.empty()) return origin == public_origin(context.config);
  std::string site = request.header("sec-fetch-site");
  return site.empty() || site == "same-origin" || site == "none";
}

bool csrf_matches(const Viewer& viewer, const std::map<std::string, std::string>& form) {
  auto it = form.find("csrf");
  return it != form.end() && !viewer.session.csrf.empty() && equal_in_constant_time(it->second, viewer.session.csrf);
}

std::optional<std::string> start_session(ServerContext& context, const User& user) {
  const std::string token = random_token(32);
  const std::int64_t now = context.now_ms();
  Session s{context.keys.mac("session", token), user.name, random_token(24), now, now};
  if (!context.store->create_session(s).ok()) return std::nullopt;
  return cookie_header(kSessionCookie, token);
}

bool audit(ServerContext& context, const Request& request, const Viewer* viewer, const std::string& action,
           const std::string& referral_id, const std::string& detail) {
  AuditEntry e;
  e.at = context.now_ms();
  e.user_name = viewer ? viewer->user.name : "anonymous";
  e.action = action;
  e.referral_id = referral_id;
  e.detail = detail;
  e.address = client_address(context.config, request);
  auto written = context.store->audit(e);
  if (!written.ok() && context.log) context.log("audit not written (" + action + "): " + written.error.message);
  return written.ok();
}

}  // namespace ketascreen::server
