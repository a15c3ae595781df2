// The interface strings (and the demo content's prose) as a typesetter would want them: curly
// quotes and apostrophes, never the typewriter ' and " (they read as inch and foot marks), and
// dates as each locale writes them.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ketascreen/ui_text.hpp"
#include "test_support.hpp"

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

namespace {

// Every text run of `blocks`, nested lists included.
void collect_runs(const std::vector<ketascreen::Block>& blocks, std::vector<std::string>& out) {
  for (const auto& b : blocks) {
    for (const auto& r : b.runs) out.push_back(r.text);
    collect_runs(b.children, out);
  }
}

}  // namespace

TEST_CASE("ui_text: the demo content's prose uses typographic quotes and apostrophes too") {
  const auto& bundle = test_support::real_bundle();
  std::vector<std::string> texts;
  for (const auto& id : bundle.article_ids()) {
    for (const char* locale : {"en", "es"}) {
      if (const auto* a = bundle.find_article(id, locale)) {
        texts.push_back(a->title);
        texts.push_back(a->summary);
        collect_runs(a->blocks, texts);
      }
    }
  }
  for (const auto& q : bundle.screening.questions) {
    for (const char* locale : {"en", "es"}) {
      texts.push_back(q.text.get(locale));
      texts.push_back(q.help.get(locale));
    }
  }
  for (const std::string& text : texts) {
    CAPTURE(text);
    CHECK(text.find('\'') == std::string::npos);
    CHECK(text.find('"') == std::string::npos);
  }
}
