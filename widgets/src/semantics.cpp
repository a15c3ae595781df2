#include "ketascreen/widgets/semantics.hpp"

#include <cmath>

namespace ketascreen::widgets {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Heading: return "heading";
    case Role::Text: return "text";
    case Role::Button: return "button";
    case Role::Checkbox: return "checkbox";
    case Role::Radio: return "radio";
    case Role::TextField: return "textbox";
    case Role::Link: return "link";
    case Role::Progress: return "progressbar";
    case Role::Alert: return "alert";
  }
  return "text";
}

json::Value to_json(const SemanticTree& tree) {
  json::Value nodes = json::Value::array();
  for (const auto& n : tree) {
    json::Value node = json::Value::object();
    node.set("id", n.id);
    node.set("role", std::string(to_string(n.role)));
    node.set("name", n.name);
    // Only what is set, to keep the message small: it crosses into JavaScript on every change.
    if (!n.value.empty()) node.set("value", n.value);
    if (n.level) node.set("level", n.level);
    if (n.checked) node.set("checked", true);
    if (n.disabled) node.set("disabled", true);
    if (n.invalid) node.set("invalid", true);
    if (!n.error.empty()) node.set("error", n.error);
    if (!n.input_kind.empty()) node.set("input", n.input_kind);
    if (n.focused) node.set("focused", true);
    if (n.live) node.set("live", n.live);
    json::Value rect = json::Value::object();
    rect.set("x", std::round(n.rect.x));
    rect.set("y", std::round(n.rect.y));
    rect.set("w", std::round(n.rect.w));
    rect.set("h", std::round(n.rect.h));
    node.set("rect", std::move(rect));
    nodes.push_back(std::move(node));
  }
  return nodes;
}

const SemanticNode* find_node(const SemanticTree& tree, std::string_view id) {
  for (const auto& n : tree)
    if (n.id == id) return &n;
  return nullptr;
}

}  // namespace ketascreen::widgets
