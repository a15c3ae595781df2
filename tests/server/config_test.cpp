// server.json: read strictly, every mistake reported as file:line $.path: message.
#include <doctest/doctest.h>

#include "config.hpp"
#include "ketascreen/bundle.hpp"

using namespace ketascreen;
using namespace ketascreen::server;

namespace {

std::string errors_of(const std::string& text) {
  auto parsed = parse_config(text, "server.json");
  std::string out;
  for (const auto& d : parsed.errors()) out += d.to_string() + "\n";
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kMinimal = R"({"database": "db.sqlite3", "key_file": "k.key", "content": "content.json"})";

}  // namespace

TEST_CASE("config: a minimal file reads, with the documented defaults") {
  auto c = parse_config(kMinimal, "/srv/ketascreen/server.json");
  REQUIRE(c);
  CHECK(c->port == 8080);
  CHECK(c->retention_days == 730);
  CHECK(c->session_idle_minutes == 15);
  CHECK(resolve_path(c.value(), c->database) == "/srv/ketascreen/db.sqlite3");
}

TEST_CASE("config: mistakes name the line and the path") {
  std::string e = errors_of("{\"database\": \"db\", \"key_file\": \"k\", \"content\": \"c\",\n"
                            " \"listen\": {\"port\": 70000},\n"
                            " \"colour\": \"blue\",\n"
                            " \"allowed_origins\": [\"https://clinic.example/path\"],\n"
                            " \"webhooks\": [{\"url\": \"http://ehr.example/hook\", \"secret_file\": \"s\"}]}");
  CHECK(has(e, "server.json:2 $.listen.port"));
  CHECK(has(e, "colour"));
  CHECK(has(e, "server.json:4 $.allowed_origins[0]"));
  CHECK(has(e, "server.json:5 $.webhooks[0].url"));
}

TEST_CASE("config: an email recipient with a comma is refused (it would be split in two)") {
  std::string e = errors_of(R"({"database": "db", "key_file": "k", "content": "c",
    "email": {"smtp_url": "smtp://127.0.0.1:2525", "from": "intake@clinic.example",
              "to": ["frontdesk@clinic.example", "\"Doe, Jane\" <jane@clinic.example>"]}})");
  CHECK(has(e, "$.email.to[1]"));
  CHECK_FALSE(has(e, "$.email.to[0]"));
}

TEST_CASE("config: network.accept_within_hours, 48 unless set, from 1 hour to 30 days") {
  auto c = parse_config(kMinimal, "server.json");
  REQUIRE(c);
  CHECK(c->network.accept_within_hours == 48);
  auto set = parse_config(R"({"database": "d", "key_file": "k", "content": "c", "network": {"accept_within_hours": 24}})",
                          "server.json");
  REQUIRE(set);
  CHECK(set->network.accept_within_hours == 24);
  std::string e = errors_of("{\"database\": \"d\", \"key_file\": \"k\", \"content\": \"c\",\n"
                            " \"network\": {\"accept_within_hours\": 0,\n"
                            "  \"radius\": 5}}");
  CHECK(has(e, "server.json:2 $.network.accept_within_hours: expected a whole number from 1 to 720"));
  CHECK(has(e, "radius"));
}

TEST_CASE("config: a webhook's provider is a provider id, and one the content's network has") {
  const std::string text = "{\"database\": \"d\", \"key_file\": \"k\", \"content\": \"c\",\n"
                           " \"webhooks\": [{\"url\": \"https://a.example/h\", \"secret_file\": \"s\"},\n"
                           "  {\"url\": \"https://b.example/h\", \"secret_file\": \"s\",\n"
                           "   \"provider\": \"op-ketamine\"},\n"
                           "  {\"url\": \"https://c.example/h\", \"secret_file\": \"s\",\n"
                           "   \"provider\": \"nowhere\"}]}";
  auto c = parse_config(text, "server.json");
  REQUIRE(c);
  CHECK(c->webhooks[0].provider.empty());
  CHECK(c->webhooks[1].provider == "op-ketamine");
  CHECK(has(errors_of("{\"database\": \"d\", \"key_file\": \"k\", \"content\": \"c\",\n"
                      " \"webhooks\": [{\"url\": \"https://a.example/h\", \"secret_file\": \"s\",\n"
                      "  \"provider\": \"Overland Park\"}]}"),
            "server.json:3 $.webhooks[0].provider: expected a provider id"));
  CHECK(has(errors_of(R"({"database": "d", "key_file": "k", "content": "c",
    "webhooks": [{"url": "https://a.example/h", "secret_file": "s", "provider": 7}]})"),
            "$.webhooks[0].provider"));

  ContentBundle content;
  content.clinic.id = "harborlight";
  Provider op;
  op.id = "op-ketamine";
  content.network.providers.push_back(op);
  auto wrong = check_webhook_providers(c.value(), content);
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].to_string() == "server.json:6 $.webhooks[2].provider: no provider \"nowhere\" in the content's providers.json");
  // A single clinic: its only provider is the clinic.
  content.network = {};
  wrong = check_webhook_providers(c.value(), content);
  CHECK(wrong.size() == 2);
  ServerConfig clinic = c.value();
  clinic.webhooks.resize(1);
  clinic.webhooks.push_back({"https://b.example/h", "s", "harborlight"});
  CHECK(check_webhook_providers(clinic, content).empty());
}
