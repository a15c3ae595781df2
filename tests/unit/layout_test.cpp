// layout.json: its shape, its place in the bundle, and the default without it; plus the page
// event details, which must carry no health information unless detailed, and never urgent_help.

#include <doctest/doctest.h>

#include "ketascreen/layout.hpp"
#include "ketascreen/page_events.hpp"
#include "ketascreen/ui_text.hpp"
#include "test_support.hpp"

using namespace test_support;
using ketascreen::Outcome;

namespace {
std::vector<std::string> plugin_names(const ketascreen::Layout& layout) {
  std::vector<std::string> names;
  for (const auto& e : layout) names.push_back(e.plugin);
  return names;
}
}  // namespace

TEST_CASE("layout: a pack without layout.json gets every plugin in the default order") {
  const ContentBundle bundle = PackBuilder().bundle();
  CHECK(plugin_names(bundle.layout) == std::vector<std::string>{"checklist", "outcome", "referral", "articles"});
}

TEST_CASE("layout: the demo pack's layout.json is read with its settings, and survives the bundle round trip") {
  const ContentBundle& bundle = real_bundle();
  REQUIRE(bundle.layout.size() == 5);
  CHECK(bundle.layout[2].plugin == "providers");
  CHECK(bundle.layout[4].plugin == "articles");
  REQUIRE(bundle.layout[4].settings.find("ids") != nullptr);
  ContentBundle copy = bundle;
  auto reread = ketascreen::parse_bundle(ketascreen::serialize_bundle(copy));
  REQUIRE_MESSAGE(reread.ok(), errors_text(reread));
  CHECK(plugin_names(reread.value().layout) == plugin_names(bundle.layout));
  CHECK(ketascreen::json::serialize(reread.value().layout[4].settings) ==
        ketascreen::json::serialize(bundle.layout[4].settings));
}

TEST_CASE("layout: a changed layout changes the content hash") {
  ContentBundle a = real_bundle();
  ContentBundle b = real_bundle();
  b.layout.pop_back();
  CHECK(ketascreen::compute_content_hash(a) != ketascreen::compute_content_hash(b));
}

TEST_CASE("layout: bad layout.json files are reported with file, line and path") {
  auto load = [](const std::string& text) {
    ContentSource s = PackBuilder().source();
    s.files["layout.json"] = text;
    return ketascreen::load_content(s);
  };
  auto first_error = [](const ketascreen::Result<ContentBundle>& r) {
    REQUIRE_FALSE(r.ok());
    return r.errors().front().to_string();
  };
  CHECK(first_error(load(R"({"plugin": "checklist"})")) == "pack/layout.json:1 $: expected an array, found object");
  CHECK(first_error(load("[]")).find("pack/layout.json:1 $: the layout lists no plugins") == 0);
  CHECK(first_error(load("[\n  {\"plugin\": \"checklist\", \"colour\": 1}\n]")) ==
        "pack/layout.json:2 $[0].colour: unknown key 'colour' (expected one of: plugin, settings)");
  CHECK(first_error(load("[\n  {\"settings\": {}}\n]")).find("pack/layout.json:2 $[0]") == 0);
  CHECK(first_error(load("[\n  {\"plugin\": \"Check List\"}\n]")).find("pack/layout.json:2 $[0].plugin") == 0);
  CHECK(first_error(load("[\n  {\"plugin\": \"checklist\", \"settings\": [1]}\n]")).find("pack/layout.json:2 $[0].settings") == 0);
  CHECK(first_error(load("[{\"plugin\": \"checklist\"")).find("pack/layout.json:1") == 0);
}

TEST_CASE("page events: steps say only the step number") {
  CHECK(ketascreen::json::serialize(ketascreen::step_event_detail(4)) == R"({"step":4})");
}

TEST_CASE("page events: the outcome is never disclosed, in either mode (a crisis result must look like any other)") {
  for (Outcome o : ketascreen::kAllOutcomes) {
    CAPTURE(ketascreen::to_string(o));
    CHECK(ketascreen::json::serialize(ketascreen::outcome_event_detail(o, false)) == R"({"completed":true})");
    CHECK(ketascreen::json::serialize(ketascreen::outcome_event_detail(o, true)) == R"({"completed":true})");
  }
}

TEST_CASE("ui text: fill replaces named placeholders and leaves unknown ones") {
  CHECK(ketascreen::fill("Question {n} of {total}", {{"n", "4"}, {"total", "13"}}) == "Question 4 of 13");
  CHECK(ketascreen::fill("{a}{a} {b}", {{"a", "x"}}) == "xx {b}");
  CHECK(ketascreen::fill("no { closing", {{"closing", "x"}}) == "no { closing");
  CHECK(ketascreen::ui_text("checklist.next", "es") == "Siguiente");
  CHECK(ketascreen::ui_text("checklist.next", "fr") == "Next");
}
