#pragma once
// Who is asking: the session cookie checked against the sessions table (by its keyed hash, so a
// copy of the database holds no usable token), idle and absolute time-outs, and the two checks
// every state-changing request passes: same origin and the session's CSRF token.

#include <map>
#include <optional>
#include <string>

#include "../http_message.hpp"
#include "../referral_store.hpp"
#include "../server_context.hpp"

namespace ketascreen::server {

// __Host-: the browser only accepts it with Secure, Path=/ and no Domain, so no sub-domain or
// plain-http page can set or overwrite it.
inline constexpr const char* kSessionCookie = "__Host-ketascreen-session";
// The login form's own CSRF token (double submit), before there is a session.
inline constexpr const char* kLoginCookie = "__Host-ketascreen-login";

struct Viewer {
  User user;
  Session session;
  bool admin() const { return user.role == "admin"; }
};

struct Authentication {
  std::optional<Viewer> viewer;
  bool timed_out = false;    // there was a session, ended by the idle or absolute limit
  bool unavailable = false;  // the database could not be asked
};

Authentication authenticate(ServerContext& context, const Request& request);

// A browser's POST from another site (Origin or Sec-Fetch-Site says so) is refused; requests
// without either header are not from a browser and cannot carry a victim's cookie.
bool same_origin(const ServerContext& context, const Request& request);

bool csrf_matches(const Viewer& viewer, const std::map<std::string, std::string>& form);

// Set-Cookie values.
std::string cookie_header(const char* name, const std::string& value, int max_age_seconds = -1);
std::string expired_cookie_header(const char* name);

// Starts a session for `user`: returns the Set-Cookie value. A new random token every time, so a
// token seen before login (session fixation) is worth nothing after it.
std::optional<std::string> start_session(ServerContext& context, const User& user);

// One audit row for what `viewer` did (user "anonymous" when null). false when it could not be
// written: a page that shows health data is then not shown, so no access goes unrecorded.
bool audit(ServerContext& context, const Request& request, const Viewer* viewer, const std::string& action,
           const std::string& referral_id = "", const std::string& detail = "");

}  // namespace ketascreen::server
