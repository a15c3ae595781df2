#include "theme.hpp"

#include <cmath>
#include <cstdlib>

namespace ketascreen::widgets {
namespace {

ImVec4 rgb(int hex) { return ImVec4(((hex >> 16) & 255) / 255.0f, ((hex >> 8) & 255) / 255.0f, (hex & 255) / 255.0f, 1.0f); }

float channel_luminance(float c) { return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float luminance(const ImVec4& c) {
  return 0.2126f * channel_luminance(c.x) + 0.7152f * channel_luminance(c.y) + 0.0722f * channel_luminance(c.z);
}

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}

// Moves `colour` towards `towards` (black or white) until it reaches `ratio` against `against`.
// A clinic's brand colour may be too pale for text; this keeps the brand's hue but makes it legible.
ImVec4 ensure_contrast(ImVec4 colour, const ImVec4& against, const ImVec4& towards, float ratio) {
  for (int i = 0; i < 20 && contrast_ratio(colour, against) < ratio; ++i) colour = mix(colour, towards, 0.1f);
  return colour;
}

}  // namespace

ImVec4 parse_hex_colour(const std::string& text, ImVec4 fallback) {
  if (text.size() != 7 || text[0] != '#') return fallback;
  char* end = nullptr;
  long value = std::strtol(text.c_str() + 1, &end, 16);
  if (end != text.c_str() + 7) return fallback;
  return rgb(static_cast<int>(value));
}

float contrast_ratio(const ImVec4& a, const ImVec4& b) {
  float la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05f) / (lb + 0.05f);
}

Theme make_theme(const BrandColours& brand, bool dark) {
  Theme t;
  t.dark = dark;
  const ImVec4 black = rgb(0x000000), white = rgb(0xffffff);
  if (!dark) {
    t.background = rgb(0xffffff);
    t.surface = rgb(0xf3f5f7);
    t.text = rgb(0x1b2128);
    t.muted = rgb(0x4d5865);
    t.border = rgb(0x8a96a3);  // 3:1 against white: WCAG 1.4.11 for field borders
    t.error = rgb(0xb3261e);
    t.caution = rgb(0x8f4e00);
    t.success = rgb(0x1e6b34);
    t.alert_background = rgb(0xfdeceb);
    t.alert_border = rgb(0xb3261e);
    t.alert_text = rgb(0x5c1210);
    t.primary = ensure_contrast(parse_hex_colour(brand.primary, rgb(0x1a5f78)), t.background, black, 4.5f);
    t.on_primary = white;
    t.primary_hover = mix(t.primary, black, 0.18f);
    t.disabled = rgb(0x7d8894);
    t.on_disabled = white;
  } else {
    t.background = rgb(0x14191f);
    t.surface = rgb(0x1e252d);
    t.text = rgb(0xe9eef3);
    t.muted = rgb(0xaeb8c3);
    t.border = rgb(0x6d7987);
    t.error = rgb(0xffb4ab);
    t.caution = rgb(0xffc46b);
    t.success = rgb(0x8fd6a0);
    t.alert_background = rgb(0x3a1614);
    t.alert_border = rgb(0xffb4ab);
    t.alert_text = rgb(0xffe4e0);
    t.primary = ensure_contrast(parse_hex_colour(brand.primary_dark, rgb(0x7cc4de)), t.background, white, 4.5f);
    t.on_primary = rgb(0x0b1a20);
    t.primary_hover = mix(t.primary, white, 0.18f);
    t.disabled = rgb(0x6d7987);
    t.on_disabled = rgb(0x0b1a20);
  }
  t.link = t.primary;
  t.focus = t.dark ? rgb(0xffd166) : rgb(0x1f4fd1);
  t.selected_fill = mix(t.background, t.primary, 0.14f);
  return t;
}

void apply_theme(const Theme& t) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(t.padding, t.padding);
  s.WindowBorderSize = 0;
  s.WindowRounding = 0;
  s.FramePadding = ImVec2(12, 12);
  s.FrameRounding = t.radius;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(10, t.gap);
  s.ItemInnerSpacing = ImVec2(10, 6);
  s.ScrollbarSize = 12;
  s.GrabRounding = t.radius;
  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = t.text;
  c[ImGuiCol_TextDisabled] = t.muted;
  c[ImGuiCol_WindowBg] = t.background;
  c[ImGuiCol_ChildBg] = t.background;
  c[ImGuiCol_PopupBg] = t.surface;
  c[ImGuiCol_Border] = t.border;
  c[ImGuiCol_FrameBg] = t.background;
  c[ImGuiCol_FrameBgHovered] = t.surface;
  c[ImGuiCol_FrameBgActive] = t.surface;
  c[ImGuiCol_CheckMark] = t.primary;
  c[ImGuiCol_Button] = t.primary;
  c[ImGuiCol_ButtonHovered] = t.primary_hover;
  c[ImGuiCol_ButtonActive] = t.primary_hover;
  c[ImGuiCol_Header] = t.selected_fill;
  c[ImGuiCol_HeaderHovered] = t.surface;
  c[ImGuiCol_HeaderActive] = t.selected_fill;
  c[ImGuiCol_Separator] = t.border;
  c[ImGuiCol_ScrollbarBg] = t.background;
  c[ImGuiCol_ScrollbarGrab] = t.border;
  c[ImGuiCol_NavHighlight] = t.focus;
  c[ImGuiCol_TextSelectedBg] = ImVec4(t.primary.x, t.primary.y, t.primary.z, 0.35f);
  c[ImGuiCol_PlotHistogram] = t.primary;
}

}  // namespace ketascreen::widgets
