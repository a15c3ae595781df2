#pragma once
// Drawing helpers for plugins. Each helper draws one ImGui item in the widget's style (large tap
// targets, wrapped text in a readable column) and records its semantics node, so the semantics
// tree is complete without plugins writing nodes by hand.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/widgets/fonts.hpp"
#include "ketascreen/widgets/semantics.hpp"
#include "theme.hpp"

namespace ketascreen::widgets {

// "tel:+15550100142" for a phone number as people write it ("(555) 010-0142").
std::string tel_href(std::string_view phone);

enum class TextStyle { Body, Strong, Muted, Small, Error };
enum class ButtonKind { Primary, Secondary };
// Icons drawn with shapes (the subset Inter has no such glyphs): a no-entry sign (red), a warning
// triangle (amber) and a check mark (green), each in its theme colour so a group is told apart by
// shape as well as colour.
enum class Marker { Stop, Caution, Check };

// What the host asks of a node (the accessibility overlay's buttons and inputs, or a test):
// applied by the helper that draws that node in the next frame.
struct NodeAction {
  enum class Kind { Activate, SetValue };
  Kind kind = Kind::Activate;
  std::string id;
  std::string value;  // SetValue
};

class Ui {
 public:
  Ui(const Theme& theme, const Fonts& fonts) : theme_(&theme), fonts_(&fonts) {}

  // Starts a frame's tree; `width` is the column width in logical pixels. Actions queued since
  // the last frame apply during this one; those whose node is not drawn are dropped.
  void begin_frame(float width);
  void queue(NodeAction action) { queued_.push_back(std::move(action)); }
  // The node the host's focus is on ("" for none): marked focused and ringed on the canvas.
  void set_focus(std::string id) { focus_id_ = std::move(id); }
  // The host's input for text field `id` has the keyboard (typing goes there, not to ImGui), with
  // this selection in UTF-8 bytes of the value: `caret` is where typing goes, `anchor` the other
  // end (equal: no selection). The field then draws that caret and selection and scrolls to keep
  // the caret in view. An empty id: no host input has the keyboard.
  void set_selection(std::string id, int anchor, int caret);
  const SemanticTree& tree() const { return tree_; }
  const Theme& theme() const { return *theme_; }
  const Fonts& fonts() const { return *fonts_; }
  float width() const { return width_; }
  void set_width(float width) { width_ = width; }  // for indented content such as list items

  void heading(std::string_view id, std::string_view text, int level = 1);
  // A heading in the marker's colour with the marker drawn before it.
  void marked_heading(std::string_view id, std::string_view text, int level, Marker marker);
  // A marked heading whose content, up to end_group(), is indented to line up with its text.
  void begin_group(std::string_view id, std::string_view text, Marker marker);
  void end_group();
  void text(std::string_view id, std::string_view text, TextStyle style = TextStyle::Body);
  // A filled (primary) or outlined (secondary) button; `full_width` stretches it over the column.
  bool button(std::string_view id, std::string_view label, ButtonKind kind = ButtonKind::Primary,
              bool disabled = false, bool full_width = false);
  // A full-width answer tile with a radio mark, for yes/no and single-choice answers. With
  // `details` (lines separated by '\n'), the label is drawn bold and the lines under it in the
  // small muted style (a provider and what it offers); the node's name is all of it, in sentences.
  // Drawn between begin_radio_group() and end_radio_group(): the radios of that group.
  bool choice(std::string_view id, std::string_view label, bool selected, std::string_view details = {});
  // The radios drawn until end_radio_group() are one group (SemanticNode::group): `group` is its
  // key, `label` the id of the heading that names it (the question; empty: none). `error`: the
  // group's message, drawn under the radios as node "<group>/error", the description of each radio.
  void begin_radio_group(std::string_view group, std::string_view label);
  void end_radio_group(std::string_view error = {});
  // A compact radio group of (id, label) options, laid out as rows of pills that wrap at the
  // column's width: node ids are "<group>/<option id>"; `label` as for begin_radio_group. Returns
  // true when `selected` changed.
  bool chips(std::string_view group, std::string_view label, const std::vector<std::pair<std::string, std::string>>& options,
             std::string& selected);
  bool checkbox(std::string_view id, std::string_view label, bool& value, std::string_view error = {});
  // A labelled single-line field. `input_kind` is "text", "tel", "email", "zip" or "number" (the
  // keyboard and what typing may enter); `autocomplete` the HTML autocomplete token of what is asked
  // ("name", "tel", "email", "postal-code"; empty: none). An `error` is drawn under the field as
  // node "<id>/error", the field's description. Returns true when the text changed.
  bool text_field(std::string_view id, std::string_view label, std::string& value, std::string_view input_kind,
                  std::string_view error = {}, std::string_view autocomplete = {});
  // A link on its own line(s), underlined on every line; `style` Strong for a list's titles.
  bool link(std::string_view id, std::string_view text, TextStyle style = TextStyle::Body);
  // A message in the error colour behind a warning mark, that the host announces once per
  // `announcement` (a form's summary of its mistakes: a new number says it again, the same words or not).
  void summary(std::string_view id, std::string_view text, int announcement);
  // A status line (Live::Status): the host says it when its words change. In the Error style it
  // is an alert instead, which assistive technology says by itself.
  void status(std::string_view id, std::string_view text, TextStyle style = TextStyle::Body);
  void progress(std::string_view id, size_t current, size_t total, std::string_view label);
  // Paragraph of styled runs with word wrap; returns the href of a link clicked this frame.
  std::optional<std::string> rich_text(std::string_view id, const std::vector<TextRun>& runs,
                                       TextStyle base = TextStyle::Body);
  // A boxed alert; everything drawn between begin and end sits inside it (SemanticNode::parent).
  // `crisis`: the crisis resources (the alert and all in it are SemanticNode::crisis). Not nested.
  void begin_alert(std::string_view id, std::string_view name, bool crisis = false);
  void end_alert();
  // Nodes recorded while on are the widget's frame around the screens (SemanticNode::chrome).
  void set_chrome(bool on) { chrome_ = on; }
  void spacing(float pixels);
  // A list item's bullet or number at the cursor, on the first line of the body text that follows
  // it there; the cursor does not move.
  void marker(std::string_view text);

 private:
  // Records the last ImGui item as a node.
  void record(std::string_view id, Role role, std::string_view name);
  // Adds a node, marking (and ringing) it when it has the host's focus.
  void push_node(SemanticNode node);
  // What a node takes from where it is drawn: the alert it is in, its radio group, the chrome.
  void place(SemanticNode& node) const;
  // An error message in the error colour: the description of `describes` (a node, or a radio group).
  void error_text(std::string id, std::string_view text, std::string_view describes);
  // Draws text wrapped to the column, `per_em` line spacing, without recording a node (labels
  // that name another node); the ImGui item is the text's box.
  void wrapped_text(std::string_view text, ImFont* font, const ImVec4& colour, float per_em = kLineHeight);
  std::optional<NodeAction> take(NodeAction::Kind kind, std::string_view id);
  bool take_activate(std::string_view id);
  bool take_value(std::string_view id, std::string& value);
  void draw_focus_ring(const Rect& rect) const;
  void draw_marker(Marker marker, ImVec2 min, float size, const ImVec4& colour) const;
  float marker_offset(ImFont* font) const;
  void marked_text(std::string_view text, ImFont* font, Marker marker, const ImVec4& colour);
  void draw_host_edited_text(const std::string& value, ImVec2 min, ImVec2 max, float pad_x);
  SemanticNode& last() { return tree_.back(); }
  ImFont* font_for(TextStyle style) const;
  ImVec4 colour_for(TextStyle style) const;

  const Theme* theme_;
  const Fonts* fonts_;
  float width_ = 0;
  SemanticTree tree_;
  std::vector<NodeAction> queued_, current_;
  std::string focus_id_;
  struct HostSelection {
    std::string id;
    int anchor = 0, caret = 0;
    float scroll = 0;  // how far the field's text is scrolled left to show the caret
  } selection_;
  ImVec2 alert_start_;
  std::string alert_;            // the open alert's id (the parent of what is drawn in it)
  bool crisis_ = false, chrome_ = false;
  std::string group_, group_label_;  // the open radio group
  size_t group_start_ = 0;           // its first node's index in tree_
  float group_indent_ = 0;
};

}  // namespace ketascreen::widgets
