#pragma once
// A ketascreen-server in the test process: the real content bundle, a throw-away database (SQLite
// in a temporary folder, or the PostgreSQL of KETASCREEN_TEST_POSTGRES_URL), a fixed key, a clock
// the test moves, and requests handed to handle_request without a socket.

#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <random>
#include <string>

#include "../unit/test_support.hpp"
#include "app.hpp"
#include "connection_pool.hpp"
#include "ketascreen/example_answers.hpp"
#include "ketascreen/referral.hpp"
#include "referral_store.hpp"
#include "server_context.hpp"

namespace server_test {

using namespace ketascreen;
using namespace ketascreen::server;

inline std::string fresh_uuid() {
  static std::mt19937_64 random{std::random_device{}()};
  std::array<uint8_t, 16> bytes{};
  for (auto& b : bytes) b = static_cast<uint8_t>(random());
  return uuid_v4(bytes);
}

// A folder removed with the fixture.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("ketascreen-test-" + fresh_uuid());
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// The database tests run on: PostgreSQL when the suite is given one (each fixture gets an empty
// schema), else a new SQLite file.
inline std::string test_database_url(const TempDir& dir) {
  const char* pg = std::getenv("KETASCREEN_TEST_POSTGRES_URL");
  if (pg && *pg) {
    auto c = open_connection(pg);
    REQUIRE_MESSAGE(c.ok(), c.error.message);
    auto wiped = (*c.value)->script(
        "DROP TABLE IF EXISTS referral_hops, deliveries, outbox, endpoints, audit, sessions, notes, users, referrals, "
        "schema_version CASCADE");
    REQUIRE_MESSAGE(wiped.ok(), wiped.error.message);
    return pg;
  }
  return (dir.path / "test.sqlite3").string();
}

struct ServerFixture {
  TempDir dir;
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<ReferralStore> store;
  ServerContext context;
  std::atomic<std::int64_t> clock{1764800000000};  // 2025-12-03T22:13:20Z

  explicit ServerFixture(ServerConfig config = default_config()) {
    auto opened = ConnectionPool::open(test_database_url(dir), 4);
    REQUIRE_MESSAGE(opened.ok(), opened.error.message);
    pool = std::move(*opened.value);
    store = std::make_unique<ReferralStore>(*pool);
    auto migrated = store->migrate();
    REQUIRE_MESSAGE(migrated.ok(), migrated.error.message);
    context.config = std::move(config);
    context.bundles.push_back(test_support::real_bundle());
    // A single clinic unless a test gives it a network (network_fixture.hpp): the demo content's
    // own providers.json must not decide where these tests' referrals go.
    context.bundles.front().network = {};
    context.keys = KeyRing::from_bytes(std::vector<unsigned char>(32, 7));
    context.store = store.get();
    context.limiter = std::make_unique<RateLimiter>(context.config.new_referrals_per_hour, context.config.referral_burst);
    context.sign_in_limiter = std::make_unique<RateLimiter>(kSignInsPerHour, kSignInBurst);
    context.now_ms = [this] { return clock.load(); };
  }

  static ServerConfig default_config() {
    ServerConfig c;
    c.file = "server.json";
    c.allowed_origins = {"https://harborlight.example.com"};
    c.public_url = "https://intake.example.com";
    return c;
  }

  const ContentBundle& bundle() const { return context.current(); }

  // The payload the widget builds for a fictional visitor with answers leading to `outcome`.
  // `form_opened_at` as the widget sets it ("" leaves "timing" out, as older widgets and scripts do).
  json::Value payload(Outcome outcome = Outcome::LikelyCandidate, const std::string& name = "Test Visitor",
                      const std::string& form_opened_at = "2026-12-01T09:58:40Z") const {
    return payload_with(visitor(name, form_opened_at), outcome);
  }

  // The form as the fictional visitor fills it in (tests change the ZIP and the chosen provider).
  ReferralDraft visitor(const std::string& name = "Test Visitor",
                        const std::string& form_opened_at = "2026-12-01T09:58:40Z") const {
    ReferralDraft draft;
    draft.name = name;
    draft.phone = "(555) 201-0142";
    draft.email = "visitor@example.com";
    draft.zip = "97477";
    draft.preferred_time = bundle().clinic.referral.contact_times.front().id;
    draft.consent = true;
    draft.consent_given_at = "2026-12-01T10:00:00Z";
    draft.form_opened_at = form_opened_at;
    return draft;
  }

  json::Value payload_with(const ReferralDraft& draft, Outcome outcome = Outcome::LikelyCandidate) const {
    auto answers = example_answers(bundle().screening, outcome);
    REQUIRE(answers);
    auto built = build_referral_payload(bundle(), *answers, draft, {fresh_uuid(), "2026-12-01T10:00:05Z", "en"});
    REQUIRE_MESSAGE(built, test_support::join_diagnostics(built.errors()));
    return built.value();
  }

  Response post(const std::string& body, const std::string& key, const std::string& content_type = "application/json",
                const std::string& address = "203.0.113.5", const std::string& origin = "https://harborlight.example.com") {
    Request r;
    r.method = "POST";
    r.path = "/api/referrals";
    r.body = body;
    r.remote_address = address;
    if (!content_type.empty()) r.headers["content-type"] = content_type;
    if (!key.empty()) r.headers["idempotency-key"] = key;
    if (!origin.empty()) r.headers["origin"] = origin;
    return handle_request(context, r);
  }

  Response post(const json::Value& payload) {
    return post(json::serialize(payload), payload.find("id")->as_string());
  }

  Response get(const std::string& path, const std::string& cookie = "") {
    Request r;
    r.method = "GET";
    size_t q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) r.query = path.substr(q + 1);
    r.remote_address = "198.51.100.7";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    return handle_request(context, r);
  }

  Response post_form(const std::string& path, const std::string& form, const std::string& cookie = "",
                     const std::string& origin = "https://intake.example.com") {
    Request r;
    r.method = "POST";
    r.path = path;
    r.body = form;
    r.remote_address = "198.51.100.7";
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    if (!origin.empty()) r.headers["origin"] = origin;
    return handle_request(context, r);
  }

  std::int64_t referral_count() {
    auto n = store->count_referrals({});
    REQUIRE(n.ok());
    return *n.value;
  }
};

inline json::Value parse_body(const Response& r) {
  auto parsed = json::parse(r.body);
  REQUIRE_MESSAGE(parsed, r.body);
  return parsed.value();
}

}  // namespace server_test
