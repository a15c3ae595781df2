#pragma once
// The semantics tree: what the widget shows, as nodes a host can expose to assistive technology
// and tests can act on. Plugins never build nodes by hand: the drawing helpers in ui.hpp record
// one for every heading, text, button, field and link they draw.

#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/json_value.hpp"

namespace ketascreen::widgets {

enum class Role { Heading, Text, Button, Checkbox, Radio, TextField, Link, Progress, Alert };
std::string_view to_string(Role role);

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;  // logical (CSS) pixels from the display's top-left
  friend bool operator==(const Rect& a, const Rect& b) { return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h; }
};

struct SemanticNode {
  std::string id;     // stable across frames: "<plugin>/<what>", e.g. "checklist/answer/yes"
  Role role = Role::Text;
  std::string name;   // accessible name (the visible label or text)
  std::string value;  // text fields: their text; progress: "4 of 13"; links: the target
  int level = 0;      // headings
  bool checked = false;   // checkbox, radio, a selected answer button
  bool disabled = false;
  bool invalid = false;
  std::string error;      // the validation message of an invalid field
  std::string input_kind; // text fields: "text", "tel", "email", "zip" (for inputmode/autocomplete)
  bool focused = false;
  // Above 0: the host announces the name (its one live region), again each time this number changes;
  // the widget counts up when the same words must be heard again (another Send with the same mistakes).
  int live = 0;
  Rect rect;
  friend bool operator==(const SemanticNode& a, const SemanticNode& b) {
    return a.id == b.id && a.role == b.role && a.name == b.name && a.value == b.value && a.level == b.level &&
           a.checked == b.checked && a.disabled == b.disabled && a.invalid == b.invalid && a.error == b.error &&
           a.input_kind == b.input_kind && a.focused == b.focused && a.live == b.live && a.rect == b.rect;
  }
};

using SemanticTree = std::vector<SemanticNode>;  // in reading order

json::Value to_json(const SemanticTree& tree);
const SemanticNode* find_node(const SemanticTree& tree, std::string_view id);

}  // namespace ketascreen::widgets
