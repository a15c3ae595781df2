#include "ketascreen/widgets/semantics.hpp"

#include <cmath>
#include <utility>

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

std::string_view to_string(Live live) {
  return live == Live::Summary ? "summary" : live == Live::Status ? "status" : "";
}

namespace {
// The optional fields by JSON key, as tables: one loop each is smaller code than a line per field
// (the wasm's size budget).
const std::pair<const char*, std::string SemanticNode::*> kStrings[] = {
    {"value", &SemanticNode::value},           {"error", &SemanticNode::error},
    {"input", &SemanticNode::input_kind},      {"autocomplete", &SemanticNode::autocomplete},
    {"group", &SemanticNode::group},           {"groupLabel", &SemanticNode::group_label},
    {"parent", &SemanticNode::parent},         {"describedBy", &SemanticNode::described_by},
    {"describes", &SemanticNode::describes}};
const std::pair<const char*, bool SemanticNode::*> kFlags[] = {
    {"checked", &SemanticNode::checked}, {"disabled", &SemanticNode::disabled}, {"invalid", &SemanticNode::invalid},
    {"focused", &SemanticNode::focused}, {"crisis", &SemanticNode::crisis},     {"chrome", &SemanticNode::chrome}};
}  // namespace

json::Value to_json(const SemanticTree& tree) {
  json::Value nodes = json::Value::array();
  for (const auto& n : tree) {
    json::Value node = json::Value::object();
    node.set("id", n.id);
    node.set("role", std::string(to_string(n.role)));
    node.set("name", n.name);
    // Only what is set, to keep the message small: it crosses into JavaScript on every change.
    if (n.level) node.set("level", n.level);
    for (const auto& [key, field] : kStrings)
      if (!(n.*field).empty()) node.set(key, n.*field);
    for (const auto& [key, flag] : kFlags)
      if (n.*flag) node.set(key, true);
    if (n.live != Live::None) node.set("live", std::string(to_string(n.live)));
    if (n.announce) node.set("announce", n.announce);
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
