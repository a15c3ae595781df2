// server.json: read strictly, every mistake reported as file:line $.path: message.
#include <doctest/doctest.h>

#include "config.hpp"

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
