#include "login_page.hpp"

#include "../crypto.hpp"
#include "../referral_api.hpp"
#include "html.hpp"
#include "totp.hpp"

namespace ketascreen::server {
namespace {

// Said for every failed attempt, whatever the cause, so the form does not tell which names exist.
constexpr const char* kFailed =
    "That name and password do not match, or the account is locked for a while after too many attempts.";

std::string notice_for(const std::string& query) {
  auto q = parse_form(query);
  auto m = q.find("m");
  if (m == q.end()) return "";
  if (m->second == "idle") return "You were signed out because the inbox was not used for a while.";
  if (m->second == "out") return "You are signed out.";
  return "";
}

// The cost of one argon2id check, for answers that need no real one (unknown names, locked
// accounts), so the time of the answer does not tell which names exist or are locked.
void spend_a_password_check(std::string_view password) {
  static const std::string decoy = hash_password(random_token(16)).value_or("");
  verify_password(decoy, password);
}

}  // namespace

// Whether `request`'s address may try to sign in now; else 429 with Retry-After, nothing checked.
std::optional<Response> sign_in_refused(ServerContext& context, const Request& request) {
  if (!context.sign_in_limiter) return std::nullopt;
  int wait = context.sign_in_limiter->admit(client_address(context.config, request), random_token(12), context.now_ms());
  if (!wait) return std::nullopt;
  Response r = login_form(context, request, 429, "Too many sign-in attempts from this network. Try again in a few minutes.");
  r.set("Retry-After", std::to_string(wait));
  return r;
}

Response login_form(ServerContext& context, const Request& request, int status, const std::string& message) {
  const std::string token = random_token(24);
  std::string notice = message.empty() ? notice_for(request.query) : message;
  std::string body = "<section class=\"login\">\n<h1>Sign in</h1>\n";
  if (!notice.empty())
    body += std::string("<p class=\"") + (status == 200 ? "notice" : "error") + "\" role=\"" +
            (status == 200 ? "status" : "alert") + "\">" + html::escape(notice) + "</p>\n";
  body += "<form method=\"post\" action=\"/inbox/login\">" + html::csrf_field(token) +
          "<label for=\"name\">User name</label>"
          "<input id=\"name\" name=\"name\" autocomplete=\"username\" required autocapitalize=\"none\" spellcheck=\"false\">"
          "<label for=\"password\">Password</label>"
          "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
          "<label for=\"code\">Authenticator code <span class=\"hint\">(if your account has one)</span></label>"
          "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\">"
          "<button type=\"submit\">Sign in</button></form>\n"
          "<p class=\"hint\">This inbox holds health information. Every view and change is recorded.</p>\n</section>";
  (void)context;
  Response r = html::page(status, {"Sign in", "", false, "", ""}, body);
  r.set("Set-Cookie", cookie_header(kLoginCookie, token, 3600));
  return r;
}

Response login(ServerContext& context, const Request& request) {
  if (auto refused = sign_in_refused(context, request)) return *refused;
  auto form = parse_form(request.body);
  auto cookies = parse_cookies(request.header("cookie"));
  auto expected = cookies.find(kLoginCookie);
  if (!same_origin(context, request) || expected == cookies.end() || expected->second.empty() ||
      !equal_in_constant_time(form["csrf"], expected->second)) {
    audit(context, request, nullptr, "login_refused", "", "no valid login form token or another origin");
    return login_form(context, request, 403, "This sign-in form had expired. Please sign in again.");
  }
  const std::string name = form["name"];
  const std::int64_t now = context.now_ms();
  auto user = context.store->find_user(name);
  if (!user.ok()) return login_form(context, request, 503, "The inbox cannot reach its database. Try again shortly.");
  if (!*user.value) {
    spend_a_password_check(form["password"]);
    audit(context, request, nullptr, "login_failed", "", "unknown user name");
    return login_form(context, request, 401, kFailed);
  }
  const User& u = **user.value;
  if (u.disabled || u.locked_until > now) {
    spend_a_password_check(form["password"]);
    audit(context, request, nullptr, "login_failed", "", std::string(u.disabled ? "disabled" : "locked") + " account " + u.name);
    return login_form(context, request, 401, kFailed);
  }
  bool ok = verify_password(u.password_hash, form["password"]);
  if (ok && (!u.totp_sealed.empty() || context.config.require_totp)) {
    auto secret = u.totp_sealed.empty() ? std::nullopt : context.keys.open(u.totp_sealed, "totp:" + u.name);
    ok = secret && totp_matches(*secret, form["code"], now / 1000);
  }
  if (!ok) {
    context.store->record_login_failure(u.name, now, context.config.max_failed_logins,
                                        context.config.lockout_minutes * 60000LL);
    audit(context, request, nullptr, "login_failed", "", "wrong password or code for " + u.name);
    return login_form(context, request, 401, kFailed);
  }
  context.store->clear_login_failures(u.name);
  auto cookie = start_session(context, u);
  if (!cookie) return login_form(context, request, 503, "The inbox cannot reach its database. Try again shortly.");
  Viewer viewer{u, {}};
  audit(context, request, &viewer, "login");
  Response r = html::redirect("/inbox");
  r.headers.emplace_back("Set-Cookie", *cookie);
  r.headers.emplace_back("Set-Cookie", expired_cookie_header(kLoginCookie));
  return r;
}

Response logout(ServerContext& context, const Request& request, const Viewer& viewer) {
  context.store->delete_session(viewer.session.token_hash);
  audit(context, request, &viewer, "logout");
  Response r = html::redirect("/inbox/login?m=out");
  r.set("Set-Cookie", expired_cookie_header(kSessionCookie));
  return r;
}

}  // namespace ketascreen::server
