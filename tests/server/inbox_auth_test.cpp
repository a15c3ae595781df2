// The inbox's gate: login, sessions, CSRF, lockout, idle logoff, roles, TOTP.
#include "inbox/totp.hpp"
#include "inbox_client.hpp"

using namespace server_test;

TEST_CASE("every inbox route refuses an anonymous request and shows no health data") {
  ServerFixture f;
  const std::string id = received(f, Outcome::DiscussWithProvider, "Anonymous Target");
  const std::vector<std::string> pages = {"/inbox",        "/inbox/export.csv",          "/inbox/referrals/" + id,
                                          "/inbox/audit",  "/inbox/referrals/" + id + "/fhir.json",
                                          "/inbox/notifications"};
  for (const auto& path : pages) {
    CAPTURE(path);
    Response r = f.get(path);
    CHECK(r.status == 303);
    CHECK(r.header("Location") == "/inbox/login");
    CHECK_FALSE(contains(r.body, "Anonymous Target"));
  }
  const std::vector<std::string> actions = {"/inbox/referrals/" + id + "/status", "/inbox/referrals/" + id + "/notes",
                                            "/inbox/logout", "/inbox/notifications/1/replay"};
  for (const auto& path : actions) {
    CAPTURE(path);
    Response r = f.post_form(path, "status=closed&reason=treated&text=hello&csrf=guess");
    CHECK(r.status == 401);
  }
  // A made-up session cookie is no better than none.
  CHECK(f.get("/inbox", std::string(kSessionCookie) + "=forged-token").status == 303);
  auto stored = f.store->find_referral(id);
  REQUIRE(stored.ok());
  CHECK((*stored.value)->status == "new");
  auto notes = f.store->notes_of(id);
  REQUIRE(notes.ok());
  CHECK(notes.value->empty());
}

TEST_CASE("signing in sets a __Host- session cookie, a new one at every login, and signing out ends it") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  LoginAttempt first = try_login(f, "amy", kStaffPassword);
  REQUIRE(first.response.status == 303);
  CHECK(first.response.header("Location") == "/inbox");
  const std::string line = set_cookie_line(first.response, kSessionCookie);
  CHECK(contains(line, "; Path=/"));
  CHECK(contains(line, "; Secure"));
  CHECK(contains(line, "; HttpOnly"));
  CHECK(contains(line, "; SameSite=Strict"));
  CHECK_FALSE(contains(line, "Domain="));
  LoginAttempt second = try_login(f, "amy", kStaffPassword);
  CHECK(second.session != first.session);
  CHECK(second.session.size() >= 40);

  // The token is kept only as a keyed hash: the database does not hold a usable cookie.
  auto by_raw = f.store->find_session(first.session);
  REQUIRE(by_raw.ok());
  CHECK_FALSE(*by_raw.value);

  Staff s = sign_in(f, "amy");
  CHECK(s.get("/inbox").status == 200);
  Response out = s.post("/inbox/logout");
  CHECK(out.status == 303);
  CHECK(out.header("Location") == "/inbox/login?m=out");
  CHECK(s.get("/inbox").status == 303);  // the same cookie no longer opens anything
}

TEST_CASE("a wrong password, an unknown name and a locked account all get the same answer") {
  ServerFixture f;
  f.context.config.max_failed_logins = 3;
  f.context.config.lockout_minutes = 15;
  add_staff(f, "amy", "intake");
  LoginAttempt unknown = try_login(f, "nobody", kStaffPassword);
  LoginAttempt wrong = try_login(f, "amy", "wrong password!!");
  CHECK(unknown.response.status == 401);
  CHECK(wrong.response.status == 401);
  CHECK(unknown.session.empty());
  CHECK(wrong.session.empty());
  CHECK(csrf_in(unknown.response.body).empty() == false);  // the form is shown again to try once more

  try_login(f, "amy", "wrong password!!");
  try_login(f, "amy", "wrong password!!");  // the third failure locks the account
  LoginAttempt locked = try_login(f, "amy", kStaffPassword);
  CHECK(locked.response.status == 401);
  CHECK(locked.session.empty());
  // The refusal says the same for a lock, a wrong password and an unknown name (nothing to learn).
  CHECK(contains(locked.response.body, "do not match, or the account is locked"));
  CHECK(alert_in(locked.response.body) == alert_in(wrong.response.body));
  CHECK(alert_in(unknown.response.body) == alert_in(wrong.response.body));

  f.clock += 16 * 60000;  // the lock ends
  CHECK(try_login(f, "amy", kStaffPassword).response.status == 303);
}

TEST_CASE("the login form refuses a post without its own token or from another site") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  // No login cookie: a cross-site login (login CSRF) or a stale form.
  Response r = f.post_form("/inbox/login", "csrf=abc&name=amy&password=" + url_encode(kStaffPassword));
  CHECK(r.status == 403);
  CHECK(cookie_value(r, kSessionCookie).empty());
  // The right token from another origin.
  Response form = f.get("/inbox/login");
  const std::string token = cookie_value(form, kLoginCookie);
  Response other = f.post_form("/inbox/login", "csrf=" + token + "&name=amy&password=" + url_encode(kStaffPassword),
                               std::string(kLoginCookie) + "=" + token, "https://evil.example");
  CHECK(other.status == 403);
  CHECK(cookie_value(other, kSessionCookie).empty());
}

TEST_CASE("every inbox form refuses a post without the session's CSRF token, or from another origin") {
  ServerFixture f;
  add_staff(f, "amy", "admin");
  const std::string id = received(f);
  Staff s = sign_in(f, "amy");
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"/inbox/referrals/" + id + "/status", "status=closed&reason=treated"},
      {"/inbox/referrals/" + id + "/notes", "text=called+back"},
      {"/inbox/logout", ""},
      {"/inbox/notifications/1/replay", ""}};
  for (const auto& [path, form] : forms) {
    CAPTURE(path);
    CHECK(f.post_form(path, form, s.cookie).status == 403);                              // no token
    CHECK(f.post_form(path, form + "&csrf=" + std::string(s.csrf.size(), 'A'), s.cookie).status == 403);  // a wrong one
    CHECK(f.post_form(path, form + "&csrf=" + url_encode(s.csrf), s.cookie, "https://evil.example").status == 403);
  }
  auto stored = f.store->find_referral(id);
  REQUIRE(stored.ok());
  CHECK((*stored.value)->status == "new");
  CHECK(f.store->notes_of(id).value->empty());
  CHECK(s.get("/inbox").status == 200);  // still signed in: the refused logout did nothing
  // With the token and the right origin it works.
  CHECK(s.post("/inbox/referrals/" + id + "/status", "status=contacted").status == 303);
}

TEST_CASE("an idle session ends: the next page goes to the login form and says why") {
  ServerFixture f;
  f.context.config.session_idle_minutes = 15;
  add_staff(f, "amy", "intake");
  Staff s = sign_in(f, "amy");
  f.clock += 10 * 60000;
  CHECK(s.get("/inbox").status == 200);  // use keeps it alive
  f.clock += 14 * 60000;
  CHECK(s.get("/inbox").status == 200);
  f.clock += 16 * 60000;
  Response r = s.get("/inbox");
  CHECK(r.status == 303);
  CHECK(r.header("Location") == "/inbox/login?m=idle");
  CHECK(contains(f.get("/inbox/login?m=idle").body, "signed out because the inbox was not used"));
  f.clock += 1000;
  CHECK(s.get("/inbox").status == 303);  // and the session is gone, not just paused
}

TEST_CASE("a session also ends after its maximum age, however busy") {
  ServerFixture f;
  f.context.config.session_max_hours = 12;
  add_staff(f, "amy", "intake");
  Staff s = sign_in(f, "amy");
  int ended_at = 0;  // in steps of 10 minutes of steady use
  for (int step = 1; step <= 80 && !ended_at; ++step) {
    f.clock += 10 * 60000;
    if (s.get("/inbox").status != 200) ended_at = step;
  }
  CHECK(ended_at == 12 * 6 + 1);  // the first page past 12 hours
}

TEST_CASE("intake staff cannot open the audit log or the notifications - admins can") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  add_staff(f, "root", "admin");
  Staff intake = sign_in(f, "amy");
  Staff admin = sign_in(f, "root");
  CHECK(intake.get("/inbox/audit").status == 403);
  CHECK(intake.get("/inbox/notifications").status == 403);
  CHECK(intake.post("/inbox/notifications/1/replay").status == 403);
  CHECK_FALSE(contains(intake.get("/inbox").body, "/inbox/audit"));  // no link to it either
  Response log = admin.get("/inbox/audit");
  CHECK(log.status == 200);
  CHECK(contains(log.body, "refused_admin_only"));  // the intake user's attempt is on record
  CHECK(contains(log.body, ">amy<"));
  CHECK(admin.get("/inbox/notifications").status == 200);
}

TEST_CASE("TOTP: the RFC 6238 test vector, and a login that needs the code") {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": T=59 -> 94287082 (8 digits).
  CHECK(hotp_code("12345678901234567890", 59 / 30, 8) == "94287082");
  CHECK(hotp_code("12345678901234567890", 1111111109 / 30, 8) == "07081804");
  // RFC 4226 appendix D, counter 0..2 (6 digits).
  CHECK(hotp_code("12345678901234567890", 0) == "755224");
  CHECK(hotp_code("12345678901234567890", 2) == "359152");
  CHECK(base32_encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

  ServerFixture f;
  add_staff(f, "amy", "intake");
  const std::string secret = "0123456789abcdefghij";
  REQUIRE(f.store->set_totp("amy", f.context.keys.seal(secret, "totp:amy")).ok());
  const std::int64_t now_s = f.clock / 1000;
  CHECK(try_login(f, "amy", kStaffPassword).response.status == 401);                                  // no code
  CHECK(try_login(f, "amy", kStaffPassword, hotp_code(secret, now_s / 30 + 5)).response.status == 401);  // a later one
  CHECK(try_login(f, "amy", kStaffPassword, hotp_code(secret, now_s / 30)).response.status == 303);
}

TEST_CASE("require_totp: an account without a second factor cannot sign in") {
  ServerFixture f;
  f.context.config.require_totp = true;
  add_staff(f, "amy", "intake");
  CHECK(try_login(f, "amy", kStaffPassword).response.status == 401);
}

TEST_CASE("inbox pages forbid scripts, framing and caching") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  Staff s = sign_in(f, "amy");
  for (const Response& r : {f.get("/inbox/login"), s.get("/inbox")}) {
    CHECK(contains(r.header("Content-Security-Policy"), "default-src 'none'"));
    CHECK_FALSE(contains(r.header("Content-Security-Policy"), "script-src"));
    CHECK(contains(r.header("Content-Security-Policy"), "frame-ancestors 'none'"));
    CHECK(r.header("Cache-Control") == "no-store");
    CHECK(r.header("X-Frame-Options") == "DENY");
  }
}

TEST_CASE("sign-in attempts from one address are limited: 429 with Retry-After, and no audit flood") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  int refused_at = 0;
  for (int i = 1; i <= kSignInBurst + 5 && !refused_at; ++i) {
    Response r = f.post_form("/inbox/login", "csrf=x&name=amy&password=guess");
    if (r.status == 429) {
      refused_at = i;
      CHECK(!r.header("Retry-After").empty());
    }
  }
  CHECK(refused_at == kSignInBurst + 1);
  const auto rows_before = f.store->audit_log(100000, 0).value->size();
  for (int i = 0; i < 50; ++i) f.get("/inbox/audit");  // anonymous refusals past the limit
  CHECK(f.store->audit_log(100000, 0).value->size() == rows_before);
  // Another address is not affected.
  Request other;
  other.method = "GET";
  other.path = "/inbox/login";
  other.remote_address = "192.0.2.44";
  CHECK(handle_request(f.context, other).status == 200);
}

TEST_CASE("an admin account scoped to one provider cannot open the admin pages") {
  ServerFixture f;
  add_staff(f, "scoped", "admin", "eastside");
  Staff s = sign_in(f, "scoped");
  CHECK(s.get("/inbox/audit").status == 403);
  CHECK(s.get("/inbox/notifications").status == 403);
}
