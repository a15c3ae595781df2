// The theme keeps text legible whatever the clinic's brand colour: WCAG AA contrast (4.5:1) for
// text and filled buttons, in light and dark.

#include <doctest/doctest.h>

#include "../../widgets/src/theme.hpp"

using ketascreen::BrandColours;
using ketascreen::widgets::contrast_ratio;
using ketascreen::widgets::make_theme;
using ketascreen::widgets::parse_hex_colour;

TEST_CASE("theme: contrast ratio matches WCAG's reference values") {
  const ImVec4 black = parse_hex_colour("#000000", {}), white = parse_hex_colour("#ffffff", {});
  CHECK(contrast_ratio(black, white) == doctest::Approx(21.0f).epsilon(0.001));
  CHECK(contrast_ratio(white, white) == doctest::Approx(1.0f));
  CHECK(contrast_ratio(parse_hex_colour("#767676", {}), white) == doctest::Approx(4.54f).epsilon(0.01));
}

TEST_CASE("theme: a bad colour falls back instead of turning black") {
  const ImVec4 fallback(0.1f, 0.2f, 0.3f, 1.0f);
  for (const char* bad : {"", "#12345", "#gggggg", "123456", "#1234567"}) {
    CAPTURE(bad);
    CHECK(parse_hex_colour(bad, fallback).x == fallback.x);
  }
  CHECK(parse_hex_colour("#1a5f78", fallback).y == doctest::Approx(0x5f / 255.0f));
}

TEST_CASE("theme: any brand colour ends up legible in light and dark") {
  for (const char* colour : {"#1a5f78", "#ffff00", "#7cc4de", "#000000", "#ffffff", "#ff6f61", "not a colour"}) {
    for (bool dark : {false, true}) {
      CAPTURE(colour);
      CAPTURE(dark);
      const auto t = make_theme(BrandColours{colour, colour, colour}, dark);
      CHECK(contrast_ratio(t.primary, t.background) >= 4.5f);   // links and outlined buttons
      CHECK(contrast_ratio(t.on_primary, t.primary) >= 4.5f);   // labels on filled buttons
      CHECK(contrast_ratio(t.text, t.background) >= 7.0f);
      CHECK(contrast_ratio(t.muted, t.background) >= 4.5f);
      CHECK(contrast_ratio(t.error, t.background) >= 4.5f);
      CHECK(contrast_ratio(t.caution, t.background) >= 4.5f);  // the result's group headings
      CHECK(contrast_ratio(t.success, t.background) >= 4.5f);
      CHECK(contrast_ratio(t.alert_text, t.alert_background) >= 4.5f);
      CHECK(contrast_ratio(t.border, t.background) >= 3.0f);    // field borders, WCAG 1.4.11
      CHECK(contrast_ratio(t.disabled, t.background) >= 3.0f);  // a disabled button is still seen
      CHECK(contrast_ratio(t.on_disabled, t.disabled) >= 3.0f); // and its label read
    }
  }
}
