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

// Sizes as CSS's font-size, the em, in CSS pixels: body text at 16 px as browsers' default (the
// least comfortable reading size on a phone), headings and small print in proportion.
inline constexpr float kBodySize = 16.0f;
inline constexpr float kHeadingSize = 22.0f;
inline constexpr float kSmallSize = 14.0f;
// ImGui sizes a font by its line box, ascender to descender, which for Inter (hhea 2728 and -680
// in 2816 units per em) is 1.21 em: an ImGui "16 px" font would be a CSS 13.2 px one. load_fonts
// rasterises at em * kLineBoxPerEm so the letters are the CSS size.
inline constexpr float kLineBoxPerEm = (2728.0f + 680.0f) / 2816.0f;
// Line spacing of running text as a multiple of the em (CSS line-height), and of headings.
inline constexpr float kLineHeight = 1.5f;
inline constexpr float kHeadingLineHeight = 1.25f;

// Clears ImGui's font atlas and adds the embedded fonts rasterised for `pixel_scale` framebuffer
// pixels per logical pixel; sets io.FontGlobalScale = 1 / pixel_scale so sizes stay logical.
// `text_scale` enlarges every size (the browser's text zoom: a larger root font size).
// The caller rebuilds the renderer's font texture afterwards (the GL backend does it on its next
// NewFrame once the texture is destroyed; the headless tests just call GetTexDataAsRGBA32).
Fonts load_fonts(float pixel_scale, float text_scale = 1.0f);

}  // namespace ketascreen::widgets
