#pragma once
// A member of the intake staff in tests: made in the fixture's database, signed in through the
// real login form (its own CSRF cookie, then the session cookie), holding the session's cookie and
// CSRF token as a browser would.

#include <optional>
#include <string>

#include "crypto.hpp"
#include "inbox/inbox_auth.hpp"
#include "server_fixture.hpp"

namespace server_test {

inline constexpr const char* kStaffPassword = "correct horse battery staple";

// The first Set-Cookie value for `name` ("" when none), without its attributes.
inline std::string cookie_value(const Response& r, const std::string& name) {
  for (const auto& [header, value] : r.headers) {
    if (header != "Set-Cookie" || value.rfind(name + "=", 0) != 0) continue;
    std::string v = value.substr(name.size() + 1);
    return v.substr(0, v.find(';'));
  }
  return "";
}

inline std::string set_cookie_line(const Response& r, const std::string& name) {
  for (const auto& [header, value] : r.headers)
    if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value;
  return "";
}

// The value of the first hidden csrf field in a page.
inline std::string csrf_in(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

// The text of a page's role="alert" paragraph ("" when none).
inline std::string alert_in(const std::string& html) {
  size_t at = html.find("role=\"alert\">");
  if (at == std::string::npos) return "";
  at = html.find('>', at) + 1;
  return html.substr(at, html.find("</p>", at) - at);
}

inline void add_staff(ServerFixture& f, const std::string& name, const std::string& role, const std::string& provider = "") {
  User u;
  u.name = name;
  u.role = role;
  u.provider = provider;
  u.password_hash = *hash_password(kStaffPassword);
  u.created_at = f.clock;
  auto added = f.store->add_user(u);
  REQUIRE(added.ok());
  REQUIRE(*added.value);
}

struct LoginAttempt {
  Response response;
  std::string session;  // the new session cookie's value, "" when none was set
};

inline LoginAttempt try_login(ServerFixture& f, const std::string& name, const std::string& password,
                              const std::string& code = "") {
  Response form = f.get("/inbox/login");
  REQUIRE(form.status == 200);
  const std::string token = cookie_value(form, kLoginCookie);
  REQUIRE(!token.empty());
  REQUIRE(csrf_in(form.body) == token);
  Response r = f.post_form("/inbox/login",
                           "csrf=" + url_encode(token) + "&name=" + url_encode(name) + "&password=" + url_encode(password) +
                               "&code=" + url_encode(code),
                           std::string(kLoginCookie) + "=" + token);
  return {r, cookie_value(r, kSessionCookie)};
}

struct Staff {
  ServerFixture& f;
  std::string cookie;  // "__Host-ketascreen-session=..."
  std::string csrf;

  Response get(const std::string& path) { return f.get(path, cookie); }
  // A form post with the session's CSRF token added.
  Response post(const std::string& path, const std::string& form = "") {
    return f.post_form(path, form + (form.empty() ? "" : "&") + "csrf=" + url_encode(csrf), cookie);
  }
};

inline Staff sign_in(ServerFixture& f, const std::string& name) {
  LoginAttempt a = try_login(f, name, kStaffPassword);
  REQUIRE(a.response.status == 303);
  REQUIRE(!a.session.empty());
  Staff s{f, std::string(kSessionCookie) + "=" + a.session, ""};
  Response list = s.get("/inbox");
  REQUIRE(list.status == 200);
  s.csrf = csrf_in(list.body);
  REQUIRE(!s.csrf.empty());
  return s;
}

// Stores a referral through the API and returns its id.
inline std::string received(ServerFixture& f, Outcome outcome = Outcome::LikelyCandidate, const std::string& name = "Test Visitor") {
  json::Value p = f.payload(outcome, name);
  Response r = f.post(p);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return p.find("id")->as_string();
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace server_test
