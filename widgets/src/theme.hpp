#pragma once
// Colours and metrics of the widget, made from the clinic's brand colours. Light and dark follow
// the visitor's prefers-color-scheme; text colours keep WCAG AA contrast on their backgrounds
// whatever the brand colour (the brand colour is darkened or lightened until it does).

#include <imgui.h>

#include "ketascreen/content.hpp"

namespace ketascreen::widgets {

struct Theme {
  bool dark = false;
  ImVec4 background, surface, text, muted, border;
  ImVec4 primary, primary_hover, on_primary;  // filled buttons and their label
  ImVec4 link, focus, error, selected_fill;
  // Disabled buttons: a grey fill (and outline) with 3:1 against the background, and a label with
  // 3:1 on it, so an unavailable button is still seen and read (fading it out was not).
  ImVec4 disabled, on_disabled;
  // The result's cautions (amber) and a success mark (green), apart from the error red of contraindications.
  ImVec4 caution, success;
  ImVec4 alert_background, alert_border, alert_text;

  // Metrics in logical pixels.
  float max_content_width = 640.0f;  // lines longer than this are hard to read
  float tap_height = 48.0f;          // WCAG 2.5.5: targets of at least 44 px
  float padding = 20.0f;
  float gap = 14.0f;
  float radius = 8.0f;
  float focus_gap = 3.0f;    // clear space between the focus ring and what it rings
  float focus_width = 3.0f;
};

Theme make_theme(const BrandColours& brand, bool dark);
// Sets ImGui's style colours and metrics from the theme.
void apply_theme(const Theme& theme);

// "#rrggbb" -> colour (opaque); `fallback` when the text is not a colour.
ImVec4 parse_hex_colour(const std::string& text, ImVec4 fallback);
// WCAG 2.1 contrast ratio between two opaque colours (1..21).
float contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace ketascreen::widgets
