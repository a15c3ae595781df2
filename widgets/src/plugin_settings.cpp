// A plugin's settings, read by its factory. The rules (which settings each plugin takes, of which
// type) live in core (ketascreen/content_rules.hpp), where `validate` and the bundle reader apply
// them too; here they are applied once more through core's copy, and the values handed out.

#include <algorithm>

#include "ketascreen/content_rules.hpp"
#include "plugin.hpp"

namespace ketascreen::widgets {

void PluginSettings::error(std::string_view key, std::string message) {
  const json::Value* at = entry_.settings.find(key);
  out_.push_back({DiagnosticLevel::Error, entry_.file, at ? at->line() : entry_.line,
                  entry_.path + ".settings." + std::string(key), std::move(message)});
}

void PluginSettings::read(std::string_view key, rules::SettingKind kind) {
  known_.emplace_back(key);
  // A factory that reads a setting core's rules do not list would let content past `validate`
  // that only the widget refuses: report it as the programming error it is.
  const rules::PluginRule* rule = rules::find_plugin_rule(entry_.plugin);
  bool listed = rule && std::any_of(rule->settings.begin(), rule->settings.end(), [&](const rules::PluginSetting& s) {
                  return s.key == key && s.kind == kind;
                });
  if (!listed)
    error(key, "internal: plugin \"" + entry_.plugin + "\" reads setting \"" + std::string(key) +
                   "\" that core's content rules (content_rules.cpp) do not list");
}

bool PluginSettings::boolean(std::string_view key, bool fallback) {
  read(key, rules::SettingKind::Boolean);
  const json::Value* v = entry_.settings.find(key);
  return v && v->is_bool() ? v->as_bool() : fallback;  // a wrong type is reported by finish()
}

std::vector<std::string> PluginSettings::string_list(std::string_view key) {
  read(key, rules::SettingKind::ArticleIds);
  std::vector<std::string> out;
  const json::Value* v = entry_.settings.find(key);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) return {};
    out.push_back(item.as_string());
  }
  return out;
}

void PluginSettings::finish() { rules::check_plugin_settings(entry_, nullptr, out_); }

}  // namespace ketascreen::widgets
