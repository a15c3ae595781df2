#pragma once
// The widget's layout: which plugins it shows, in which order, with which settings. Content, not
// code: a clinic can drop the articles or reorder screens by editing layout.json. The core only
// checks the shape; the plugin host (widgets/) knows the plugin names and checks their settings.

#include <optional>
#include <string>
#include <vector>

#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"

namespace ketascreen {

struct JsonOrigin;

struct LayoutEntry {
  std::string plugin;        // a registered plugin name, e.g. "checklist"
  json::Value settings;      // an object; its meaning belongs to the plugin
  std::string file;          // where the entry came from, for the plugin host's diagnostics
  std::string path;          // its JSON path there, e.g. "$.layout[2]"
  int line = 0;              // its line there (0 for the default layout)
};

using Layout = std::vector<LayoutEntry>;

// checklist, outcome, referral, articles: what a content pack without layout.json gets.
Layout default_layout();

// Reads [{"plugin": "<name>", "settings": {...}}, ...] (settings optional).
std::optional<Layout> read_layout(const json::Value& root, const JsonOrigin& origin, Diagnostics& out);
json::Value to_json(const Layout& layout);

}  // namespace ketascreen
