#pragma once
// The plugin interface. A plugin is one screen of the widget (the checklist, the outcome, the
// referral form, the articles): one file that defines a class and a factory, plus one line in
// plugin_registry.cpp. Plugins draw through Ui (so they get semantics for free) and reach the
// session and the host only through Flow.

#include <memory>
#include <string>
#include <string_view>

#include "ketascreen/bundle.hpp"
#include "ketascreen/content_rules.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/layout.hpp"
#include "ketascreen/session.hpp"
#include "ketascreen/widgets/widget_app.hpp"

namespace ketascreen::widgets {

class Ui;

// What the plugin host offers its plugins.
class Flow {
 public:
  virtual ~Flow() = default;
  virtual Session& session() = 0;
  virtual const ContentBundle& bundle() const = 0;
  virtual const std::string& locale() const = 0;
  // The UI string `key` (core/ui_text) in the visitor's language.
  virtual std::string_view text(std::string_view key) const = 0;

  // Screens: whether the layout has a plugin, and switching to it (remembered for back()).
  virtual bool has(std::string_view plugin) const = 0;
  virtual void show(std::string_view plugin) = 0;
  virtual void back() = 0;  // to the screen shown before this one
  // Forgets everything (answers, the form, the referral's status) and shows question 1: the page's
  // reset(), for a visitor on a shared device. The caller draws nothing more this frame.
  virtual void start_over() = 0;
  virtual void open_article(const std::string& id) = 0;
  virtual void open_url(const std::string& url) = 0;
  // The visitor asked to keep the result: "print" or "copy" (the host prints the screen or copies
  // its text; HostServices::emit "keep", never a page event).
  virtual void keep_result(std::string_view how) = 0;

  // Page events and the referral round trip (HostServices, with the privacy rules applied).
  virtual void step_changed(size_t step_number) = 0;
  virtual void outcome_shown(Outcome outcome) = 0;
  virtual void submit_referral(const json::Value& payload) = 0;
  virtual ReferralStatus referral_status() const = 0;
  virtual int referral_http_status() const = 0;
  virtual int referral_retry_in_seconds() const = 0;
  virtual int64_t now_ms() const = 0;
  virtual std::array<uint8_t, 16> random_bytes() const = 0;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual void draw(Ui& ui, Flow& flow) = 0;
  // Called when the host switches to this plugin's screen.
  virtual void on_show(Flow& /*flow*/) {}
  // A target within the plugin, e.g. an article id for "articles".
  virtual void open(std::string_view /*target*/) {}
  // The target shown now (the article being read), empty for none.
  virtual std::string target() const { return {}; }
  // The handle's reset(): forget any state of the plugin's own.
  virtual void reset() {}
  // True when the screen draws the crisis resources itself (the checklist: below its answers, so
  // the answer that raised them does not move under the finger); else the host draws them on top.
  virtual bool places_crisis_panel() const { return false; }
};

// Reads a plugin's settings object: every problem names the layout file and JSON path. The rules
// are core's (rules::plugin_rules), the same `validate` and the bundle reader apply.
class PluginSettings {
 public:
  PluginSettings(const LayoutEntry& entry, Diagnostics& out) : entry_(entry), out_(out) {}
  bool boolean(std::string_view key, bool fallback);
  std::vector<std::string> string_list(std::string_view key);  // a list of article ids
  // Checks the settings against core's rules (types, unknown settings); call last.
  void finish();
  void error(std::string_view key, std::string message);

 private:
  void read(std::string_view key, rules::SettingKind kind);
  const LayoutEntry& entry_;
  Diagnostics& out_;
  std::vector<std::string> known_;
};

// A plugin factory: reads its settings (reporting problems into `settings`) and makes the plugin.
using PluginFactory = std::unique_ptr<Plugin>(PluginSettings& settings, const ContentBundle& bundle);

struct PluginRegistration {
  std::string_view name;
  PluginFactory* create;
};

// Every plugin the widget knows, in registration order.
const std::vector<PluginRegistration>& plugin_registry();

}  // namespace ketascreen::widgets
