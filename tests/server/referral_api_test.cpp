// POST /api/referrals: every answer of the table in shared/DESIGN.md "Referral server".
#include "server_fixture.hpp"

#include <thread>

using namespace server_test;

TEST_CASE("a referral the widget built is stored once: 201, then the first receipt on a retry") {
  ServerFixture f;
  json::Value p = f.payload();
  Response first = f.post(p);
  CHECK(first.status == 201);
  json::Value receipt = parse_body(first);
  CHECK(receipt.find("id")->as_string() == p.find("id")->as_string());
  CHECK(receipt.find("received_at")->as_string() == format_rfc3339(f.clock));
  CHECK(first.header("Access-Control-Allow-Origin") == "https://harborlight.example.com");

  f.clock += 5000;  // the retry comes later: the receipt is still the first one
  Response again = f.post(p);
  CHECK(again.status == 200);
  CHECK(again.body == first.body);
  CHECK(f.referral_count() == 1);
}

TEST_CASE("the same key with another body is 409 and changes nothing") {
  ServerFixture f;
  json::Value p = f.payload();
  REQUIRE(f.post(p).status == 201);
  json::Value other = p;
  other.find("contact");
  other.as_object()[4].second.set("name", "Someone Else");
  Response r = f.post(other);
  CHECK(r.status == 409);
  auto stored = f.store->find_referral(p.find("id")->as_string());
  REQUIRE(stored.ok());
  auto plain = f.context.keys.open((*stored.value)->sealed, "referral:" + p.find("id")->as_string());
  REQUIRE(plain);
  CHECK(plain->find("Test Visitor") != std::string::npos);
}

TEST_CASE("what is stored is sealed: no contact detail or answer in the database file") {
  ServerFixture f;
  REQUIRE(f.post(f.payload(Outcome::LikelyCandidate, "Zebulon Quarrington")).status == 201);
  f.pool.reset();  // close the connections so the WAL is checkpointed into the file
  std::string file;
  for (const auto& entry : std::filesystem::directory_iterator(f.dir.path)) file += test_support::read_text_file(entry.path());
  if (std::getenv("KETASCREEN_TEST_POSTGRES_URL")) return;  // no file to read there
  CHECK(file.find("Zebulon") == std::string::npos);
  CHECK(file.find("5552010142") == std::string::npos);
  CHECK(file.find("visitor@example.com") == std::string::npos);
  CHECK(file.find("97477") == std::string::npos);
  CHECK(file.find("likely_candidate") != std::string::npos);  // the outcome stays queryable
}

TEST_CASE("a payload the widget could not have built is 422 with the field") {
  ServerFixture f;
  SUBCASE("an outcome that does not follow from the answers") {
    json::Value p = f.payload(Outcome::NotSuitableNow);
    std::string text = test_support::replaced(json::serialize(p), "\"not_suitable_now\"", "\"likely_candidate\"");
    Response r = f.post(text, p.find("id")->as_string());
    CHECK(r.status == 422);
    CHECK(r.body.find("\"field\":\"screening.outcome\"") != std::string::npos);
  }
  SUBCASE("a phone number the form refuses, with the form's own message") {
    json::Value p = f.payload();
    std::string text = test_support::replaced(json::serialize(p), "+15552010142", "12");
    Response r = f.post(text, p.find("id")->as_string());
    CHECK(r.status == 422);
    CHECK(r.body.find("\"field\":\"contact.phone\"") != std::string::npos);
    CHECK(r.body.find("10-digit US phone number") != std::string::npos);
  }
  SUBCASE("an answer to a question that does not exist") {
    json::Value p = f.payload();
    std::string text = test_support::replaced(json::serialize(p), "\"answers\":{", "\"answers\":{\"favourite_colour\":true,");
    Response r = f.post(text, p.find("id")->as_string());
    CHECK(r.status == 422);
    CHECK(r.body.find("screening.answers.favourite_colour") != std::string::npos);
  }
  SUBCASE("a crisis outcome, for which the widget offers no referral") {
    json::Value p = f.payload();
    auto answers = example_answers(f.bundle().screening, Outcome::UrgentHelp);
    REQUIRE(answers);
    json::Value sent = json::Value::object();
    for (const auto& [id, value] : *answers) sent.set(id, to_json(value));
    for (auto& [key, value] : p.as_object())
      if (key == "screening") value.set("answers", sent);
    Response r = f.post(p);
    CHECK(r.status == 422);
    CHECK(r.body.find("screening.outcome") != std::string::npos);
  }
  SUBCASE("a field the widget never sends") {
    json::Value p = f.payload();
    p.set("tracking", "x");
    Response r = f.post(p);
    CHECK(r.status == 422);
    CHECK(r.body.find("\"field\":\"tracking\"") != std::string::npos);
  }
  SUBCASE("not JSON") {
    Response r = f.post("{\"id\": ", fresh_uuid());
    CHECK(r.status == 422);
    CHECK(r.body.find("\"field\":\"$\"") != std::string::npos);
  }
  SUBCASE("a key that is not the payload id") {
    json::Value p = f.payload();
    Response r = f.post(json::serialize(p), fresh_uuid());
    CHECK(r.status == 422);
    CHECK(r.body.find("\"field\":\"id\"") != std::string::npos);
  }
  SUBCASE("no Idempotency-Key") {
    Response r = f.post(json::serialize(f.payload()), "");
    CHECK(r.status == 422);
    CHECK(r.body.find("Idempotency-Key") != std::string::npos);
  }
  CHECK(f.referral_count() == 0);
}

TEST_CASE("a body over 64 KiB is 413, a wrong content type 415") {
  ServerFixture f;
  json::Value p = f.payload();
  std::string key = p.find("id")->as_string();
  CHECK(f.post(json::serialize(p), key, "text/plain").status == 415);
  CHECK(f.post(json::serialize(p), key, "").status == 415);
  CHECK(f.post(json::serialize(p), key, "application/json; charset=utf-8").status == 201);
  Request big;
  big.method = "POST";
  big.path = "/api/referrals";
  big.headers["content-type"] = "application/json";
  big.headers["idempotency-key"] = fresh_uuid();
  big.body = std::string(64 * 1024 + 1, ' ');
  CHECK(handle_request(f.context, big).status == 413);
  big.body.clear();
  big.body_too_large = true;  // what the HTTP layer says when it stopped reading
  CHECK(handle_request(f.context, big).status == 413);
}

TEST_CASE("another site's page may not send referrals - the clinic's may, with a preflight") {
  ServerFixture f;
  json::Value p = f.payload();
  Response r = f.post(json::serialize(p), p.find("id")->as_string(), "application/json", "203.0.113.5", "https://evil.example");
  CHECK(r.status == 403);
  CHECK(r.header("Access-Control-Allow-Origin").empty());

  Request pre;
  pre.method = "OPTIONS";
  pre.path = "/api/referrals";
  pre.headers["origin"] = "https://harborlight.example.com";
  pre.headers["access-control-request-method"] = "POST";
  pre.headers["access-control-request-headers"] = "content-type,idempotency-key";
  Response ok = handle_request(f.context, pre);
  CHECK(ok.status == 204);
  CHECK(ok.header("Access-Control-Allow-Origin") == "https://harborlight.example.com");
  CHECK(ok.header("Access-Control-Allow-Headers").find("Idempotency-Key") != std::string::npos);
  pre.headers["origin"] = "https://evil.example";
  CHECK(handle_request(f.context, pre).status == 403);
  pre.headers["origin"] = "https://harborlight.example.com";
  pre.headers["access-control-request-headers"] = "content-type,x-other";
  CHECK(handle_request(f.context, pre).status == 403);
}

TEST_CASE("the rate limit stops a flood from one address but never a visitor's retries") {
  ServerConfig config = ServerFixture::default_config();
  config.new_referrals_per_hour = 6;
  config.referral_burst = 3;
  ServerFixture f(config);
  std::vector<json::Value> sent;
  for (int i = 0; i < 3; ++i) {
    sent.push_back(f.payload());
    CHECK(f.post(sent.back()).status == 201);
  }
  json::Value fourth = f.payload();
  Response limited = f.post(fourth);
  CHECK(limited.status == 429);
  CHECK(std::stoi(limited.header("Retry-After")) == 600);  // one token every 10 minutes
  // Retries of stored referrals still get their receipt at once.
  for (const auto& p : sent) CHECK(f.post(p).status == 200);
  // Another address is not affected.
  CHECK(f.post(json::serialize(fourth), fourth.find("id")->as_string(), "application/json", "203.0.113.99").status == 201);
  f.clock += 600 * 1000;
  json::Value later = f.payload();
  CHECK(f.post(later).status == 201);
}

TEST_CASE("a retry whose first attempt failed after it was charged is not charged again") {
  RateLimiter limiter(1, 1);
  CHECK(limiter.admit("a", "key-1", 0) == 0);
  CHECK(limiter.admit("a", "key-1", 10) == 0);  // the same visitor retrying
  CHECK(limiter.admit("a", "key-2", 20) > 0);
}

TEST_CASE("racing requests with one key store one referral - every winner and loser gets the receipt") {
  ServerFixture f;
  json::Value p = f.payload();
  std::string body = json::serialize(p), key = p.find("id")->as_string();
  std::vector<int> statuses(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] { statuses[i] = f.post(body, key).status; });
  for (auto& t : threads) t.join();
  CHECK(std::count(statuses.begin(), statuses.end(), 201) == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), 200) == 7);
  CHECK(f.referral_count() == 1);
}

TEST_CASE("a new referral queues its notifications in the same transaction, with no health data") {
  ServerConfig config = ServerFixture::default_config();
  config.email.smtp_url = "smtp://127.0.0.1:2525";
  config.email.from = "ketascreen@example.com";
  config.email.to = {"intake@example.com"};
  config.webhooks = {{"https://hooks.example.com/k", "hook.secret"}};
  ServerFixture f(config);
  json::Value p = f.payload(Outcome::DiscussWithProvider, "Yolanda Quist");
  REQUIRE(f.post(p).status == 201);
  auto queued = f.store->due_notifications(f.clock, 10);
  REQUIRE(queued.ok());
  REQUIRE(queued.value->size() == 2);
  for (const auto& item : *queued.value) {
    CHECK(item.referral_id == p.find("id")->as_string());
    CHECK(item.body.find("https://intake.example.com/inbox/referrals/" + item.referral_id) != std::string::npos);
    for (const char* secret : {"Yolanda", "5552010142", "visitor@example.com", "97477", "discuss_with_provider"})
      CHECK_MESSAGE(item.body.find(secret) == std::string::npos, item.body);
  }
  // A retry queues nothing more.
  REQUIRE(f.post(p).status == 200);
  CHECK(f.store->due_notifications(f.clock, 10).value->size() == 2);
}

TEST_CASE("timing: a Send within a second of the form opening is refused, a person's pace is not") {
  ServerFixture f;
  // created_at is 10:00:05 in the fixture's payloads.
  json::Value fast = f.payload(Outcome::LikelyCandidate, "Script Kiddie", "2026-12-01T10:00:04.500Z");
  Response r = f.post(fast);
  CHECK(r.status == 422);
  CHECK(r.body.find("timing.form_opened_at") != std::string::npos);
  json::Value later = f.payload(Outcome::LikelyCandidate, "Time Traveller", "2026-12-01T10:00:09Z");  // after Send
  CHECK(f.post(later).status == 422);
  CHECK(f.post(f.payload(Outcome::LikelyCandidate, "Quick Person", "2026-12-01T10:00:03.900Z")).status == 201);
  CHECK(f.post(f.payload(Outcome::LikelyCandidate, "Older Widget", "")).status == 201);  // no "timing" at all
  json::Value odd = f.payload();
  std::string text = test_support::replaced(json::serialize(odd), "2026-12-01T09:58:40Z", "yesterday");
  Response bad = f.post(text, odd.find("id")->as_string());
  CHECK(bad.status == 422);
  CHECK(bad.body.find("timing.form_opened_at") != std::string::npos);
  CHECK(f.referral_count() == 2);
}
