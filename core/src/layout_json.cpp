#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/layout.hpp"

namespace ketascreen {

using json::Type;
using json::Value;

Layout default_layout() {
  Layout layout;
  for (const char* name : {"checklist", "outcome", "referral", "articles"})
    layout.push_back({name, Value::object(), "", ""});
  return layout;
}

std::optional<Layout> read_layout(const Value& root, const JsonOrigin& origin, Diagnostics& out) {
  const size_t before = out.size();
  detail::JsonReader r(origin.file, out);
  if (!r.expect(root, origin.path, Type::Array)) return std::nullopt;
  Layout layout;
  const auto& items = root.as_array();
  if (items.empty()) r.error(root, origin.path, "the layout lists no plugins; remove the file for the default layout");
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string path = detail::index_path(origin.path, i);
    if (!r.expect(items[i], path, Type::Object)) continue;
    r.check_keys(items[i], path, {"plugin", "settings"});
    LayoutEntry entry{r.id(items[i], path, "plugin"), Value::object(), origin.file, path, items[i].line()};
    if (const Value* settings = r.member(items[i], path, "settings", Type::Object, false)) entry.settings = *settings;
    layout.push_back(std::move(entry));
  }
  if (detail::has_errors_since(out, before)) return std::nullopt;
  return layout;
}

Value to_json(const Layout& layout) {
  Value list = Value::array();
  for (const auto& entry : layout) {
    Value item = Value::object();
    item.set("plugin", entry.plugin);
    if (entry.settings.is_object() && !entry.settings.as_object().empty()) item.set("settings", entry.settings);
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace ketascreen
