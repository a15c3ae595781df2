#pragma once
// The content rules, in one place. Every reader applies them: the authoring loader (content folder
// with Markdown), the bundle reader (what the widget and the server read) and through them every
// tool. So what `ketascreen validate` passes is what the widget can show, and the reverse.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/layout.hpp"

namespace ketascreen::rules {

// Blocks inside more than this many list items (or block quotes, in Markdown) are refused: the
// widget indents each level, and the readers recurse over them.
inline constexpr int kMaxBlockDepth = 8;

// The largest bundle the widget reads. Bigger files are refused with a message rather than read:
// a 25 MB bundle ran the WebAssembly out of memory. The shipped content is about 100 KB.
inline constexpr size_t kMaxBundleBytes = 4 * 1024 * 1024;

// Why the widget will not open an article link, or empty when it will: https://<host>...,
// mailto:, tel: or article:<id>.
std::string link_target_problem(std::string_view href);

// Whether a heading level (read from JSON as a double) is a whole number from 1 to 6.
bool is_heading_level(double level);

// ---- layout --------------------------------------------------------------------------------

enum class SettingKind { Boolean, ArticleIds };

struct PluginSetting {
  std::string_view key;
  SettingKind kind;
};

struct PluginRule {
  std::string_view name;
  std::vector<PluginSetting> settings;
};

// Every plugin a layout may name, with the settings each takes. The widget's registry has exactly
// these names (a widget unit test holds them together).
const std::vector<PluginRule>& plugin_rules();
const PluginRule* find_plugin_rule(std::string_view name);

// One layout entry's settings against its plugin's rule (types, unknown settings; with
// `article_ids`, also that listed articles exist). Messages name entry.file and entry.path. (That
// an article has English is the articles' own rule, reported once, for the article.)
void check_plugin_settings(const LayoutEntry& entry, const std::vector<std::string>* article_ids, Diagnostics& out);

// The whole layout: known plugins, each at most once, valid settings.
void check_layout(const Layout& layout, const std::vector<std::string>& article_ids, Diagnostics& out);

}  // namespace ketascreen::rules
