// The bridge between the loader and the widget (web/src/bridge.hpp) is written once; these check
// that the lists are well formed and that both JavaScript ends use exactly its names.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "bridge.hpp"

namespace {

using namespace ketascreen::web;

std::string read(const std::string& relative) {
  std::ifstream in(std::string(KETASCREEN_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE_MESSAGE(!text.str().empty(), relative << " is missing or empty");
  return text.str();
}

std::set<std::string> matches(const std::string& text, const std::regex& pattern, int group = 1) {
  std::set<std::string> found;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) found.insert((*it)[group]);
  return found;
}

std::set<std::string> call_names() {
  std::set<std::string> names;
  for (const auto& c : kBridgeCalls) names.emplace(c.name);
  return names;
}

std::set<std::string> event_names() {
  std::set<std::string> names;
  for (const auto& e : kBridgeEvents) names.emplace(e.name);
  return names;
}

}  // namespace

TEST_CASE("bridge: names are unique, lower_snake_case, and argument kinds are s, b or n") {
  CHECK(call_names().size() == std::size(kBridgeCalls));
  CHECK(event_names().size() == std::size(kBridgeEvents));
  const std::regex name("[a-z][a-z_]*");
  for (const auto& c : kBridgeCalls) {
    CHECK_MESSAGE(std::regex_match(std::string(c.name), name), c.name);
    CHECK_MESSAGE(c.kinds.find_first_not_of("sbn") == std::string_view::npos, c.name << ": " << c.kinds);
    CHECK_MESSAGE(!c.what.empty(), c.name << " says nothing about what it does");
  }
  for (const auto& e : kBridgeEvents) {
    CHECK_MESSAGE(std::regex_match(std::string(e.name), name), e.name);
    CHECK_MESSAGE(!e.what.empty(), e.name);
  }
  CHECK(name_of(Event::semantics) == "semantics");
  CHECK(name_of(Event::open_url) == "open_url");
}

TEST_CASE("bridge: the loader sends only declared calls and handles exactly the declared events") {
  const std::string loader = read("web/ketascreen.js");
  // send('name', ...), h.post([id, 'name', ...]) and the referral's report('name', ...).
  auto sent = matches(loader, std::regex(R"(send\('([a-z_]+)')"));
  for (const auto& n : matches(loader, std::regex(R"(post\(\[id, '([a-z_]+)')"))) sent.insert(n);
  for (const auto& n : matches(loader, std::regex(R"(report\('([a-z_]+)')"))) sent.insert(n);
  for (const auto& m : kBridgeHostMessages) sent.erase(std::string(m.name));  // the host's own (checked below)
  const auto calls = call_names();
  for (const auto& n : sent) CHECK_MESSAGE(calls.count(n) == 1, "the loader sends '" << n << "', which bridge.hpp does not declare");
  // Every call but the ones the host makes itself is sent by the loader.
  for (const auto& n : calls)
    if (n != "context_lost") CHECK_MESSAGE(sent.count(n) == 1, "nothing in the loader sends '" << n << "'");

  // The handlers: the keys of the `on_` table.
  const auto table_start = loader.find("var on_ = {");
  REQUIRE(table_start != std::string::npos);
  const std::string table = loader.substr(table_start, loader.find("\n    };", table_start) - table_start);
  const auto handled = matches(table, std::regex(R"(\n      ([a-z_]+): )"));
  CHECK(handled == event_names());
}

TEST_CASE("bridge: the host reads the generated names and calls only ketascreen_ exports") {
  const std::string host = read("web/src/host.js");
  CHECK(host.find("const BRIDGE = @KETASCREEN_BRIDGE@;") != std::string::npos);
  CHECK(host.find("mod['_ketascreen_' + name]") != std::string::npos);
  // The only call it makes on its own is context_lost, which bridge.hpp declares.
  for (const auto& n : matches(host, std::regex(R"(call\(mod, '([a-z_]+)')"))) CHECK(call_names().count(n) == 1);
}

TEST_CASE("bridge: the host's own messages are the declared ones, at both ends") {
  const std::string loader = read("web/ketascreen.js"), host = read("web/src/host.js");
  for (const auto& m : kBridgeHostMessages) {
    const std::string quoted = "'" + std::string(m.name) + "'";
    CHECK_MESSAGE(loader.find(quoted) != std::string::npos, "the loader never uses " << quoted);
    CHECK_MESSAGE(host.find(quoted) != std::string::npos, "the host never uses " << quoted);
  }
  // No other name: what the host singles out is a declared host message or call.
  std::set<std::string> declared = call_names();
  for (const auto& m : kBridgeHostMessages) declared.emplace(m.name);
  for (const auto& n : matches(host, std::regex(R"(name === '([a-z_]+)')"))) CHECK_MESSAGE(declared.count(n) == 1, n);
}
