// Content validation: every class of bad content, made by changing a copy of the real pack in
// memory, must give its exact diagnostic (file:line path: message), all at once, without throwing.
#include <doctest/doctest.h>

#include <random>

#include "ketascreen/authoring.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

const char* kScreening = "screening.json";
const char* kClinic = "clinic.json";
const char* kCostEn = "articles/cost-and-insurance.en.md";
const char* kCostEs = "articles/cost-and-insurance.es.md";

// A copy of the real pack to break.
struct Pack {
  ContentSource source = real_source();
  std::string& file(const std::string& relative) {
    auto it = source.files.find(relative);
    REQUIRE_MESSAGE(it != source.files.end(), "no file " << relative);
    return it->second;
  }
  Result<ContentBundle> load() const { return load_content(source); }
};

// Replaces the first `from` that follows `anchor` (both must exist).
void replace_after(std::string& text, std::string_view anchor, std::string_view from, std::string_view to) {
  auto a = text.find(anchor);
  REQUIRE_MESSAGE(a != std::string::npos, "anchor not found: " << std::string(anchor));
  auto at = text.find(from, a);
  REQUIRE_MESSAGE(at != std::string::npos, "text not found: " << std::string(from));
  text.replace(at, from.size(), to);
}

size_t array_size(const std::string& json_text, std::string_view key) {
  auto parsed = json::parse(json_text);
  REQUIRE(parsed.ok());
  return parsed.value().find(key)->as_array().size();
}

// The load fails with exactly these errors (one per line, in any order).
void check_errors_exactly(const Result<ContentBundle>& r, std::vector<std::string> expected) {
  CHECK_FALSE(r.ok());
  std::vector<std::string> actual;
  for (const auto& d : r.errors()) actual.push_back(d.to_string());
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  std::string a, e;
  for (const auto& s : actual) a += s + "\n";
  for (const auto& s : expected) e += s + "\n";
  CHECK(a == e);
}

void check_single_error(const Result<ContentBundle>& r, const std::string& expected) { check_errors_exactly(r, {expected}); }

}  // namespace

TEST_CASE("validation: the real pack loads without errors or warnings") {
  auto r = load_content(real_source());
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  CHECK(warnings_text(r) == "");
  CHECK(r->articles.size() == 10);
  CHECK(r->clinic.locales == std::vector<std::string>{"en", "es"});
}

TEST_CASE("validation: malformed JSON names the line and column of the syntax error") {
  Pack p;
  std::string& s = p.file(kScreening);
  replace_once(s, "\"id\": \"age_18_plus\",\n", "\"id\": \"age_18_plus\"\n");
  int line = line_of(s, "\"kind\": \"yes_no\"");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line) +
                                   " $.questions[0].id: invalid JSON at column 7: expected ',' or '}' after object member");

  Pack c;
  std::string& clinic = c.file(kClinic);
  replace_once(clinic, "\"locales\": [\"en\", \"es\"],", "\"locales\": [\"en\", \"es\",],");
  int cline = line_of(clinic, "\"locales\"");
  int column = static_cast<int>(clinic.find(",]") - clinic.rfind('\n', clinic.find(",]"))) + 1;
  check_single_error(c.load(), "content/clinic.json:" + std::to_string(cline) + " $.locales[2]: invalid JSON at column " +
                                   std::to_string(column) + ": unexpected character ']', expected a value");
}

TEST_CASE("validation: wrong type") {
  Pack p;
  std::string& s = p.file(kScreening);
  replace_once(s, "\"id\": \"age_18_plus\",\n      \"kind\": \"yes_no\",\n      \"required\": true,",
               "\"id\": \"age_18_plus\",\n      \"kind\": \"yes_no\",\n      \"required\": \"yes\",");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"required\": \"yes\"")) +
                                   " $.questions[0].required: expected a boolean, found string");

  Pack c;
  std::string& clinic = c.file(kClinic);
  replace_once(clinic, "\"locales\": [\"en\", \"es\"]", "\"locales\": \"en\"");
  auto r = c.load();
  CHECK(has_error(r, "content/clinic.json:" + std::to_string(line_of(clinic, "\"locales\"")) +
                         " $.locales: expected an array, found string"));
}

TEST_CASE("validation: unknown key") {
  Pack p;
  std::string& s = p.file(kScreening);
  replace_once(s, "\"id\": \"age_18_plus\",\n", "\"id\": \"age_18_plus\",\n      \"colour\": \"red\",\n");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"colour\"")) +
                                   " $.questions[0].colour: unknown key 'colour' (expected one of: id, kind, required, "
                                   "text, help, show_if, options, min, max, unit)");
}

TEST_CASE("validation: a rule naming an unknown question") {
  Pack p;
  std::string& s = p.file(kScreening);
  size_t rule = index_by_id(s, "rules", "liver-or-kidney-disease");
  replace_once(s, "\"when\": {\"question\": \"liver_or_kidney_disease\"", "\"when\": {\"question\": \"hart_condition\"");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "hart_condition")) + " $.rules[" +
                                   std::to_string(rule) + "].when.question: unknown question id 'hart_condition'");
}

TEST_CASE("validation: show_if may only refer to earlier questions") {
  SUBCASE("a later question") {
    Pack p;
    std::string& s = p.file(kScreening);
    replace_once(s, "\"id\": \"age_18_plus\",\n",
                 "\"id\": \"age_18_plus\",\n      \"show_if\": {\"question\": \"substance_use\", \"equals\": true},\n");
    check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"show_if\"")) +
                                     " $.questions[0].show_if.question: question 'substance_use' is not asked before this one");
  }
  SUBCASE("itself") {
    Pack p;
    std::string& s = p.file(kScreening);
    size_t q = index_by_id(s, "questions", "heart_condition");
    replace_once(s, "\"id\": \"heart_condition\",\n",
                 "\"id\": \"heart_condition\",\n      \"show_if\": {\"question\": \"heart_condition\", \"equals\": true},\n");
    check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"show_if\"")) + " $.questions[" +
                                     std::to_string(q) +
                                     "].show_if.question: question 'heart_condition' is not asked before this one");
  }
  SUBCASE("an earlier question is fine") {
    Pack p;
    std::string& s = p.file(kScreening);
    replace_once(s, "\"id\": \"heart_condition\",\n",
                 "\"id\": \"heart_condition\",\n      \"show_if\": {\"question\": \"age_18_plus\", \"equals\": true},\n");
    auto r = p.load();
    CHECK_MESSAGE(r.ok(), errors_text(r));
  }
}

TEST_CASE("validation: duplicate question ids and duplicate rule ids") {
  SUBCASE("question") {
    Pack p;
    std::string& s = p.file(kScreening);
    size_t n = array_size(s, "questions");
    replace_once(s, "\n  ],\n  \"rules\": [",
                 ",\n    {\"id\": \"liver_or_kidney_disease\", \"kind\": \"yes_no\", \"text\": {\"en\": \"Again?\", \"es\": \"¿Otra "
                 "vez?\"}}\n  ],\n  \"rules\": [");
    check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"Again?\"")) + " $.questions[" +
                                     std::to_string(n) + "].id: duplicate question id 'liver_or_kidney_disease'");
  }
  SUBCASE("rule") {
    Pack p;
    std::string& s = p.file(kScreening);
    size_t n = array_size(s, "rules");
    replace_once(s, "\n  ],\n  \"outcomes\": {",
                 ",\n    {\"id\": \"under-18\", \"when\": {\"question\": \"age_18_plus\", \"equals\": false}, "
                 "\"severity\": \"contraindication\", \"reason\": {\"en\": \"Again.\", \"es\": \"Otra vez.\"}}\n  ],\n"
                 "  \"outcomes\": {");
    check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"Again.\"")) + " $.rules[" +
                                     std::to_string(n) + "].id: duplicate rule id 'under-18'");
  }
}

TEST_CASE("validation: a text without English is an error") {
  Pack p;
  std::string& s = p.file(kScreening);
  replace_once(s, "\"en\": \"Are you 18 or older?\",\n        ", "");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"text\": {")) +
                                   " $.questions[0].text: missing the English ('en') text; every text needs English");
}

TEST_CASE("validation: a text without Spanish is only a warning and falls back to English") {
  Pack p;
  std::string& s = p.file(kScreening);
  replace_once(s, "\"en\": \"Are you 18 or older?\",\n        \"es\": \"¿Tiene usted 18 años o más?\"",
               "\"en\": \"Are you 18 or older?\"");
  auto r = p.load();
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  CHECK(warnings_text(r) == "content/screening.json:" + std::to_string(line_of(s, "\"text\": {")) +
                                " $.questions[0].text: warning: no 'es' translation; English is shown instead\n");
  const Question* q = r->screening.find_question("age_18_plus");
  REQUIRE(q != nullptr);
  CHECK_FALSE(q->text.has("es"));
  CHECK(q->text.get("es") == "Are you 18 or older?");
}

TEST_CASE("validation: a missing required question") {
  Pack p;
  std::string& s = p.file(kScreening);
  size_t rule = index_by_id(s, "rules", "liver-or-kidney-disease");
  replace_once(s, "\"id\": \"liver_or_kidney_disease\"", "\"id\": \"kidney_or_liver_disease\"");
  check_errors_exactly(p.load(), {
      "content/screening.json:" + std::to_string(line_of(s, "\"questions\": [")) +
          " $.questions: missing required question 'liver_or_kidney_disease'",
      // The rule on it now names an unknown question, which is reported as well.
      "content/screening.json:" + std::to_string(line_of(s, "{\"question\": \"liver_or_kidney_disease\"")) + " $.rules[" +
          std::to_string(rule) + "].when.question: unknown question id 'liver_or_kidney_disease'",
  });
}

TEST_CASE("validation: unknown severity") {
  Pack p;
  std::string& s = p.file(kScreening);
  size_t rule = index_by_id(s, "rules", "heart-condition");
  replace_after(s, "{\"question\": \"heart_condition\", \"equals\": \"yes\"}", "\"severity\": \"caution\"",
                "\"severity\": \"warning\"");
  check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"warning\"")) + " $.rules[" +
                                   std::to_string(rule) +
                                   "].severity: unknown severity 'warning' (expected urgent, contraindication or caution)");
}

TEST_CASE("validation: article front matter") {
  Pack p;
  std::string& a = p.file(kCostEn);
  const std::string file = "content/articles/cost-and-insurance.en.md";

  SUBCASE("missing the opening '---'") {
    a.erase(0, a.find('\n') + 1);
    check_single_error(p.load(), file + ":1: front matter: an article must start with a '---' line, then its front "
                                        "matter, then '---'");
  }
  SUBCASE("not closed") {
    replace_once(a, "\n---\n#", "\n#");
    auto r = p.load();
    CHECK_FALSE(r.ok());
    int lines = static_cast<int>(std::count(a.begin(), a.end(), '\n')) + 1;
    CHECK(has_error(r, file + ":" + std::to_string(lines) + ": front matter: the front matter is not closed by a '---' line"));
  }
  SUBCASE("unknown key") {
    replace_once(a, "id: cost-and-insurance\n", "id: cost-and-insurance\nauthor: Someone\n");
    check_single_error(p.load(), file + ":3: front matter: unknown key 'author' (expected id, title, summary, "
                                        "reviewed_by, last_reviewed, sources)");
  }
  SUBCASE("bad dates") {
    for (const char* bad : {"2026-13-01", "01/11/2026", "2026-11-1", "2026-02-30", "2025-02-29", "2026-04-31"}) {
      CAPTURE(bad);
      Pack q;
      std::string& text = q.file(kCostEn);
      replace_once(text, "last_reviewed: 2026-12-06", std::string("last_reviewed: ") + bad);
      check_single_error(q.load(), file + ":" + std::to_string(line_of(text, "last_reviewed")) +
                                       ": front matter: last_reviewed must be a date as YYYY-MM-DD, found '" + bad + "'");
    }
    for (const char* good : {"2024-02-29", "2026-12-31", "2000-02-29"}) {
      CAPTURE(good);
      Pack q;
      replace_once(q.file(kCostEn), "last_reviewed: 2026-12-06", std::string("last_reviewed: ") + good);
      auto r = q.load();
      CHECK_MESSAGE(r.ok(), errors_text(r));
    }
  }
  SUBCASE("missing sources") {
    auto start = a.find("sources:\n");
    auto end = a.find("\n---\n", start);
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    a.erase(start, end + 1 - start);
    check_single_error(p.load(), file + ":" + std::to_string(line_of(a, "\n---\n") + 1) +
                                     ": front matter: missing required key 'sources'");
  }
  SUBCASE("a source that is not https") {
    replace_once(a, "url: https://www.fda.gov/news-events/", "url: http://www.fda.gov/news-events/");
    std::string url = a.substr(a.find("http://"), a.find('\n', a.find("http://")) - a.find("http://"));
    check_single_error(p.load(), file + ":" + std::to_string(line_of(a, "url: http://")) +
                                     ": front matter: source url must start with https://, found '" + url + "'");
  }
}

TEST_CASE("validation: the article id must match the file name") {
  SUBCASE("id on its usual line") {
    Pack p;
    replace_once(p.file(kCostEs), "id: cost-and-insurance\n", "id: costs\n");
    check_single_error(p.load(), "content/articles/cost-and-insurance.es.md:2: front matter id 'costs' does not match "
                                 "the file name (expected 'cost-and-insurance')");
  }
  SUBCASE("id further down") {
    Pack p;
    std::string& a = p.file(kCostEs);
    std::string id_line = "id: cost-and-insurance\n";
    a.erase(a.find(id_line), id_line.size());
    replace_once(a, "sources:\n", "id: costs\nsources:\n");
    check_single_error(p.load(), "content/articles/cost-and-insurance.es.md:" + std::to_string(line_of(a, "id: costs")) +
                                     ": front matter id 'costs' does not match the file name (expected 'cost-and-insurance')");
  }
}

TEST_CASE("validation: links to unknown articles") {
  SUBCASE("from a rule") {
    Pack p;
    std::string& s = p.file(kScreening);
    size_t rule = index_by_id(s, "rules", "past-substance-problems");
    replace_after(s, "\"id\": \"past-substance-problems\"", "\"article\": \"ketamine-safety-myths\"", "\"article\": \"nope\"");
    check_single_error(p.load(), "content/screening.json:" + std::to_string(line_of(s, "\"article\": \"nope\"")) +
                                     " $.rules[" + std::to_string(rule) +
                                     "].article: unknown article 'nope' (no articles/nope.en.md)");
  }
  SUBCASE("from an article body") {
    Pack p;
    std::string& a = p.file(kCostEn);
    a += "\nSee [this page](article:nope) too.\n";
    check_single_error(p.load(), "content/articles/cost-and-insurance.en.md:" + std::to_string(line_of(a, "article:nope")) +
                                     ": link to unknown article 'nope' (no articles/nope.en.md)");
  }
}

TEST_CASE("validation: Markdown the widget cannot draw is an error on its line") {
  struct Case {
    const char* markdown;  // appended after a blank line; the construct starts on its first line
    const char* message;
  };
  const Case cases[] = {
      {"| a | b |\n| --- | --- |\n| 1 | 2 |\n", "not supported in articles: tables (use headings, paragraphs, lists, bold, italic and links)"},
      {"An image: ![a chart](https://example.com/chart.png)\n", "not supported in articles: images (use headings, paragraphs, lists, bold, italic and links)"},
      {"```\nint x = 1;\n```\n", "not supported in articles: code blocks (use headings, paragraphs, lists, bold, italic and links)"},
      {"<div>hello</div>\n", "not supported in articles: raw HTML (use headings, paragraphs, lists, bold, italic and links)"},
      {"Some <b>bold</b> text.\n", "not supported in articles: raw HTML (use headings, paragraphs, lists, bold, italic and links)"},
      {"> a quote\n", "not supported in articles: block quotes (use headings, paragraphs, lists, bold, italic and links)"},
      {"Use `code` here.\n", "not supported in articles: inline code (`...`) (use headings, paragraphs, lists, bold, italic and links)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.markdown);
    Pack p;
    std::string& a = p.file(kCostEn);
    if (a.back() != '\n') a += '\n';
    a += "\n";
    int line = static_cast<int>(std::count(a.begin(), a.end(), '\n')) + 1;
    a += c.markdown;
    // Text after the construct, so the construct is not the last thing in the file.
    a += "\nA closing paragraph.\n";
    check_single_error(p.load(), "content/articles/cost-and-insurance.en.md:" + std::to_string(line) + ": " + c.message);
  }
}

TEST_CASE("validation: every article needs an English file") {
  Pack p;
  p.source.files.erase(kCostEn);
  check_single_error(p.load(), "content/articles/cost-and-insurance.en.md: article 'cost-and-insurance' has no English "
                               "version (every article needs one)");

  Pack q;
  q.source.files["articles/only-spanish.es.md"] = minimal_article("only-spanish");
  check_single_error(q.load(), "content/articles/only-spanish.en.md: article 'only-spanish' has no English version "
                               "(every article needs one)");
}

TEST_CASE("validation: clinic fields") {
  const std::string file = "content/clinic.json";
  SUBCASE("endpoint over plain http on a non-local host") {
    for (const char* bad : {"http://harborlight.example.com/api/referrals", "http://localhost.evil.example/api",
                            "ftp://harborlight.example.com/x", "https://", "http://127.0.0.1:x@evil.example/api",
                            "http://localhost:@evil.example/", "http://[::1]:80@evil.example/"}) {
      CAPTURE(bad);
      Pack p;
      std::string& c = p.file(kClinic);
      replace_once(c, "\"endpoint\": \"https://harborlight.example.com/api/referrals\"",
                   std::string("\"endpoint\": \"") + bad + "\"");
      check_single_error(p.load(), file + ":" + std::to_string(line_of(c, "\"endpoint\"")) +
                                       " $.referral.endpoint: expected an https:// address (http:// only for localhost), "
                                       "found \"" + bad + "\"");
    }
    for (const char* good : {"http://localhost:8080/api", "http://127.0.0.1/api", "http://localhost",
                             "http://127.0.0.1:8080"}) {
      CAPTURE(good);
      Pack p;
      replace_once(p.file(kClinic), "\"endpoint\": \"https://harborlight.example.com/api/referrals\"",
                   std::string("\"endpoint\": \"") + good + "\"");
      auto r = p.load();
      CHECK_MESSAGE(r.ok(), errors_text(r));
    }
  }
  SUBCASE("colours must be #rrggbb") {
    for (const char* bad : {"#1a5f7", "1a5f78", "#1a5g78", "#1a5f78a", "blue"}) {
      CAPTURE(bad);
      Pack p;
      std::string& c = p.file(kClinic);
      replace_once(c, "\"primary\": \"#1a5f78\"", std::string("\"primary\": \"") + bad + "\"");
      check_single_error(p.load(), file + ":" + std::to_string(line_of(c, "\"primary\"")) +
                                       " $.brand.primary: expected a colour as \"#rrggbb\", found \"" + bad + "\"");
    }
  }
  SUBCASE("locales must include en") {
    Pack p;
    std::string& c = p.file(kClinic);
    replace_once(c, "\"locales\": [\"en\", \"es\"]", "\"locales\": [\"es\"]");
    check_single_error(p.load(), file + ":" + std::to_string(line_of(c, "\"locales\"")) +
                                     " $.locales: must include \"en\" (English is the fallback for every text)");
  }
}

TEST_CASE("validation: all errors are reported at once") {
  Pack p;
  std::string& c = p.file(kClinic);
  std::string& s = p.file(kScreening);
  std::string& a = p.file(kCostEs);
  replace_once(c, "\"accent\": \"#a65a12\"", "\"accent\": \"orange\"");
  size_t rule = index_by_id(s, "rules", "heart-condition");
  replace_after(s, "{\"question\": \"heart_condition\", \"equals\": \"yes\"}", "\"severity\": \"caution\"",
                "\"severity\": \"warning\"");
  replace_once(a, "last_reviewed: 2026-12-06", "last_reviewed: yesterday");
  check_errors_exactly(
      p.load(),
      {"content/clinic.json:" + std::to_string(line_of(c, "\"accent\"")) +
           " $.brand.accent: expected a colour as \"#rrggbb\", found \"orange\"",
       "content/screening.json:" + std::to_string(line_of(s, "\"warning\"")) + " $.rules[" + std::to_string(rule) +
           "].severity: unknown severity 'warning' (expected urgent, contraindication or caution)",
       "content/articles/cost-and-insurance.es.md:" + std::to_string(line_of(a, "last_reviewed")) +
           ": front matter: last_reviewed must be a date as YYYY-MM-DD, found 'yesterday'"});

  // Two problems in one file are both reported too.
  Pack q;
  std::string& s2 = q.file(kScreening);
  replace_once(s2, "\"when\": {\"question\": \"liver_or_kidney_disease\"", "\"when\": {\"question\": \"hart_condition\"");
  replace_once(s2, "\"id\": \"age_18_plus\",\n", "\"id\": \"age_18_plus\",\n      \"colour\": \"red\",\n");
  auto r = q.load();
  CHECK_FALSE(r.ok());
  CHECK(r.errors().size() == 2);
}

TEST_CASE("validation: missing files are reported, not thrown") {
  Pack p;
  p.source.files.erase(kScreening);
  p.source.files.erase(kClinic);
  check_errors_exactly(p.load(), {"content/clinic.json: file is missing", "content/screening.json: file is missing"});
}

TEST_CASE("validation: loading never throws on garbage") {
  std::mt19937 rng(20261123);
  auto random_text = [&](size_t max_len) {
    std::uniform_int_distribution<size_t> len(0, max_len);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string s(len(rng), '\0');
    for (auto& ch : s) ch = static_cast<char>(byte(rng));
    return s;
  };

  SUBCASE("random bytes in every file") {
    for (int round = 0; round < 40; ++round) {
      CAPTURE(round);
      Pack p;
      for (auto& [name, text] : p.source.files) text = random_text(round < 5 ? 8 : 3000);
      Result<ContentBundle> r = Result<ContentBundle>::failure({});
      CHECK_NOTHROW(r = p.load());
      CHECK_FALSE(r.ok());
      for (const auto& d : r.errors()) CHECK_FALSE(d.file.empty());
    }
  }
  SUBCASE("random bytes starting like the real thing") {
    for (int round = 0; round < 40; ++round) {
      CAPTURE(round);
      Pack p;
      for (auto& [name, text] : p.source.files) {
        std::string prefix = name.size() > 3 && name.substr(name.size() - 3) == ".md" ? "---\nid: " : "{\"id\": ";
        text = prefix + random_text(500);
      }
      Result<ContentBundle> r = Result<ContentBundle>::failure({});
      CHECK_NOTHROW(r = p.load());
      CHECK_FALSE(r.ok());
    }
  }
  SUBCASE("the real files cut short or with bytes changed") {
    const ContentSource& real = real_source();
    for (const auto& file_entry : real.files) {
      const std::string& name = file_entry.first;
      const std::string& original = file_entry.second;
      CAPTURE(name);
      std::uniform_int_distribution<size_t> pos(0, original.size());
      for (int round = 0; round < 15; ++round) {
        Pack p;
        std::string& text = p.file(name);
        if (round % 3 == 0) {
          text.resize(pos(rng));
        } else {
          std::uniform_int_distribution<int> byte(0, 255);
          for (int k = 0; k < 1 + round; ++k) text[pos(rng) % text.size()] = static_cast<char>(byte(rng));
        }
        Result<ContentBundle> r = Result<ContentBundle>::failure({});
        CHECK_NOTHROW(r = p.load());
        // Either valid, or explained.
        if (!r.ok()) {
          CHECK_FALSE(r.errors().empty());
        }
      }
    }
  }
}

TEST_CASE("validation: a broken translation is reported once, not also as a missing one") {
  Pack p;
  std::string& es = p.file(kCostEs);
  replace_once(es, "last_reviewed: 2026-12-06", "last_reviewed: 2026-13-01");
  int line = line_of(es, "last_reviewed:");
  auto result = p.load();
  REQUIRE_FALSE(result.ok());
  CHECK(has_error(result, "content/articles/cost-and-insurance.es.md:" + std::to_string(line) +
                              ": front matter: last_reviewed must be a date as YYYY-MM-DD, found '2026-13-01'"));
  CHECK(warnings_text(result).find("no 'es' version") == std::string::npos);
}

TEST_CASE("validation: a number too large for a double is an error, so every bundle made reads back") {
  // Found fuzzing (fuzz_content's bundle round trip): "max": 1e999 loaded as infinity,
  // `ketascreen bundle` wrote it as null and the widget rejected the bundle.
  PackBuilder p;
  p.question(R"({"id": "pain_level", "kind": "number", "min": 0, "max": 1e999, "text": {"en": "How bad?", "es": "¿Cuánto?"}})");
  auto r = load_content(p.source());
  if (r.ok()) {
    ContentBundle b = r.value();
    auto again = parse_bundle(serialize_bundle(b));
    CHECK_MESSAGE(again.ok(), errors_text(again));
  }
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r).find("pack/screening.json:") == 0);
  CHECK(errors_text(r).find(" $.questions[13].max: invalid JSON at column ") != std::string::npos);
  CHECK(errors_text(r).find("number out of range") != std::string::npos);
}
