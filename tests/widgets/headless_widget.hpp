#pragma once
// Drives the whole widget without a GPU or a window: a bare ImGui context with its font atlas
// built in memory, frames made with NewFrame/Render (no renderer), and input fed into ImGuiIO the
// way the SDL backend would. Like the web loader, it grows the display to the content's height,
// so every node is on screen. Tests act on semantics nodes by id, as a person would on the screen.

#include <doctest/doctest.h>
#include <imgui.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ketascreen/widgets/semantics.hpp"
#include "ketascreen/widgets/widget_app.hpp"

namespace widget_test {

using ketascreen::json::Value;
using ketascreen::widgets::SemanticNode;
using ketascreen::widgets::SemanticTree;

class HeadlessWidget {
 public:
  explicit HeadlessWidget(const ketascreen::ContentBundle& bundle, ketascreen::widgets::WidgetOptions options = {},
                          float width = 390.0f) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, 700.0f);
    io.DeltaTime = 1.0f / 60.0f;
    ketascreen::widgets::HostServices services;
    services.emit = [this](std::string_view type, const Value& detail) {
      if (type == "semantics") {
        tree_json_ = detail;
        return;
      }
      if (type == "height") {
        height_ = static_cast<float>(detail.find("height")->as_number());
        return;
      }
      if (type == "history") {  // the loader's alone (its history entries), never a page event
        history.push_back(detail);
        return;
      }
      events.emplace_back(std::string(type), detail);
    };
    services.submit_referral = [this](const std::string& endpoint, const Value& payload,
                                      ketascreen::widgets::ReferralAttempt attempt) {
      endpoints.push_back(endpoint);
      referrals.push_back(payload);
      attempts.push_back(attempt);
    };
    services.wake_in = [this](int64_t ms) { wakes.push_back(ms); };
    services.open_url = [this](const std::string& url) { opened_urls.push_back(url); };
    services.now_ms = [this] { return now_ms; };
    services.random_bytes = [this] {
      std::array<uint8_t, 16> bytes{};
      for (auto& b : bytes) b = static_cast<uint8_t>(++random_counter_);
      return bytes;
    };
    auto created = ketascreen::widgets::WidgetApp::create(bundle, std::move(options), std::move(services));
    REQUIRE_MESSAGE(created.ok(), "the widget did not start");
    app_ = std::move(created).value();
    build_font_texture();
    settle();
  }
  ~HeadlessWidget() {
    app_.reset();
    ImGui::DestroyContext(context_);
  }
  HeadlessWidget(const HeadlessWidget&) = delete;
  HeadlessWidget& operator=(const HeadlessWidget&) = delete;

  ketascreen::widgets::WidgetApp& app() { return *app_; }

  // The host's side of the referral: the last attempt's generation, answers to it, the clock.
  unsigned last_generation() const {
    REQUIRE_MESSAGE(!attempts.empty(), "no referral attempt was made");
    return attempts.back().generation;
  }
  void answer_referral(int http_status) {
    app_->referral_answered(last_generation(), http_status);
    settle();
  }
  // Lets the time of the last wake the widget asked for pass, and wakes it.
  void wait_for_wake() {
    REQUIRE_MESSAGE(!wakes.empty(), "the widget asked for no wake");
    now_ms += wakes.back();
    app_->tick();
    settle();
  }

  // The GPU upload a renderer would do; without it ImGui refuses to start a frame.
  static void build_font_texture() {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  }

  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    if (height_ > 0) io.DisplaySize.y = height_;
    ImGui::NewFrame();
    app_->draw();
    ImGui::Render();
    ++frames_;
  }
  // ImGui settles hover and active state over a couple of frames, as the platform does.
  void settle(int n = 3) {
    for (int i = 0; i < n; ++i) frame();
  }

  // The tree as the host last received it (published only on change).
  SemanticTree tree() const {
    SemanticTree out;
    const Value* nodes = tree_json_.find("nodes");
    if (!nodes) return out;
    for (const auto& n : nodes->as_array()) {
      SemanticNode node;
      node.id = n.find("id")->as_string();
      node.name = n.find("name")->as_string();
      if (const Value* v = n.find("value")) node.value = v->as_string();
      if (const Value* v = n.find("error")) node.error = v->as_string();
      node.checked = n.find("checked") != nullptr;
      node.disabled = n.find("disabled") != nullptr;
      node.invalid = n.find("invalid") != nullptr;
      node.focused = n.find("focused") != nullptr;
      const auto text = [&n](const char* key) {
        const Value* v = n.find(key);
        return v ? v->as_string() : std::string();
      };
      node.input_kind = text("input");
      node.autocomplete = text("autocomplete");
      node.group = text("group");
      node.group_label = text("groupLabel");
      node.parent = text("parent");
      node.described_by = text("describedBy");
      node.describes = text("describes");
      node.crisis = n.find("crisis") != nullptr;
      node.chrome = n.find("chrome") != nullptr;
      const std::string live = text("live");
      node.live = live == "summary" ? ketascreen::widgets::Live::Summary
                  : live == "status" ? ketascreen::widgets::Live::Status
                                     : ketascreen::widgets::Live::None;
      CHECK_MESSAGE((live.empty() || node.live != ketascreen::widgets::Live::None), "unknown live kind " << live);
      if (const Value* v = n.find("announce")) node.announce = static_cast<int>(v->as_number());
      if (const Value* v = n.find("level")) node.level = static_cast<int>(v->as_number());
      const Value* r = n.find("rect");
      node.rect = {static_cast<float>(r->find("x")->as_number()), static_cast<float>(r->find("y")->as_number()),
                   static_cast<float>(r->find("w")->as_number()), static_cast<float>(r->find("h")->as_number())};
      out.push_back(std::move(node));
    }
    return out;
  }
  std::string role_of(std::string_view id) const {
    const Value* nodes = tree_json_.find("nodes");
    for (const auto& n : nodes->as_array())
      if (n.find("id")->as_string() == id) return n.find("role")->as_string();
    return {};
  }
  bool has(std::string_view id) const { return ketascreen::widgets::find_node(tree(), id) != nullptr; }
  SemanticNode node(std::string_view id) const {
    const SemanticTree t = tree();
    const SemanticNode* n = ketascreen::widgets::find_node(t, id);
    REQUIRE_MESSAGE(n != nullptr, "no node '" << std::string(id) << "' on screen; nodes:\n" << ids());
    return *n;
  }
  std::string ids() const {
    std::string out;
    for (const auto& n : tree()) out += "  " + n.id + "  \"" + n.name.substr(0, 60) + "\"\n";
    return out;
  }

  // A press and release at the node's centre, as a tap.
  void click(std::string_view id) {
    const SemanticNode n = node(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(n.rect.x + n.rect.w / 2, n.rect.y + n.rect.h / 2);
    // Half a second passes first, as between a person's taps: two quick taps on a text field would
    // be a double click, which selects the whole text.
    io.DeltaTime = 0.5f;
    frame();  // hover
    io.DeltaTime = 1.0f / 60.0f;
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    settle();
  }
  // Focuses a text field by tapping it, types, then leaves it by tapping outside any item.
  void type_into(std::string_view id, std::string_view text) {
    click(id);
    ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
    settle();
  }
  // Fills the referral form as a visitor would (a name, a phone, `zip`, mornings, consent); Send
  // is the test's own step.
  void fill_referral(std::string_view zip = "97477") {
    type_into("referral/name", "Ana Example");
    type_into("referral/phone", "(555) 201-0142");
    type_into("referral/zip", zip);
    click("referral/time/morning");
    click("referral/consent");
  }
  void clear_field(std::string_view id) {
    click(id);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    press_key(ImGuiKey_A, 'a');
    io.KeyCtrl = false;
    press_key(ImGuiKey_Backspace, 8);
  }

  std::vector<std::pair<std::string, Value>> events;  // what the page may see
  std::vector<Value> history;                         // "history" {"index", "generation"}
  std::vector<Value> referrals;
  std::vector<ketascreen::widgets::ReferralAttempt> attempts;  // one per referrals entry
  std::vector<int64_t> wakes;                                  // HostServices::wake_in
  int64_t now_ms = 1795428000000;                              // the host's clock: 2026-11-23T10:00:00Z
  std::vector<std::string> endpoints;
  std::vector<std::string> opened_urls;
  int frames() const { return frames_; }
  float content_height() const { return height_; }

 private:
  // ImGui 1.86 reads keys through io.KeyMap: map the key to a slot and hold it for one frame.
  void press_key(ImGuiKey key, int slot) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[key] = slot;
    io.KeysDown[slot] = true;
    frame();
    io.KeysDown[slot] = false;
    settle();
  }

  ImGuiContext* context_ = nullptr;
  std::unique_ptr<ketascreen::widgets::WidgetApp> app_;
  Value tree_json_ = Value::object();
  float height_ = 0;
  int frames_ = 0;
  int random_counter_ = 0;
};

}  // namespace widget_test
