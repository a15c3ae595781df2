#include "ui.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ketascreen::widgets {
namespace {

ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

// ImGui labels are "visible##id": the id keeps items distinct when two show the same words.
std::string label_with_id(std::string_view label, std::string_view id) {
  std::string out(label);
  out += "##";
  out += id;
  return out;
}

float logical_size(ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

// CSS's font-size of `font` (its line box is kLineBoxPerEm of it), and the distance between its lines.
float em_size(ImFont* font) { return logical_size(font) / kLineBoxPerEm; }
float line_height(ImFont* font, float per_em = kLineHeight) { return em_size(font) * per_em; }

// Framebuffer pixels per logical pixel: rules are snapped to them so they stay crisp.
float pixel_scale() { return 1.0f / ImGui::GetIO().FontGlobalScale; }
float snap(float v) { return std::floor(v * pixel_scale() + 0.5f) / pixel_scale(); }

// One line of wrapped text: its bytes (without the blanks it broke at) and its width. Kept in an
// ImVector, whose code is smaller than std::vector's (the wasm's size budget).
struct Line {
  const char* begin;
  const char* end;
  float width;
};

// `text` broken into lines no wider than `wrap` where it can (at blanks, as ImGui wraps), and at
// each '\n'.
ImVector<Line> wrap_lines(ImFont* font, float size, std::string_view text, float wrap) {
  ImVector<Line> lines;
  const char* s = text.data();
  const char* const end = s + text.size();
  const float scale = size / font->FontSize;
  do {
    const char* paragraph_end = std::find(s, end, '\n');
    do {
      const char* eol = font->CalcWordWrapPositionA(scale, s, paragraph_end, wrap);
      if (eol == s && s < paragraph_end) {  // nothing fits: one character, as ImGui does
        ++eol;
        while (eol < paragraph_end && (*eol & 0xC0) == 0x80) ++eol;
      }
      const char* visible_end = eol;
      while (visible_end > s && (visible_end[-1] == ' ' || visible_end[-1] == '\t')) --visible_end;
      lines.push_back({s, visible_end, font->CalcTextSizeA(size, FLT_MAX, 0, s, visible_end).x});
      s = eol;
      while (s < paragraph_end && (*s == ' ' || *s == '\t')) ++s;
    } while (s < paragraph_end);
    s = paragraph_end + (paragraph_end < end ? 1 : 0);
  } while (s < end);
  return lines;
}

float widest(const ImVector<Line>& lines) {
  float w = 0;
  for (const Line& l : lines) w = std::max(w, l.width);
  return w;
}

// A link's underline: a rule 1 px (`thickness`) under the baseline, across `x0`..`x1`, on whole
// framebuffer pixels. A filled rectangle rather than a line: lines are anti-aliased over two pixel rows.
void underline(ImDrawList* draw, ImFont* font, float size, float top, float x0, float x1, ImU32 colour, float thickness) {
  const float baseline = top + font->Ascent * size / font->FontSize;
  const float y = snap(baseline + std::max(1.5f, size * 0.09f));
  draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + std::max(thickness, 1.0f / pixel_scale())), colour);
}

// Draws `lines` from `pos`, one every `line_height`, each centred in its line box as CSS does
// (half the leading above); `underline_thickness` > 0 underlines every line (wrapped links).
void draw_lines(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, const ImVector<Line>& lines,
                float line_height, float underline_thickness = 0) {
  const float leading = (line_height - size) / 2;
  for (int i = 0; i < lines.Size; ++i) {
    const float top = pos.y + static_cast<float>(i) * line_height + leading;
    draw->AddText(font, size, ImVec2(pos.x, top), colour, lines[i].begin, lines[i].end);
    if (underline_thickness > 0 && lines[i].width > 0)
      underline(draw, font, size, top, pos.x, pos.x + lines[i].width, colour, underline_thickness);
  }
}

// Only characters that belong in the field: digits and phone punctuation for phones, digits and a
// dash for ZIP codes. A phone keyboard offers the right keys; a desktop keyboard needs this filter.
bool accepts(std::string_view kind, ImWchar c) {
  const bool digit = c >= '0' && c <= '9';
  if (kind == "tel") return digit || c == ' ' || c == '(' || c == ')' || c == '-' || c == '+' || c == '.';
  if (kind == "zip") return digit || c == '-';
  if (kind == "number") return digit || c == '.' || c == '-';
  return true;
}

// What InputText's callback needs: the std::string to grow (imgui_stdlib is not part of the
// build) and the field kind to filter by.
struct FieldBuffer {
  std::string* text;
  std::string_view kind;
};

int field_callback(ImGuiInputTextCallbackData* data) {
  auto* field = static_cast<FieldBuffer*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    field->text->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = field->text->data();
    return 0;
  }
  return accepts(field->kind, data->EventChar) ? 0 : 1;
}

}  // namespace

std::string tel_href(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  if (digits.size() == 10) digits = "+1" + digits;  // a US number without its country code
  return "tel:" + digits;
}

void Ui::begin_frame(float width) {
  width_ = width;
  tree_.clear();
  current_ = std::move(queued_);
  queued_.clear();
}

std::optional<NodeAction> Ui::take(NodeAction::Kind kind, std::string_view id) {
  for (auto it = current_.begin(); it != current_.end(); ++it) {
    if (it->kind == kind && it->id == id) {
      NodeAction action = std::move(*it);
      current_.erase(it);
      return action;
    }
  }
  return std::nullopt;
}

bool Ui::take_activate(std::string_view id) { return take(NodeAction::Kind::Activate, id).has_value(); }

bool Ui::take_value(std::string_view id, std::string& value) {
  auto action = take(NodeAction::Kind::SetValue, id);
  if (action) value = std::move(action->value);
  return action.has_value();
}

void Ui::draw_focus_ring(const Rect& r) const {
  // Outside the item, 3 px wide, in a colour with 3:1 contrast on the background (WCAG 2.4.7),
  // with a gap between it and the item so it never touches the letters or the tile's edge.
  // ImGui strokes a path 0.5 px inside the rectangle it is given, centred on that path.
  const float w = theme_->focus_width, out = theme_->focus_gap + w / 2 + 0.5f;
  ImGui::GetWindowDrawList()->AddRect(ImVec2(r.x - out, r.y - out), ImVec2(r.x + r.w + out, r.y + r.h + out),
                                      u32(theme_->focus), theme_->radius + out, 0, w);
}

ImFont* Ui::font_for(TextStyle style) const {
  switch (style) {
    case TextStyle::Strong: return fonts_->strong;
    case TextStyle::Small: return fonts_->small;
    default: return fonts_->body;
  }
}

ImVec4 Ui::colour_for(TextStyle style) const {
  switch (style) {
    case TextStyle::Muted:
    case TextStyle::Small: return theme_->muted;
    case TextStyle::Error: return theme_->error;
    default: return theme_->text;
  }
}

void Ui::record(std::string_view id, Role role, std::string_view name) {
  SemanticNode node;
  node.id = std::string(id);
  node.role = role;
  node.name = std::string(name);
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  node.rect = {min.x, min.y, max.x - min.x, max.y - min.y};
  push_node(std::move(node));
}

void Ui::place(SemanticNode& node) const {
  if (node.parent.empty()) node.parent = alert_;
  node.crisis = node.crisis || crisis_;
  node.chrome = chrome_;
  if (node.role == Role::Radio) {
    node.group = group_;
    node.group_label = group_label_;
  }
}

void Ui::push_node(SemanticNode node) {
  place(node);
  node.focused = !focus_id_.empty() && node.id == focus_id_;
  if (node.focused) draw_focus_ring(node.rect);
  tree_.push_back(std::move(node));
}

void Ui::wrapped_text(std::string_view text, ImFont* font, const ImVec4& colour, float per_em) {
  // Drawn line by line rather than with ImGui::TextUnformatted, whose lines are only the font's
  // line box apart (1.2 em): running text reads better at 1.5.
  const float size = logical_size(font), spacing = line_height(font, per_em);
  const auto lines = wrap_lines(font, size, text, width_);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  draw_lines(ImGui::GetWindowDrawList(), font, size, pos, u32(colour), lines, spacing);
  ImGui::Dummy(ImVec2(std::max(1.0f, widest(lines)), spacing * static_cast<float>(lines.size())));
}

void Ui::heading(std::string_view id, std::string_view text, int level) {
  wrapped_text(text, level <= 2 ? fonts_->heading : fonts_->strong, theme_->text, kHeadingLineHeight);
  record(id, Role::Heading, text);
  last().level = level;
}

// The marker's side: a little taller than the font's capitals, so it reads as an icon, not a bullet.
float Ui::marker_offset(ImFont* font) const { return std::round(logical_size(font) * 1.1f) * 1.45f; }

void Ui::draw_marker(Marker marker, ImVec2 p, float s, const ImVec4& colour) const {
  // The inner mark's strokes, in fractions of the side: a bar; an exclamation mark; a tick.
  static const float kStrokes[3][8] = {{.24f, .5f, .76f, .5f, .24f, .5f, .76f, .5f},
                                       {.5f, .34f, .5f, .6f, .5f, .7f, .5f, .78f},
                                       {.27f, .52f, .44f, .68f, .44f, .68f, .74f, .36f}};
  const float* k = kStrokes[static_cast<int>(marker)];
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 ink = u32(theme_->background);  // the inner mark is cut out of the shape
  const auto at = [&](float x, float y) { return ImVec2(p.x + s * x, p.y + s * y); };
  if (marker == Marker::Caution) draw->AddTriangleFilled(at(.5f, 0), at(1, .92f), at(0, .92f), u32(colour));
  else draw->AddCircleFilled(at(.5f, .5f), s / 2, u32(colour), 24);
  for (int i = 0; i < 8; i += 4) draw->AddLine(at(k[i], k[i + 1]), at(k[i + 2], k[i + 3]), ink, s * .13f);
}

// The marker, centred on the first line of the text (which may wrap), and the text beside it.
void Ui::marked_text(std::string_view text, ImFont* font, Marker marker, const ImVec4& colour) {
  const float size = logical_size(font), icon = std::round(size * 1.1f), offset = marker_offset(font);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  draw_marker(marker, ImVec2(pos.x, pos.y + (size - icon) / 2), icon, colour);
  ImGui::Indent(offset);
  width_ -= offset;
  wrapped_text(text, font, colour);
  width_ += offset;
  ImGui::Unindent(offset);
}

void Ui::marked_heading(std::string_view id, std::string_view text, int level, Marker marker) {
  marked_text(text, level <= 2 ? fonts_->heading : fonts_->strong, marker,
              marker == Marker::Stop ? theme_->error : marker == Marker::Caution ? theme_->caution : theme_->success);
  record(id, Role::Heading, text);
  last().level = level;
}

void Ui::begin_group(std::string_view id, std::string_view text, Marker marker) {
  marked_heading(id, text, 3, marker);
  group_indent_ = marker_offset(fonts_->strong);
  ImGui::Indent(group_indent_);
  width_ -= group_indent_;
}

void Ui::end_group() {
  width_ += group_indent_;
  ImGui::Unindent(group_indent_);
  group_indent_ = 0;
}

void Ui::text(std::string_view id, std::string_view text, TextStyle style) {
  wrapped_text(text, font_for(style), colour_for(style));
  record(id, style == TextStyle::Error ? Role::Alert : Role::Text, text);
}

void Ui::error_text(std::string id, std::string_view text, std::string_view describes) {
  this->text(id, text, TextStyle::Error);
  last().describes = std::string(describes);
}

void Ui::status(std::string_view id, std::string_view text, TextStyle style) {
  this->text(id, text, style);
  if (style != TextStyle::Error) last().live = Live::Status;
}

void Ui::begin_radio_group(std::string_view group, std::string_view label) {
  group_ = std::string(group);
  group_label_ = std::string(label);
  group_start_ = tree_.size();
}

void Ui::end_radio_group(std::string_view error) {
  if (!error.empty()) {
    const std::string id = group_ + "/error";
    for (size_t i = group_start_; i < tree_.size(); ++i)
      if (tree_[i].group == group_) tree_[i].described_by = id;
    error_text(id, error, group_);
  }
  group_.clear();
  group_label_.clear();
}

bool Ui::button(std::string_view id, std::string_view label, ButtonKind kind, bool disabled, bool full_width) {
  const Theme& t = *theme_;
  ImGui::PushFont(fonts_->strong);
  const float pad_y = std::max(6.0f, (t.tap_height - logical_size(fonts_->strong)) / 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(20, pad_y));
  if (kind == ButtonKind::Primary) {
    ImGui::PushStyleColor(ImGuiCol_Text, t.on_primary);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, t.link);
    ImGui::PushStyleColor(ImGuiCol_Button, t.background);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.surface);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.selected_fill);
    ImGui::PushStyleColor(ImGuiCol_Border, t.link);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  if (disabled) {
    // Grey, not faded: still 3:1 against the background (theme.disabled), label 3:1 on it.
    const bool filled = kind == ButtonKind::Primary;
    ImGui::PushStyleColor(ImGuiCol_Text, filled ? t.on_disabled : t.disabled);
    for (ImGuiCol c : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive})
      ImGui::PushStyleColor(c, filled ? t.disabled : t.background);
    ImGui::PushStyleColor(ImGuiCol_Border, t.disabled);
  }
  const std::string full = label_with_id(label, id);
  const ImVec2 size(full_width ? width_ : 0.0f, 0.0f);
  bool pressed = (ImGui::Button(full.c_str(), size) || take_activate(id)) && !disabled;
  if (disabled) ImGui::PopStyleColor(5);
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(kind == ButtonKind::Primary ? 1 : 5);
  ImGui::PopFont();
  record(id, Role::Button, label);
  last().disabled = disabled;
  return pressed;
}

// "Line one\nLine two" -> "Line one. Line two.": what a screen reader reads for a tile's lines.
static std::string as_sentences(std::string_view label, std::string_view details) {
  std::string out;
  auto add = [&](std::string_view line) {
    if (line.empty()) return;
    if (!out.empty()) out += ' ';
    out += line;
    const char last = line.back();
    if (last != '.' && last != '?' && last != '!' && last != ':') out += '.';
  };
  add(label);
  while (!details.empty()) {
    const size_t end = details.find('\n');
    add(details.substr(0, end));
    details = end == std::string_view::npos ? std::string_view{} : details.substr(end + 1);
  }
  return out;
}

bool Ui::choice(std::string_view id, std::string_view label, bool selected, std::string_view details) {
  const Theme& t = *theme_;
  ImFont* font = details.empty() ? fonts_->body : fonts_->strong;
  ImFont* small = fonts_->small;
  const float size = logical_size(font), small_size = logical_size(small);
  const float mark = 22.0f, inner = 16.0f;
  const float text_x = inner + mark + 14.0f;
  const float wrap = width_ - text_x - inner;
  const float spacing = line_height(font), small_spacing = line_height(small);
  const auto lines = wrap_lines(font, size, label, wrap);
  const auto detail_lines = details.empty() ? ImVector<Line>{} : wrap_lines(small, small_size, details, wrap);
  const float label_height = spacing * static_cast<float>(lines.size());
  const float text_height = label_height + small_spacing * static_cast<float>(detail_lines.size());
  const float height = std::max(t.tap_height + 8.0f, text_height + 2 * inner);

  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(std::string(id).c_str());
  const bool pressed = ImGui::InvisibleButton("tile", ImVec2(width_, height)) || take_activate(id);
  ImGui::PopID();
  const bool hovered = ImGui::IsItemHovered();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + width_, pos.y + height);
  draw->AddRectFilled(pos, end, u32(selected ? t.selected_fill : hovered ? t.surface : t.background), t.radius);
  draw->AddRect(pos, end, u32(selected ? t.primary : t.border), t.radius, 0, selected ? 2.5f : 1.0f);
  // One line: the mark in the middle; several: beside the first line.
  const float top = pos.y + (height - text_height) / 2;
  const ImVec2 centre(pos.x + inner + mark / 2, details.empty() ? pos.y + height / 2 : top + spacing / 2);
  draw->AddCircle(centre, mark / 2, u32(selected ? t.primary : t.muted), 24, 2.0f);
  if (selected) draw->AddCircleFilled(centre, mark / 2 - 5, u32(t.primary), 24);
  draw_lines(draw, font, size, ImVec2(pos.x + text_x, top), u32(t.text), lines, spacing);
  draw_lines(draw, small, small_size, ImVec2(pos.x + text_x, top + label_height), u32(t.muted), detail_lines,
             small_spacing);

  record(id, Role::Radio, details.empty() ? std::string(label) : as_sentences(label, details));
  last().checked = selected || pressed;  // pressing a radio selects it: say so in this frame's tree already
  return pressed;
}

bool Ui::chips(std::string_view group, std::string_view label,
               const std::vector<std::pair<std::string, std::string>>& options, std::string& selected) {
  begin_radio_group(group, label);
  const Theme& t = *theme_;
  ImFont* font = fonts_->body;
  const float size = logical_size(font);
  const float mark = 18.0f, pad = 12.0f, gap = 8.0f;
  const float start_x = ImGui::GetCursorPosX(), line_start = ImGui::GetCursorScreenPos().x;
  float line_end = 0;  // where the last pill on this line ends, from the column's left; 0 for a new line
  bool changed = false;
  for (const auto& [option, label] : options) {
    const float wrap = width_ - 2 * pad - mark - gap;
    const ImVec2 text_size = font->CalcTextSizeA(size, FLT_MAX, wrap, label.c_str(), label.c_str() + label.size());
    const float w = std::min(width_, 2 * pad + mark + gap + text_size.x);
    const float h = std::max(t.tap_height, text_size.y + 2 * pad);
    if (line_end > 0 && line_end + gap + w <= width_) {
      ImGui::SameLine(0, gap);
    } else if (line_end > 0) {
      ImGui::SetCursorPosX(start_x);
    }
    const std::string id = std::string(group) + "/" + option;
    const bool is_selected = selected == option;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(id.c_str());
    const bool pressed = ImGui::InvisibleButton("chip", ImVec2(w, h)) || take_activate(id);
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    line_end = ImGui::GetItemRectMax().x - line_start;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + w, pos.y + h);
    draw->AddRectFilled(pos, end, u32(is_selected ? t.selected_fill : hovered ? t.surface : t.background), h / 2);
    draw->AddRect(pos, end, u32(is_selected ? t.primary : t.border), h / 2, 0, is_selected ? 2.5f : 1.0f);
    const ImVec2 centre(pos.x + pad + mark / 2, pos.y + h / 2);
    draw->AddCircle(centre, mark / 2, u32(is_selected ? t.primary : t.muted), 20, 2.0f);
    if (is_selected) draw->AddCircleFilled(centre, mark / 2 - 4, u32(t.primary), 20);
    draw->AddText(font, size, ImVec2(pos.x + pad + mark + gap, pos.y + (h - text_size.y) / 2), u32(t.text),
                  label.c_str(), label.c_str() + label.size(), wrap);

    record(id, Role::Radio, label);
    last().checked = is_selected || pressed;
    if (pressed && !is_selected) {
      selected = option;
      changed = true;
    }
  }
  end_radio_group();
  return changed;
}

bool Ui::checkbox(std::string_view id, std::string_view label, bool& value, std::string_view error) {
  const Theme& t = *theme_;
  ImFont* font = fonts_->body;
  const float size = logical_size(font);
  const float box = 26.0f, gap = 14.0f;
  const float wrap = width_ - box - gap;
  const float spacing = line_height(font);
  const auto lines = wrap_lines(font, size, label, wrap);
  // The first line's middle level with the box's.
  const float text_top = std::max(0.0f, 2 + box / 2 - spacing / 2);
  const float height = std::max(t.tap_height, text_top + spacing * static_cast<float>(lines.size()));

  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(std::string(id).c_str());
  const bool pressed = ImGui::InvisibleButton("box", ImVec2(width_, height)) || take_activate(id);
  ImGui::PopID();
  if (pressed) value = !value;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 box_min(pos.x, pos.y + 2), box_max(pos.x + box, pos.y + 2 + box);
  const ImVec4 edge = !error.empty() ? t.error : value ? t.primary : t.border;
  draw->AddRectFilled(box_min, box_max, u32(value ? t.primary : t.background), 5.0f);
  draw->AddRect(box_min, box_max, u32(edge), 5.0f, 0, 2.0f);
  if (value) {
    const ImVec2 a(box_min.x + 6, box_min.y + 13), b(box_min.x + 11, box_min.y + 19), c(box_min.x + 20, box_min.y + 7);
    draw->AddLine(a, b, u32(t.on_primary), 3.0f);
    draw->AddLine(b, c, u32(t.on_primary), 3.0f);
  }
  draw_lines(draw, font, size, ImVec2(pos.x + box + gap, pos.y + text_top), u32(t.text), lines, spacing);

  record(id, Role::Checkbox, label);
  last().checked = value;
  last().invalid = !error.empty();
  last().error = std::string(error);
  if (!error.empty()) {
    last().described_by = std::string(id) + "/error";
    error_text(last().described_by, error, id);
  }
  return pressed;
}

bool Ui::text_field(std::string_view id, std::string_view label, std::string& value, std::string_view input_kind,
                    std::string_view error, std::string_view autocomplete) {
  const Theme& t = *theme_;
  // The label is the field's accessible name, not a node of its own.
  wrapped_text(label, font_for(TextStyle::Strong), colour_for(TextStyle::Strong));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, (t.tap_height - logical_size(fonts_->body)) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, error.empty() ? 1.0f : 2.0f);
  ImGui::PushStyleColor(ImGuiCol_Border, error.empty() ? t.border : t.error);
  ImGui::SetNextItemWidth(width_);
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackResize;
  if (input_kind != "text" && input_kind != "email") flags |= ImGuiInputTextFlags_CallbackCharFilter;
  const std::string hidden = label_with_id("", id);
  // A value typed into the overlay's <input> replaces the text; ImGui must not be editing the field
  // at the same time, or its own copy of the text would win.
  std::string from_host;
  const bool set_by_host = take_value(id, from_host);
  if (set_by_host) {
    if (ImGui::GetActiveID() == ImGui::GetID(hidden.c_str())) ImGui::ClearActiveID();
    value.clear();
    for (char c : from_host)
      if (accepts(input_kind, static_cast<unsigned char>(c))) value += c;
  }
  FieldBuffer field{&value, input_kind};
  const bool changed =
      ImGui::InputText(hidden.c_str(), value.data(), value.capacity() + 1, flags, field_callback, &field) ||
      set_by_host;
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  record(id, Role::TextField, label);
  last().value = value;
  last().input_kind = std::string(input_kind);
  last().autocomplete = std::string(autocomplete);
  last().invalid = !error.empty();
  last().error = std::string(error);
  if (ImGui::IsItemActive()) {
    last().focused = true;
  } else if (selection_.id == id) {
    // The overlay's <input> has the keyboard for this field, but its own text, caret and
    // selection are transparent (its text metrics are not Inter's): draw them here, where it has
    // them, scrolled to keep the caret in view. Static, so an idle focused field draws no frames.
    draw_host_edited_text(value, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), 12);
  }
  if (!error.empty()) {
    last().described_by = std::string(id) + "/error";
    error_text(last().described_by, error, id);
  }
  return changed;
}

void Ui::set_selection(std::string id, int anchor, int caret) {
  if (id != selection_.id) selection_ = HostSelection{};
  selection_.id = std::move(id);
  selection_.anchor = std::max(0, anchor);
  selection_.caret = std::max(0, caret);
}

// Over the inactive InputText's frame: the text again, scrolled, with the selection and caret.
void Ui::draw_host_edited_text(const std::string& value, ImVec2 min, ImVec2 max, float pad_x) {
  ImFont* font = fonts_->body;
  const float size = logical_size(font);
  const auto x_at = [&](int byte) {
    const size_t end = std::min(value.size(), static_cast<size_t>(byte));
    return font->CalcTextSizeA(size, FLT_MAX, 0, value.data(), value.data() + end).x;
  };
  const float inner = std::max(1.0f, max.x - min.x - 2 * pad_x);
  const float caret = x_at(selection_.caret), anchor = x_at(selection_.anchor), all = x_at(static_cast<int>(value.size()));
  float& scroll = selection_.scroll;
  scroll = std::min(scroll, std::max(0.0f, all + 2 - inner));  // the text got shorter
  if (caret - scroll > inner - 2) scroll = caret - inner + 2;
  if (caret < scroll) scroll = caret;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float mid = (min.y + max.y) / 2, x0 = min.x + pad_x - scroll;
  const ImU32 background = u32(theme_->background);
  // Cover ImGui's unscrolled text, inside the border.
  draw->AddRectFilled(ImVec2(min.x + 2, min.y + 2), ImVec2(max.x - 2, max.y - 2), background, std::max(0.0f, theme_->radius - 2));
  draw->PushClipRect(ImVec2(min.x + pad_x - 1, min.y), ImVec2(max.x - pad_x + 1, max.y), true);
  if (caret != anchor) {
    draw->AddRectFilled(ImVec2(x0 + std::min(caret, anchor), mid - size * 0.6f), ImVec2(x0 + std::max(caret, anchor), mid + size * 0.6f),
                        ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
  }
  draw->AddText(font, size, ImVec2(x0, mid - size / 2), u32(theme_->text), value.data(), value.data() + value.size());
  if (caret == anchor) {
    draw->AddLine(ImVec2(x0 + caret, mid - size * 0.55f), ImVec2(x0 + caret, mid + size * 0.55f), u32(theme_->text), 2.0f);
  }
  draw->PopClipRect();
}

bool Ui::link(std::string_view id, std::string_view text, TextStyle style) {
  ImFont* font = font_for(style);
  const float size = logical_size(font), spacing = line_height(font);
  const auto lines = wrap_lines(font, size, text, width_);
  const ImVec2 text_size(widest(lines), spacing * static_cast<float>(lines.size()));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  // The hit area is at least 40 px tall even though a line is smaller; a wrapped link keeps the
  // same space above and below its text as a one-line link, so what follows sits as close.
  const float height = text_size.y + 2 * std::max(0.0f, (theme_->tap_height - 8 - spacing) / 2);
  ImGui::PushID(std::string(id).c_str());
  const bool pressed =
      ImGui::InvisibleButton("link", ImVec2(std::max(1.0f, text_size.x), height)) || take_activate(id);
  ImGui::PopID();
  const bool hovered = ImGui::IsItemHovered();
  // Every line underlined: a wrapped link's later lines must read as the same link.
  draw_lines(ImGui::GetWindowDrawList(), font, size, ImVec2(pos.x, pos.y + (height - text_size.y) / 2),
             u32(theme_->link), lines, spacing, hovered ? 2.0f : 1.0f);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  record(id, Role::Link, text);
  return pressed;
}

void Ui::summary(std::string_view id, std::string_view text, int announcement) {
  marked_text(text, fonts_->strong, Marker::Caution, theme_->error);
  // Text, not an alert: the host's one live region says it, and only when `announcement` changes.
  record(id, Role::Text, text);
  last().live = Live::Summary;
  last().announce = announcement;
}

void Ui::progress(std::string_view id, size_t current, size_t total, std::string_view label) {
  const Theme& t = *theme_;
  wrapped_text(label, font_for(TextStyle::Small), colour_for(TextStyle::Small));  // the node's name
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width_, 8));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + width_, pos.y + 8), u32(t.surface), 4);
  const float done = total ? width_ * static_cast<float>(current) / static_cast<float>(total) : 0;
  if (done > 0) draw->AddRectFilled(pos, ImVec2(pos.x + done, pos.y + 8), u32(t.primary), 4);
  record(id, Role::Progress, label);
  last().value = std::to_string(current) + "/" + std::to_string(total);
}

std::optional<std::string> Ui::rich_text(std::string_view id, const std::vector<TextRun>& runs, TextStyle base) {
  const Theme& t = *theme_;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_height = widgets::line_height(font_for(base));
  float x = origin.x, y = origin.y;
  std::optional<std::string> clicked;
  std::string plain;
  int link_index = 0;

  for (const TextRun& run : runs) {
    ImFont* font = run.bold ? fonts_->strong : font_for(base);
    const float size = logical_size(font);
    const ImVec4 colour = run.href.empty() ? colour_for(base) : t.link;
    const float leading = (line_height - size) / 2;  // half above the glyphs, as CSS
    ImVec2 link_min(FLT_MAX, FLT_MAX), link_max(-FLT_MAX, -FLT_MAX);
    // A link's underline is one rule per line, under its words and the spaces between them:
    // drawn when the line ends, from the link's first word on it to its last.
    float rule_from = -1, rule_to = 0;
    const auto end_rule = [&] {
      if (rule_from >= 0) underline(draw, font, size, y + leading, rule_from, rule_to, u32(colour), 1.0f);
      rule_from = -1;
    };
    const char* p = run.text.data();
    const char* end = p + run.text.size();
    while (p < end) {
      // A word and the spaces after it; lines break only between words.
      const char* word_end = p;
      while (word_end < end && *word_end != ' ') ++word_end;
      const char* token_end = word_end;
      while (token_end < end && *token_end == ' ') ++token_end;
      const float word_w = font->CalcTextSizeA(size, FLT_MAX, 0, p, word_end).x;
      if (x > origin.x && x + word_w > origin.x + width_) {
        end_rule();
        x = origin.x;
        y += line_height;
      }
      const int first_vertex = draw->VtxBuffer.Size;
      draw->AddText(font, size, ImVec2(x, y + leading), u32(colour), p, word_end);
      // There is no italic font (it would cost the size budget): slant the glyph quads instead,
      // about 12 degrees around the baseline, as browsers synthesise a missing italic.
      if (run.italic) {
        const float baseline = y + leading + size * 0.8f;
        for (int v = first_vertex; v < draw->VtxBuffer.Size; ++v)
          draw->VtxBuffer[v].pos.x += (baseline - draw->VtxBuffer[v].pos.y) * 0.21f;
      }
      if (!run.href.empty()) {
        if (rule_from < 0) rule_from = x;
        rule_to = x + word_w;
        const ImVec2 a(x, y), b(x + word_w, y + line_height);
        // The node's rectangle is the link's first line: a link broken over two lines has no
        // single box, and its first words are where a tap (or an overlay element) should go.
        if (link_min.y == FLT_MAX || a.y == link_min.y) {
          link_min = ImVec2(std::min(link_min.x, a.x), a.y);
          link_max = ImVec2(std::max(link_max.x, b.x), b.y);
        }
        if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) clicked = run.href;
        }
      }
      x += font->CalcTextSizeA(size, FLT_MAX, 0, p, token_end).x;
      p = token_end;
    }
    end_rule();
    plain += run.text;
    if (!run.href.empty()) {
      SemanticNode node;
      node.id = std::string(id) + "/link/" + std::to_string(link_index++);
      node.role = Role::Link;
      node.name = run.text;
      node.value = run.href;
      node.parent = std::string(id);  // the paragraph's
      node.rect = {link_min.x, link_min.y, link_max.x - link_min.x, link_max.y - link_min.y};
      if (take_activate(node.id)) clicked = run.href;
      push_node(std::move(node));
    }
  }
  ImGui::Dummy(ImVec2(width_, y + line_height - origin.y));
  // The paragraph's node goes before its links, in reading order.
  SemanticNode paragraph;
  paragraph.id = std::string(id);
  paragraph.role = Role::Text;
  paragraph.name = plain;
  paragraph.rect = {origin.x, origin.y, width_, y + line_height - origin.y};
  place(paragraph);
  tree_.insert(tree_.end() - link_index, std::move(paragraph));
  return clicked;
}

void Ui::begin_alert(std::string_view id, std::string_view name, bool crisis) {
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  alert_start_ = ImGui::GetCursorScreenPos();
  SemanticNode node;
  node.id = std::string(id);
  node.role = Role::Alert;
  node.name = std::string(name);
  node.crisis = crisis;
  place(node);
  tree_.push_back(std::move(node));
  alert_ = std::string(id);
  crisis_ = crisis;
  ImGui::Indent(theme_->padding * 0.8f);
  ImGui::Dummy(ImVec2(1, theme_->padding * 0.3f));
  width_ -= theme_->padding * 1.6f;
}

void Ui::end_alert() {
  alert_.clear();
  crisis_ = false;
  width_ += theme_->padding * 1.6f;
  ImGui::Unindent(theme_->padding * 0.8f);
  ImGui::Dummy(ImVec2(1, 0));
  const ImVec2 end(alert_start_.x + width_, ImGui::GetCursorScreenPos().y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(alert_start_, end, u32(theme_->alert_background), theme_->radius);
  draw->AddRect(alert_start_, end, u32(theme_->alert_border), theme_->radius, 0, 2.0f);
  draw->ChannelsMerge();
  for (auto it = tree_.rbegin(); it != tree_.rend(); ++it) {
    if (it->role == Role::Alert && it->rect.w == 0) {
      it->rect = {alert_start_.x, alert_start_.y, end.x - alert_start_.x, end.y - alert_start_.y};
      break;
    }
  }
  ImGui::Dummy(ImVec2(1, 2));
}

void Ui::spacing(float pixels) { ImGui::Dummy(ImVec2(1, pixels)); }

void Ui::marker(std::string_view text) {
  ImFont* font = fonts_->body;
  const float size = logical_size(font);
  ImVector<Line> line;
  line.push_back({text.data(), text.data() + text.size(), 0});
  draw_lines(ImGui::GetWindowDrawList(), font, size, ImGui::GetCursorScreenPos(), u32(theme_->text), line,
             line_height(font));
}

}  // namespace ketascreen::widgets
