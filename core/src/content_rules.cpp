#include "ketascreen/content_rules.hpp"

#include <algorithm>

#include "ketascreen/json_reader.hpp"

namespace ketascreen::rules {

std::string link_target_problem(std::string_view href) {
  auto starts = [&](std::string_view prefix) { return href.substr(0, prefix.size()) == prefix; };
  bool ok = false;
  if (starts("https://")) {
    std::string_view host = href.substr(8);
    ok = !host.empty() && host.front() != '/' && host.front() != '@';
  } else if (starts("mailto:") || starts("tel:")) {
    ok = href.size() > (starts("tel:") ? 4 : 7);
  } else if (starts("article:")) {
    ok = detail::is_valid_id(href.substr(8));
  }
  for (char c : href)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ok = false;
  if (ok) return {};
  return "unsupported link target '" + std::string(href) + "' (use https://, mailto:, tel: or article:<id>)";
}

bool is_heading_level(double level) { return level >= 1 && level <= 6 && level == static_cast<int>(level); }

const std::vector<PluginRule>& plugin_rules() {
  static const std::vector<PluginRule> rules{
      {"checklist", {{"show_progress", SettingKind::Boolean}}},
      {"outcome", {}},
      {"providers", {}},
      {"referral", {}},
      {"articles", {{"ids", SettingKind::ArticleIds}}},
  };
  return rules;
}

const PluginRule* find_plugin_rule(std::string_view name) {
  for (const auto& rule : plugin_rules())
    if (rule.name == name) return &rule;
  return nullptr;
}

namespace {

void setting_error(const LayoutEntry& entry, std::string_view key, std::string message, Diagnostics& out) {
  const json::Value* at = entry.settings.find(key);
  out.push_back({DiagnosticLevel::Error, entry.file, at ? at->line() : entry.line,
                 entry.path + ".settings." + std::string(key), std::move(message)});
}

}  // namespace


void check_plugin_settings(const LayoutEntry& entry, const std::vector<std::string>* article_ids, Diagnostics& out) {
  const PluginRule* rule = find_plugin_rule(entry.plugin);
  if (!rule || !entry.settings.is_object()) return;
  for (const auto& member : entry.settings.as_object()) {
    const std::string& key = member.first;  // not a structured binding: clang's C++17 cannot capture one
    const json::Value& value = member.second;
    auto setting = std::find_if(rule->settings.begin(), rule->settings.end(),
                                [&](const PluginSetting& s) { return s.key == key; });
    if (setting == rule->settings.end()) {
      std::string allowed;
      for (const auto& s : rule->settings) allowed += (allowed.empty() ? "" : ", ") + std::string(s.key);
      setting_error(entry, key,
                    "unknown setting \"" + key + "\" for plugin \"" + entry.plugin + "\"" +
                        (allowed.empty() ? " (it has no settings)" : " (known: " + allowed + ")"),
                    out);
      continue;
    }
    switch (setting->kind) {
      case SettingKind::Boolean:
        if (!value.is_bool()) setting_error(entry, key, "expected true or false", out);
        break;
      case SettingKind::ArticleIds: {
        bool strings = value.is_array() &&
                       std::all_of(value.as_array().begin(), value.as_array().end(), [](const json::Value& v) { return v.is_string(); });
        if (!strings) {
          setting_error(entry, key, "expected a list of strings", out);
          break;
        }
        if (!article_ids) break;
        for (const auto& id : value.as_array())
          if (std::find(article_ids->begin(), article_ids->end(), id.as_string()) == article_ids->end())
            setting_error(entry, key, "unknown article \"" + id.as_string() + "\"", out);
        break;
      }
    }
  }
}

void check_layout(const Layout& layout, const std::vector<std::string>& article_ids, Diagnostics& out) {
  std::vector<std::string_view> seen;
  for (const LayoutEntry& entry : layout) {
    const int line = entry.line;
    if (!find_plugin_rule(entry.plugin)) {
      std::string known;
      for (const auto& r : plugin_rules()) known += (known.empty() ? "" : ", ") + std::string(r.name);
      out.push_back({DiagnosticLevel::Error, entry.file, line, entry.path + ".plugin",
                     "unknown plugin \"" + entry.plugin + "\" (known: " + known + ")"});
      continue;
    }
    if (std::find(seen.begin(), seen.end(), entry.plugin) != seen.end()) {
      out.push_back({DiagnosticLevel::Error, entry.file, line, entry.path + ".plugin",
                     "plugin \"" + entry.plugin + "\" is listed twice"});
      continue;
    }
    seen.push_back(entry.plugin);
    check_plugin_settings(entry, &article_ids, out);
  }
}

}  // namespace ketascreen::rules
