// The plugin host reads the bundle's layout: unknown plugins and bad settings are refused with
// the layout file's path, and a layout without a plugin leaves its screen and links out.

#include <doctest/doctest.h>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"
#include "ketascreen/content_rules.hpp"
#include "ketascreen/layout.hpp"
#include "../../widgets/src/plugin.hpp"

using ketascreen::ContentBundle;
using namespace test_support;

namespace {
ketascreen::Result<ContentBundle> with_layout(const std::string& layout) {
  ketascreen::ContentSource source = real_source();
  source.files["layout.json"] = layout;
  return ketascreen::load_content(source);
}

// The shipped bundle with a layout that skipped validation (a bundle written by another tool), to
// show the widget still refuses what `validate` refuses.
ContentBundle unchecked(const std::string& layout) {
  ContentBundle bundle = real_bundle();
  ketascreen::Diagnostics diags;
  auto read = ketascreen::read_layout(ketascreen::json::parse(layout).value(), {"content/layout.json"}, diags);
  REQUIRE(read);
  bundle.layout = *read;
  return bundle;
}

std::string first_error(const ContentBundle& bundle) {
  ImGuiContext* ctx = ImGui::CreateContext();
  auto app = ketascreen::widgets::WidgetApp::create(bundle, {}, {});
  std::string out = app.ok() ? std::string("(started)") : app.errors().front().to_string();
  ImGui::DestroyContext(ctx);
  return out;
}

std::string validate_error(const std::string& layout) {
  auto bundle = with_layout(layout);
  return bundle.ok() ? std::string("(valid)") : bundle.errors().front().to_string();
}
}  // namespace

// Issue 14: these were accepted by `validate` and refused only by the widget.
TEST_CASE("plugin host: an unknown plugin is refused by validate and by the widget, and the known ones are listed") {
  const std::string layout = "[\n  {\"plugin\": \"checklist\"},\n  {\"plugin\": \"chat\"}\n]";
  CHECK(validate_error(layout) ==
        "content/layout.json:3 $[1].plugin: unknown plugin \"chat\" (known: checklist, outcome, providers, referral, articles)");
  CHECK(first_error(unchecked(layout)) ==
        "content/layout.json $[1].plugin: unknown plugin \"chat\" (known: checklist, outcome, providers, referral, articles)");
}

TEST_CASE("plugin host: settings are checked by core's rules, in validate and in the widget") {
  const std::string unknown = "[\n  {\"plugin\": \"checklist\", \"settings\": {\"colour\": \"red\"}}\n]";
  const std::string unknown_error =
      "content/layout.json:2 $[0].settings.colour: unknown setting \"colour\" for plugin \"checklist\" (known: show_progress)";
  CHECK(validate_error(unknown) == unknown_error);
  CHECK(first_error(unchecked(unknown)) == unknown_error);
  const std::string wrong_type = "[\n  {\"plugin\": \"checklist\", \"settings\": {\n    \"show_progress\": \"yes\"}}\n]";
  CHECK(validate_error(wrong_type) == "content/layout.json:3 $[0].settings.show_progress: expected true or false");
  CHECK(first_error(unchecked(wrong_type)) == "content/layout.json:3 $[0].settings.show_progress: expected true or false");
  const std::string bad_article = "[{\"plugin\": \"articles\", \"settings\": {\"ids\": [\"nope\"]}}]";
  CHECK(validate_error(bad_article) == "content/layout.json:1 $[0].settings.ids: unknown article \"nope\"");
  CHECK(first_error(unchecked(bad_article)) == "content/layout.json:1 $[0].settings.ids: unknown article \"nope\"");
  const std::string twice = "[{\"plugin\": \"outcome\"}, {\"plugin\": \"outcome\"}]";
  CHECK(validate_error(twice) == "content/layout.json:1 $[1].plugin: plugin \"outcome\" is listed twice");
  CHECK(first_error(unchecked(twice)) == "content/layout.json $[1].plugin: plugin \"outcome\" is listed twice");
}

TEST_CASE("plugin host: the registry has exactly the plugins core's content rules know") {
  std::vector<std::string_view> registry, rules;
  for (const auto& r : ketascreen::widgets::plugin_registry()) registry.push_back(r.name);
  for (const auto& r : ketascreen::rules::plugin_rules()) rules.push_back(r.name);
  CHECK(registry == rules);
}

TEST_CASE("plugin host: the layout decides what is shown") {
  auto bundle = with_layout(R"([{"plugin": "checklist", "settings": {"show_progress": false}}, {"plugin": "outcome"}])");
  REQUIRE(bundle.ok());
  widget_test::HeadlessWidget w(bundle.value());
  CHECK(w.has("checklist/question"));
  CHECK_FALSE(w.has("checklist/progress"));  // switched off in the settings
  CHECK_FALSE(w.has("nav/articles"));        // no articles plugin, no link to it
}

TEST_CASE("plugin host: rendering on demand is the host's business, but an unchanged screen republishes nothing") {
  widget_test::HeadlessWidget w(real_bundle());
  const auto before = w.tree();
  const float height = w.content_height();
  w.settle(5);
  CHECK(w.tree() == before);
  CHECK(w.content_height() == height);
  CHECK(height > 300);
}
