// The interface strings as a typesetter would want them: curly quotes and apostrophes, never the
// typewriter ' and " (they read as inch and foot marks), and dates as each locale writes them.

#include <doctest/doctest.h>

#include <string>

#include "ketascreen/ui_text.hpp"

using ketascreen::format_date;
using ketascreen::ui_text;
using ketascreen::ui_text_keys;

TEST_CASE("ui_text: every string uses typographic quotes and apostrophes") {
  REQUIRE(ui_text_keys().size() > 50);
  for (const std::string_view key : ui_text_keys()) {
    for (const char* locale : {"en", "es"}) {
      const std::string_view text = ui_text(key, locale);
      CAPTURE(key);
      CAPTURE(locale);
      CAPTURE(text);
      CHECK_MESSAGE(text.find('\'') == std::string_view::npos, "a typewriter apostrophe: use \\u2019 (\u2019)");
      CHECK_MESSAGE(text.find('"') == std::string_view::npos, "a typewriter quote: use \\u201c \\u201d (\u201c \u201d)");
    }
  }
}

TEST_CASE("ui_text: dates in the visitor's locale") {
  CHECK(format_date("2026-12-06", "en") == "December 6, 2026");
  CHECK(format_date("2026-12-06", "es") == "6 de diciembre de 2026");
  CHECK(format_date("2027-01-31", "en") == "January 31, 2027");
  CHECK(format_date("2027-01-31", "es") == "31 de enero de 2027");
  CHECK(format_date("2026-12-06", "fr") == "December 6, 2026");  // English, as ui_text falls back
  for (const char* odd : {"", "2026-13-01", "2026-12-6", "next week", "2026/12/06"}) {
    CAPTURE(odd);
    CHECK(format_date(odd, "en") == odd);  // shown as written rather than made up
  }
}
