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

// How the host announces a node's words (its one polite live region).
enum class Live {
  None,
  // A form's summary of its mistakes after a Send: said each time `announce` changes (and is above
  // 0), and the focus goes to the first field (or radio group) in error; no field message is said then.
  Summary,
  // A status line (the form's "Sending...", the provider list's count): said when its words change.
  Status,
};
std::string_view to_string(Live live);

// The structure a host needs is in these fields, never in the shape of the ids: a host keeps ids as
// opaque keys (web/overlay.js does). JSON keys (to_json) in brackets; each is left out when unset.
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
  std::string input_kind; // ["input"] text fields: "text", "tel", "email", "zip", "number" (the keyboard)
  // ["autocomplete"] text fields: the HTML autocomplete token of what is asked ("name", "tel",
  // "email", "postal-code"); empty: none (the browser offers nothing to fill in).
  std::string autocomplete;
  bool focused = false;
  // ["group"] radios: the key of the radio group they belong to (one choice of several, one Tab
  // stop); radios with the same key are one group. A key, not a node's id.
  std::string group;
  // ["groupLabel"] radios: the id of the heading that names their group (the question); empty: none.
  std::string group_label;
  // ["parent"] the id of the node this one is drawn inside: the links of a paragraph (rich text),
  // everything in an alert box (the crisis panel's heading, calls and details). Empty: the screen.
  // Such children come right after their parent in the tree.
  std::string parent;
  // ["describedBy"] the id of the node that describes this one: the error message of a field, a
  // checkbox or (on each of its radios) a radio group.
  std::string described_by;
  // ["describes"] an error message: the id of the node (or the key of the radio group) it is the
  // message of. The canvas draws it in the error colour (its role is Alert); a host shows it as that
  // node's description and says it when it appears.
  std::string describes;
  // ["crisis"] part of the crisis resources (the panel, its heading, calls and details): the host
  // keeps the calls (crisis buttons) in reach, never takes a crisis heading for the screen's, and
  // guards the calls against a stray tap.
  bool crisis = false;
  // ["chrome"] the widget's own frame around every screen (the footer's articles link and short
  // disclaimer), not the screen's words: left out of the result's text (Copy my result).
  bool chrome = false;
  Live live = Live::None;  // ["live"] "summary" or "status" (above)
  // ["announce"] Live::Summary: the host says the words again each time this number changes (above
  // 0); the widget counts up when the same words must be heard again (another Send with the same mistakes).
  int announce = 0;
  Rect rect;
  friend bool operator==(const SemanticNode& a, const SemanticNode& b) {
    return a.id == b.id && a.role == b.role && a.name == b.name && a.value == b.value && a.level == b.level &&
           a.checked == b.checked && a.disabled == b.disabled && a.invalid == b.invalid && a.error == b.error &&
           a.input_kind == b.input_kind && a.autocomplete == b.autocomplete && a.focused == b.focused &&
           a.group == b.group && a.group_label == b.group_label && a.parent == b.parent &&
           a.described_by == b.described_by && a.describes == b.describes && a.crisis == b.crisis &&
           a.chrome == b.chrome && a.live == b.live && a.announce == b.announce && a.rect == b.rect;
  }
};

using SemanticTree = std::vector<SemanticNode>;  // in reading order

json::Value to_json(const SemanticTree& tree);
const SemanticNode* find_node(const SemanticTree& tree, std::string_view id);

}  // namespace ketascreen::widgets
