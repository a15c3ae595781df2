#pragma once
// The widget's typeface: an Inter subset (Latin + Latin-1) embedded in the binary, rasterised by
// ImGui at the sizes the theme uses, at the display's pixel density so text stays crisp at
// devicePixelRatio 1, 2 and 3.

struct ImFont;

namespace ketascreen::widgets {

struct Fonts {
  ImFont* body = nullptr;     // running text, buttons, fields
  ImFont* strong = nullptr;   // bold runs, button labels that need weight
  ImFont* heading = nullptr;  // screen titles and article headings
  ImFont* small = nullptr;    // progress, disclaimers, help text
};

// Logical sizes in CSS pixels.
inline constexpr float kBodySize = 18.0f;
inline constexpr float kHeadingSize = 24.0f;
inline constexpr float kSmallSize = 15.0f;

// Clears ImGui's font atlas and adds the embedded fonts rasterised for `pixel_scale` framebuffer
// pixels per logical pixel; sets io.FontGlobalScale = 1 / pixel_scale so sizes stay logical.
// `text_scale` enlarges every size (the browser's text zoom: a larger root font size).
// The caller rebuilds the renderer's font texture afterwards (the GL backend does it on its next
// NewFrame once the texture is destroyed; the headless tests just call GetTexDataAsRGBA32).
Fonts load_fonts(float pixel_scale, float text_scale = 1.0f);

}  // namespace ketascreen::widgets
