#include <algorithm>

#include "plugin.hpp"

namespace ketascreen::widgets {

void PluginSettings::error(std::string_view key, std::string message) {
  const json::Value* at = entry_.settings.find(key);
  out_.push_back({DiagnosticLevel::Error, entry_.file, at ? at->line() : 0,
                  entry_.path + ".settings." + std::string(key), std::move(message)});
}

bool PluginSettings::boolean(std::string_view key, bool fallback) {
  known_.emplace_back(key);
  const json::Value* v = entry_.settings.find(key);
  if (!v) return fallback;
  if (!v->is_bool()) {
    error(key, "expected true or false");
    return fallback;
  }
  return v->as_bool();
}

std::vector<std::string> PluginSettings::string_list(std::string_view key) {
  known_.emplace_back(key);
  std::vector<std::string> out;
  const json::Value* v = entry_.settings.find(key);
  if (!v) return out;
  if (!v->is_array()) {
    error(key, "expected a list of strings");
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      error(key, "expected a list of strings");
      return {};
    }
    out.push_back(item.as_string());
  }
  return out;
}

void PluginSettings::finish() {
  if (!entry_.settings.is_object()) return;
  for (const auto& member : entry_.settings.as_object()) {
    if (std::find(known_.begin(), known_.end(), member.first) != known_.end()) continue;
    std::string allowed;
    for (const auto& k : known_) allowed += (allowed.empty() ? "" : ", ") + k;
    error(member.first, "unknown setting \"" + member.first + "\" for plugin \"" + entry_.plugin + "\"" +
                            (allowed.empty() ? " (it has no settings)" : " (known: " + allowed + ")"));
  }
}

}  // namespace ketascreen::widgets
