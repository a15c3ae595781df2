// Typography as the visitor sees it, measured on what ImGui is asked to draw (its draw lists:
// glyph quads, filled rules, stroked rings) rather than on pixels: links underlined on every line,
// glyphs on whole pixels at 1x, 16 px body text 1.5 apart, a focus ring clear of what it rings,
// article titles above their summaries, disabled buttons still legible, every character present
// in the font, dates as the locale writes them.

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "../../widgets/src/theme.hpp"
#include "../../widgets/src/ui.hpp"
#include "../unit/test_support.hpp"
#include "headless_widget.hpp"
#include "ketascreen/ui_text.hpp"
#include "ketascreen/widgets/fonts.hpp"

namespace ketascreen::widgets::embedded {
extern const unsigned char kInterRegular[];
extern const unsigned int kInterRegularSize;
}  // namespace ketascreen::widgets::embedded

using ketascreen::widgets::ButtonKind;
using ketascreen::widgets::contrast_ratio;
using ketascreen::widgets::Fonts;
using ketascreen::widgets::Rect;
using ketascreen::widgets::TextStyle;
using ketascreen::widgets::Theme;
using ketascreen::widgets::Ui;

namespace {

// ---- what was drawn ----------------------------------------------------------------------------

// A quad from the draw lists: a glyph (textured) or a filled rectangle (ImGui's white pixel).
struct Quad {
  ImVec2 min, max;
  ImVec2 uv;  // top-left texture coordinate
  ImU32 colour;
  bool glyph;
};

// ImGui writes a quad as indices (a, a+1, a+2, a, a+2, a+3); other shapes are triangle fans and
// strips that never match it.
std::vector<Quad> quads() {
  std::vector<Quad> out;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  ImDrawData* data = ImGui::GetDrawData();
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      for (unsigned k = cmd.IdxOffset; k + 6 <= cmd.IdxOffset + cmd.ElemCount; k += 3) {
        const ImDrawIdx* i = &list->IdxBuffer[static_cast<int>(k)];
        if (!(i[1] == i[0] + 1 && i[2] == i[0] + 2 && i[3] == i[0] && i[4] == i[0] + 2 && i[5] == i[0] + 3)) continue;
        const ImDrawVert* v = &list->VtxBuffer[static_cast<int>(cmd.VtxOffset + i[0])];
        if (v[0].col != v[1].col || v[0].col != v[2].col || v[0].col != v[3].col) continue;  // a gradient: an AA fringe
        const bool glyph = v[0].uv.x != white.x || v[0].uv.y != white.y;
        out.push_back({ImVec2(std::min(v[0].pos.x, v[2].pos.x), std::min(v[0].pos.y, v[2].pos.y)),
                       ImVec2(std::max(v[0].pos.x, v[2].pos.x), std::max(v[0].pos.y, v[2].pos.y)), v[0].uv, v[0].col,
                       glyph});
        k += 3;  // the quad's second triangle
      }
    }
  }
  return out;
}

bool inside(const Quad& q, const Rect& r) {
  const float cx = (q.min.x + q.max.x) / 2, cy = (q.min.y + q.max.y) / 2;
  return cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h;
}

std::vector<Quad> glyphs_in(const Rect& r) {
  std::vector<Quad> out;
  for (const Quad& q : quads())
    if (q.glyph && inside(q, r)) out.push_back(q);
  return out;
}

// Glyph quads grouped into lines of text: a new line where a quad's middle is below the last
// line's glyphs.
std::vector<std::vector<Quad>> text_lines(std::vector<Quad> glyphs) {
  std::sort(glyphs.begin(), glyphs.end(), [](const Quad& a, const Quad& b) { return a.min.y + a.max.y < b.min.y + b.max.y; });
  std::vector<std::vector<Quad>> lines;
  float bottom = -1e9f;
  for (const Quad& g : glyphs) {
    if ((g.min.y + g.max.y) / 2 > bottom) {
      lines.emplace_back();
      bottom = g.max.y;
    }
    lines.back().push_back(g);
  }
  return lines;
}

// The font whose glyph for `c` sits at this texture coordinate.
ImFont* font_of(const Quad& q) {
  for (ImFont* f : ImGui::GetIO().Fonts->Fonts) {
    for (const ImFontGlyph& g : f->Glyphs)
      if (g.U0 == q.uv.x && g.V0 == q.uv.y && g.Codepoint != ' ') return f;
  }
  return nullptr;
}

ImVec4 rgba(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
ImVec4 over(const ImVec4& top, const ImVec4& under) {  // alpha compositing, as the GPU blends
  return ImVec4(top.x * top.w + under.x * (1 - top.w), top.y * top.w + under.y * (1 - top.w),
                top.z * top.w + under.z * (1 - top.w), 1.0f);
}

// ---- a bare Ui in an ImGui frame ---------------------------------------------------------------

// One ImGui context with the widget's fonts at `pixel_scale` and its light or dark theme; draw()
// runs a frame of Ui calls in a column `width` wide and keeps the draw data until the next one.
class UiFrame {
 public:
  explicit UiFrame(float pixel_scale = 1.0f, bool dark = false, float width = 300.0f) : width_(width) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width + 40, 2000);
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = ketascreen::widgets::load_fonts(pixel_scale);
    theme_ = ketascreen::widgets::make_theme({}, dark);
    ketascreen::widgets::apply_theme(theme_);
    // Lines stroked as geometry: their solid vertices are where their ink is (textured lines put
    // the vertices a pixel beyond it).
    ImGui::GetStyle().AntiAliasedLinesUseTex = false;
    widget_test::HeadlessWidget::build_font_texture();
    ui_ = std::make_unique<Ui>(theme_, fonts_);
  }
  ~UiFrame() {
    ui_.reset();
    ImGui::DestroyContext(context_);
  }
  UiFrame(const UiFrame&) = delete;
  UiFrame& operator=(const UiFrame&) = delete;

  void draw(const std::function<void(Ui&)>& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ui_->begin_frame(width_);
    body(*ui_);
    ImGui::End();
    ImGui::Render();
  }
  Ui& ui() { return *ui_; }
  const Theme& theme() const { return theme_; }
  const Fonts& fonts() const { return fonts_; }
  Rect rect(std::string_view id) const {
    const auto* n = ketascreen::widgets::find_node(ui_->tree(), id);
    REQUIRE_MESSAGE(n != nullptr, "no node " << std::string(id));
    return n->rect;
  }

 private:
  ImGuiContext* context_ = nullptr;
  float width_;
  Fonts fonts_;
  Theme theme_;
  std::unique_ptr<Ui> ui_;
};

const char* const kLongLink = "How ketamine treatment is reviewed by a qualified provider before every infusion";

// The underline rules under a link: thin filled rectangles in the link's colour.
std::vector<Quad> underlines_in(const Rect& r, ImU32 colour) {
  std::vector<Quad> out;
  for (const Quad& q : quads()) {
    const float h = q.max.y - q.min.y;
    if (!q.glyph && q.colour == colour && h > 0 && h <= 2.5f && q.max.x - q.min.x >= 4 && q.min.y >= r.y - 1 &&
        q.max.y <= r.y + r.h + 1 && q.min.x >= r.x - 1 && q.max.x <= r.x + r.w + 1)
      out.push_back(q);
  }
  std::sort(out.begin(), out.end(), [](const Quad& a, const Quad& b) { return a.min.y < b.min.y; });
  return out;
}

// Each line of link text has one rule under it, from its first glyph to its last.
void check_underlined_lines(const std::vector<std::vector<Quad>>& lines, const std::vector<Quad>& rules) {
  REQUIRE_MESSAGE(rules.size() == lines.size(),
                  "a link over " << lines.size() << " lines has " << rules.size() << " underline(s)");
  for (size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(i);
    float left = 1e9f, right = -1e9f, bottom = -1e9f;
    for (const Quad& g : lines[i]) {
      left = std::min(left, g.min.x), right = std::max(right, g.max.x);
      bottom = std::max(bottom, g.max.y);
    }
    CHECK(rules[i].min.x <= left + 2);    // from the first letter
    CHECK(rules[i].max.x >= right - 2);   // to the last, spaces included
    CHECK(rules[i].min.y <= bottom + 3);  // under its own line, not the next
  }
}

}  // namespace

TEST_CASE("typography: a link that wraps is underlined on every line, at 1x and 2x") {
  for (float scale : {1.0f, 2.0f}) {
    CAPTURE(scale);
    UiFrame f(scale);
    f.draw([](Ui& ui) { ui.link("link", kLongLink); });
    const Rect r = f.rect("link");
    const auto lines = text_lines(glyphs_in(r));
    REQUIRE(lines.size() >= 2);
    check_underlined_lines(lines, underlines_in(r, ImGui::ColorConvertFloat4ToU32(f.theme().link)));
  }
}

TEST_CASE("typography: a link inside a paragraph is underlined along each of its lines, spaces included") {
  UiFrame f;
  std::vector<ketascreen::TextRun> runs(2);
  runs[0].text = "Before the visit, read ";
  runs[1].text = kLongLink;
  runs[1].href = "article:x";
  f.draw([&](Ui& ui) { ui.rich_text("p", runs); });
  const Rect paragraph = f.rect("p");
  const ImU32 link = ImGui::ColorConvertFloat4ToU32(f.theme().link);
  std::vector<Quad> link_glyphs;
  for (const Quad& g : glyphs_in(paragraph))
    if (g.colour == link) link_glyphs.push_back(g);
  const auto lines = text_lines(link_glyphs);
  REQUIRE(lines.size() >= 2);
  check_underlined_lines(lines, underlines_in(paragraph, link));
}

TEST_CASE("typography: at 1x every glyph sits on a whole pixel, so the spaces between words are even") {
  UiFrame f(1.0f);
  f.draw([](Ui& ui) {
    ui.text("t", "We will call you at the time you chose, and a provider reviews your answers with you.");
    ui.choice("c", "Mornings on weekdays", false);
  });
  for (const std::string id : {"t", "c"}) {
    CAPTURE(id);
    const auto glyphs = glyphs_in(f.rect(id));
    REQUIRE(glyphs.size() > 15);
    for (const Quad& g : glyphs) {
      CAPTURE(g.min.x);
      REQUIRE_MESSAGE(g.min.x == std::round(g.min.x), "a glyph between pixels at 1x: word spaces vary");
    }
  }
  // Spelled out: the same word repeated lands a whole, equal number of pixels apart every time.
  f.draw([](Ui& ui) { ui.text("t", "mm mm mm mm mm mm mm"); });
  std::vector<float> starts;
  const auto glyphs = glyphs_in(f.rect("t"));
  for (size_t i = 0; i < glyphs.size(); i += 2) starts.push_back(glyphs[i].min.x);
  REQUIRE(starts.size() == 7);
  for (size_t i = 2; i < starts.size(); ++i) CHECK(starts[i] - starts[i - 1] == starts[1] - starts[0]);
}

TEST_CASE("typography: text measures the same at 1x, 2x and 3x, so the layout does not change with the ratio") {
  std::vector<Rect> rects;
  for (float scale : {1.0f, 2.0f, 3.0f}) {
    UiFrame f(scale);
    f.draw([](Ui& ui) { ui.link("link", kLongLink); });
    rects.push_back(f.rect("link"));
  }
  for (const Rect& r : rects) {
    CHECK(r.w == rects[0].w);
    CHECK(r.h == rects[0].h);
  }
}

namespace {

uint16_t be16(const unsigned char* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const unsigned char* p) { return uint32_t{be16(p)} << 16 | be16(p + 2); }

// The embedded Inter's em in units, and its line box (hhea ascender - descender): what ImGui
// sizes a font by.
std::pair<float, float> em_and_line_box() {
  const unsigned char* font = ketascreen::widgets::embedded::kInterRegular;
  float em = 0, box = 0;
  for (uint16_t i = 0, n = be16(font + 4); i < n; ++i) {
    const unsigned char* record = font + 12 + 16 * i;
    const unsigned char* table = font + be32(record + 8);
    if (std::equal(record, record + 4, "head")) em = be16(table + 18);
    if (std::equal(record, record + 4, "hhea")) box = static_cast<int16_t>(be16(table + 4)) - static_cast<int16_t>(be16(table + 6));
  }
  REQUIRE(em > 0);
  REQUIRE(box > 0);
  return {em, box};
}

}  // namespace

TEST_CASE("typography: body text is at least 16 CSS px, lines 1.5 of it apart") {
  const auto [units_per_em, line_box] = em_and_line_box();
  for (float scale : {1.0f, 2.0f}) {
    CAPTURE(scale);
    UiFrame f(scale);
    const float logical = f.fonts().body->FontSize / scale;  // ImGui's size: the line box
    const float em = logical * units_per_em / line_box;      // CSS's font-size
    CHECK_MESSAGE(em >= 16.0f - 0.05f, "body text is " << em << " CSS px");

    f.draw([](Ui& ui) { ui.text("t", "Answer\nAnswer\nAnswer"); });
    const auto lines = text_lines(glyphs_in(f.rect("t")));
    REQUIRE(lines.size() == 3);
    for (size_t i = 1; i < lines.size(); ++i) {
      const float apart = lines[i][0].min.y - lines[i - 1][0].min.y;
      CHECK_MESSAGE(apart / em >= 1.45f, "lines " << apart << " px apart: " << apart / em << " em");
      CHECK(apart / em <= 1.6f);
    }
  }
}

TEST_CASE("typography: the focus ring keeps a gap from the link's letters and the tile's edge") {
  UiFrame f;
  for (const std::string id : {"link", "tile", "button"}) {
    CAPTURE(id);
    f.ui().set_focus(id);
    f.draw([](Ui& ui) {
      ui.spacing(20);
      ui.link("link", "All articles");
      ui.spacing(20);
      ui.choice("tile", "Yes", false);
      ui.spacing(20);
      ui.button("button", "Next");
    });
    const Rect r = f.rect(id);
    const ImU32 ring = ImGui::ColorConvertFloat4ToU32(f.theme().focus);
    // How far the ring's solid vertices are from the item, a rectangle with the theme's rounded
    // corners: the distance to the rectangle shrunk by the corner radius, less that radius.
    const float radius = f.theme().radius;
    float nearest = 1e9f;
    int vertices = 0;
    const ImDrawList* list = ImGui::GetDrawData()->CmdLists[0];
    for (const ImDrawVert& v : list->VtxBuffer) {
      if (v.col != ring) continue;
      const float dx = std::max({r.x + radius - v.pos.x, v.pos.x - (r.x + r.w - radius), 0.0f});
      const float dy = std::max({r.y + radius - v.pos.y, v.pos.y - (r.y + r.h - radius), 0.0f});
      nearest = std::min(nearest, std::sqrt(dx * dx + dy * dy) - radius);
      ++vertices;
    }
    REQUIRE(vertices > 0);
    CHECK_MESSAGE(nearest >= 3.0f, "the focus ring's ink is " << nearest << " px from the item");
  }
}

TEST_CASE("typography: disabled buttons stay 3:1 against the background, their labels 3:1 on them") {
  for (bool dark : {false, true}) {
    for (ButtonKind kind : {ButtonKind::Primary, ButtonKind::Secondary}) {
      CAPTURE(dark);
      const std::string which = kind == ButtonKind::Primary ? "primary" : "secondary";
      CAPTURE(which);
      UiFrame f(1.0f, dark);
      f.draw([&](Ui& ui) { ui.button("b", "Send request", kind, true); });
      const Rect r = f.rect("b");
      const ImVec4 background = f.theme().background;
      // What marks the button out: the strongest of its fill and outline, as composited; a filled
      // button's label sits on that, an outlined one's on the background.
      float edge = 1;
      ImVec4 fill = background;
      const ImDrawList* list = ImGui::GetDrawData()->CmdLists[0];
      for (const ImDrawVert& v : list->VtxBuffer) {
        if (v.pos.x < r.x - 1 || v.pos.x > r.x + r.w + 1 || v.pos.y < r.y - 1 || v.pos.y > r.y + r.h + 1) continue;
        if (v.uv.x != ImGui::GetIO().Fonts->TexUvWhitePixel.x) continue;  // a glyph: the label, below
        const ImVec4 c = over(rgba(v.col), background);
        if (contrast_ratio(c, background) <= edge) continue;
        edge = contrast_ratio(c, background);
        if (kind == ButtonKind::Primary) fill = c;
      }
      CHECK_MESSAGE(edge >= 3.0f, "the disabled button's fill or outline is " << edge << ":1 on the background");
      const auto glyphs = glyphs_in(r);
      REQUIRE(!glyphs.empty());
      const float label = contrast_ratio(over(rgba(glyphs[0].colour), fill), fill);
      CHECK_MESSAGE(label >= 3.0f, "the disabled button's label is " << label << ":1 on it");
    }
  }
}

TEST_CASE("typography: the article list leads with bold titles and quieter summaries") {
  using namespace test_support;
  widget_test::HeadlessWidget w(real_bundle());
  REQUIRE(w.app().show_screen("articles"));
  w.settle();
  const std::string id = real_bundle().article_ids().front();
  const auto title = glyphs_in(w.node("articles/open/" + id).rect);
  const auto summary = glyphs_in(w.node("articles/summary/" + id).rect);
  REQUIRE(!title.empty());
  REQUIRE(!summary.empty());
  ImFont* title_font = font_of(title[0]);
  ImFont* summary_font = font_of(summary[0]);
  ImFont* body = ImGui::GetIO().FontDefault;
  REQUIRE(title_font != nullptr);
  REQUIRE(summary_font != nullptr);
  // Fonts are added body, strong, heading, small (load_fonts): the title in a bold face...
  CHECK_MESSAGE(title_font != body, "the article title is drawn in the body face, as its summary is");
  CHECK(title_font->FontSize >= body->FontSize);
  CHECK(title_font->ConfigData->FontData != body->ConfigData->FontData);  // SemiBold, not Regular
  // ...the summary smaller than the title and in a quieter colour.
  CHECK_MESSAGE(summary_font->FontSize < title_font->FontSize, "the summary is as large as its title");
  CHECK(summary[0].colour != title[0].colour);
}

TEST_CASE("typography: every character of the interface strings and articles is in the font") {
  using namespace test_support;
  UiFrame f;
  std::vector<std::string> texts;
  for (const std::string_view key : ketascreen::ui_text_keys())
    for (const char* locale : {"en", "es"}) texts.emplace_back(ketascreen::ui_text(key, locale));
  for (const auto& id : real_bundle().article_ids()) {
    for (const char* locale : {"en", "es"}) {
      if (const auto* a = real_bundle().find_article(id, locale)) {
        texts.push_back(a->title);
        texts.push_back(a->summary);
      }
    }
  }
  for (ImFont* font : {f.fonts().body, f.fonts().strong, f.fonts().heading, f.fonts().small}) {
    for (const std::string& text : texts) {
      const char* p = text.c_str();
      while (*p) {
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, nullptr);
        if (c == '\n') continue;
        CAPTURE(text);
        CHECK_MESSAGE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr, "U+" << std::hex << c
                                                                                          << " has no glyph: it draws as '?'");
      }
    }
  }
}

TEST_CASE("typography: an article's review date is written as the visitor's locale writes dates") {
  using namespace test_support;
  for (const std::string locale : {"en", "es"}) {
    CAPTURE(locale);
    ketascreen::widgets::WidgetOptions options;
    options.locale = locale;
    widget_test::HeadlessWidget w(real_bundle(), options);
    const std::string id = real_bundle().article_ids().front();
    REQUIRE(w.app().show_screen("articles", id));
    w.settle();
    const auto* article = real_bundle().find_article(id, locale);
    REQUIRE(article != nullptr);
    const std::string reviewed = w.node("article/reviewed").name;
    CAPTURE(reviewed);
    CHECK(reviewed.find(article->last_reviewed) == std::string::npos);  // not 2026-12-06
    CHECK(reviewed.find(ketascreen::format_date(article->last_reviewed, locale)) != std::string::npos);
    if (article->last_reviewed == "2026-12-06")
      CHECK(reviewed.find(locale == "es" ? "6 de diciembre de 2026" : "December 6, 2026") != std::string::npos);
  }
}
