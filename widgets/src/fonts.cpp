#include "ketascreen/widgets/fonts.hpp"

#include "imgui.h"

#include <cmath>

// The fonts are made at build time from Debian's fonts-inter by cmake/fonts.cmake (which also
// lists the code points) and embedded by the generated font_data.cpp. Sizes, gzip -9: Inter
// Regular and SemiBold cut to Latin-1 + typographic punctuation, 256 units per em, are ~7.3 KB
// each and ~13.8 KB together; see cmake/make-font.py for what is dropped and why. Configuring with
// -DKETASCREEN_FONT_SEMIBOLD=OFF embeds Regular only (~6.5 KB gzip less).
#ifndef KETASCREEN_FONT_SEMIBOLD
#define KETASCREEN_FONT_SEMIBOLD 1
#endif

namespace ketascreen::widgets::embedded {
extern const ImWchar kGlyphRanges[];  // ImGui glyph ranges: inclusive pairs, 0-terminated
extern const unsigned char kInterRegular[];
extern const unsigned int kInterRegularSize;
#if KETASCREEN_FONT_SEMIBOLD
extern const unsigned char kInterSemiBold[];
extern const unsigned int kInterSemiBoldSize;
#endif
}  // namespace ketascreen::widgets::embedded

namespace ketascreen::widgets {

namespace {

// `em` in framebuffer pixels.
ImFont* add_font(ImFontAtlas& atlas, const unsigned char* data, unsigned int size, float em) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data: the atlas must neither free nor copy it
  // Glyphs start on whole pixels (snap_advances below): oversampling, which makes glyphs look
  // right between pixels, has no use, and the atlas is half as wide.
  config.OversampleH = 1;
  config.OversampleV = 1;
  const float pixels = em * kLineBoxPerEm;
  // ImGui only reads the data (stb_truetype), so dropping const is safe.
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                    pixels, &config, embedded::kGlyphRanges);
}

// Rounds every advance to whole CSS pixels. At 1x, glyphs placed at fractional positions blur
// differently from word to word and the spaces between words look 3 to 5 px wide; on whole
// pixels they are even, as with browsers' hinting. Whole CSS pixels rather than device pixels
// (ImFontConfig::PixelSnapH): text measures, and so wraps and lays out, the same at 1x, 2x and 3x.
void snap_advances(ImFont* font, float pixel_scale) {
  for (ImFontGlyph& glyph : font->Glyphs) glyph.AdvanceX = std::round(glyph.AdvanceX / pixel_scale) * pixel_scale;
  font->BuildLookupTable();  // ImGui measures text with a copy of the advances
}

}  // namespace

Fonts load_fonts(float pixel_scale, float text_scale) {
  if (!(pixel_scale > 0.0f)) pixel_scale = 1.0f;  // also catches NaN
  if (!(text_scale > 0.0f)) text_scale = 1.0f;
  const float size_scale = pixel_scale * text_scale;  // rasterised size per logical size
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas& atlas = *io.Fonts;
  // Clear() empties the atlas; since fonts are added before it is built again, ImGui never adds
  // its built-in ProggyClean (it does only when the atlas is empty at Build time).
  atlas.Clear();
  // The widget uses the system's cursors (io.MouseDrawCursor stays off): no cursor shapes baked.
  atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;

  using namespace embedded;
  Fonts fonts;
  fonts.body = add_font(atlas, kInterRegular, kInterRegularSize, kBodySize * size_scale);
#if KETASCREEN_FONT_SEMIBOLD
  fonts.strong = add_font(atlas, kInterSemiBold, kInterSemiBoldSize, kBodySize * size_scale);
  fonts.heading = add_font(atlas, kInterSemiBold, kInterSemiBoldSize, kHeadingSize * size_scale);
#else
  fonts.strong = fonts.body;  // same face and size: nothing more to rasterise
  fonts.heading = add_font(atlas, kInterRegular, kInterRegularSize, kHeadingSize * size_scale);
#endif
  fonts.small = add_font(atlas, kInterRegular, kInterRegularSize, kSmallSize * size_scale);
  atlas.Build();  // now, to snap the advances; the renderer's upload then finds it built
  for (ImFont* font : atlas.Fonts) snap_advances(font, pixel_scale);
  io.FontGlobalScale = 1.0f / pixel_scale;
  io.FontDefault = fonts.body;
  return fonts;
}

}  // namespace ketascreen::widgets

#ifdef __EMSCRIPTEN__
// ImFontAtlas::Build() calls AddFontDefault() when the atlas is empty, so ImGui's ProggyClean
// (an 11,980-character base85 string: 12 KB of the gzipped wasm, measured) is linked in even though
// load_fonts never lets that happen. widgets/CMakeLists.txt links the wasm with --wrap for it, which sends that call
// here: the embedded Inter Regular at the requested size takes ProggyClean's place.
extern "C" ImFont* __wrap__ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig(ImFontAtlas* atlas,
                                                                          const ImFontConfig* config) {
  using namespace ketascreen::widgets;
  ImFontConfig c = config ? *config : ImFontConfig();
  c.FontDataOwnedByAtlas = false;
  const float pixels = c.SizePixels > 0.0f ? c.SizePixels : kBodySize * kLineBoxPerEm;
  return atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(embedded::kInterRegular),
                                     static_cast<int>(embedded::kInterRegularSize), pixels, &c,
                                     embedded::kGlyphRanges);
}
#endif
