// The plugin host reads the bundle's layout: unknown plugins and bad settings are refused with
// the layout file's path, and a layout without a plugin leaves its screen and links out.

#include <doctest/doctest.h>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::ContentBundle;
using namespace test_support;

namespace {
ketascreen::Result<ContentBundle> with_layout(const std::string& layout) {
  ketascreen::ContentSource source = real_source();
  source.files["layout.json"] = layout;
  return ketascreen::load_content(source);
}

std::string first_error(const ContentBundle& bundle) {
  ImGuiContext* ctx = ImGui::CreateContext();
  auto app = ketascreen::widgets::WidgetApp::create(bundle, {}, {});
  std::string out = app.ok() ? std::string("(started)") : app.errors().front().to_string();
  ImGui::DestroyContext(ctx);
  return out;
}
}  // namespace

TEST_CASE("plugin host: an unknown plugin is refused and the known ones are listed") {
  auto bundle = with_layout("[\n  {\"plugin\": \"checklist\"},\n  {\"plugin\": \"chat\"}\n]");
  REQUIRE(bundle.ok());
  CHECK(first_error(bundle.value()) ==
        "content/layout.json $[1].plugin: unknown plugin \"chat\" (known: checklist, outcome, providers, referral, articles)");
}

TEST_CASE("plugin host: settings are checked by their plugin") {
  auto unknown = with_layout("[\n  {\"plugin\": \"checklist\", \"settings\": {\"colour\": \"red\"}}\n]");
  REQUIRE(unknown.ok());
  CHECK(first_error(unknown.value()) ==
        "content/layout.json:2 $[0].settings.colour: unknown setting \"colour\" for plugin \"checklist\" (known: show_progress)");
  auto wrong_type = with_layout("[\n  {\"plugin\": \"checklist\", \"settings\": {\n    \"show_progress\": \"yes\"}}\n]");
  REQUIRE(wrong_type.ok());
  CHECK(first_error(wrong_type.value()) == "content/layout.json:3 $[0].settings.show_progress: expected true or false");
  auto bad_article = with_layout("[{\"plugin\": \"articles\", \"settings\": {\"ids\": [\"nope\"]}}]");
  REQUIRE(bad_article.ok());
  CHECK(first_error(bad_article.value()) == "content/layout.json:1 $[0].settings.ids: unknown article \"nope\"");
  auto twice = with_layout("[{\"plugin\": \"outcome\"}, {\"plugin\": \"outcome\"}]");
  REQUIRE(twice.ok());
  CHECK(first_error(twice.value()) == "content/layout.json $[1].plugin: plugin \"outcome\" is listed twice");
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
