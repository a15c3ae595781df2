// The content bundle: round trip, the Markdown block model, and bundles that must be refused.
#include <doctest/doctest.h>

#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

std::string signature(const Evaluation& e) {
  std::string s = std::string(to_string(e.outcome)) + ":";
  for (const auto& f : e.flags) s += f.rule + "/" + f.question + "/" + std::string(to_string(f.severity)) + ",";
  for (const auto& u : e.unanswered) s += u + ",";
  return s;
}

std::vector<Answers> sample_answer_sets() {
  std::vector<Answers> sets;
  sets.push_back(all_clear_answers());
  sets.push_back({});
  Answers a = all_clear_answers();
  a["thoughts_of_self_harm"] = true;
  sets.push_back(a);
  a = all_clear_answers();
  a["pregnant_or_breastfeeding"] = true;
  a["heart_condition"] = std::string("not_sure");
  sets.push_back(a);
  a = all_clear_answers();
  a["tried_other_treatments"] = false;
  sets.push_back(a);
  a = all_clear_answers();
  a.erase("psychosis_history");
  sets.push_back(a);
  return sets;
}

// A fresh bundle of the real pack, serialised pretty-printed (so diagnostics have real lines).
std::string pretty_real_bundle() {
  ContentBundle b = real_bundle();
  return serialize_bundle(b, 2);
}

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

TEST_CASE("bundle: load -> serialize -> parse -> serialize gives the same text and hash") {
  ContentBundle original = real_bundle();
  std::string first = serialize_bundle(original);
  REQUIRE(original.content_hash.rfind("sha256:", 0) == 0);
  CHECK(original.content_hash.size() == 7 + 64);
  CHECK(is_hex(original.content_hash.substr(7)));
  CHECK(original.content_hash == compute_content_hash(original));
  CHECK(original.content_hash == real_bundle().content_hash);  // load_content already set it

  auto parsed = parse_bundle(first);
  REQUIRE_MESSAGE(parsed.ok(), errors_text(parsed));
  CHECK(parsed.warnings().empty());
  ContentBundle copy = parsed.value();
  CHECK(copy.content_hash == original.content_hash);
  CHECK(copy.schema_version == kBundleSchemaVersion);
  std::string second = serialize_bundle(copy);
  CHECK(second == first);
  CHECK(copy.content_hash == original.content_hash);

  // The parsed bundle has the same content, value for value.
  CHECK(copy.clinic.id == original.clinic.id);
  CHECK(copy.clinic.locales == original.clinic.locales);
  REQUIRE(copy.screening.questions.size() == original.screening.questions.size());
  for (size_t i = 0; i < copy.screening.questions.size(); ++i) {
    CHECK(copy.screening.questions[i].id == original.screening.questions[i].id);
    CHECK(copy.screening.questions[i].text == original.screening.questions[i].text);
  }
  REQUIRE(copy.articles.size() == original.articles.size());
  for (size_t i = 0; i < copy.articles.size(); ++i) {
    CAPTURE(original.articles[i].id);
    CHECK(copy.articles[i].blocks == original.articles[i].blocks);
    CHECK(copy.articles[i].locale == original.articles[i].locale);
  }

  // The pretty-printed form reads back to the same bundle.
  auto pretty = parse_bundle(serialize_bundle(original, 2));
  REQUIRE_MESSAGE(pretty.ok(), errors_text(pretty));
  ContentBundle pretty_copy = pretty.value();
  CHECK(serialize_bundle(pretty_copy) == first);

  // Both give the same evaluation for the same answers.
  for (const auto& answers : sample_answer_sets()) {
    CHECK(signature(evaluate(copy.screening, answers)) == signature(evaluate(original.screening, answers)));
  }
}

TEST_CASE("bundle: the content hash changes with the content") {
  ContentBundle b = real_bundle();
  std::string before = compute_content_hash(b);
  b.screening.questions[0].text.set("en", "Changed?");
  CHECK(compute_content_hash(b) != before);
  ContentBundle c = real_bundle();
  c.articles[0].blocks[0].runs[0].text += "!";
  CHECK(compute_content_hash(c) != before);
}

TEST_CASE("bundle: a changed bundle fails its content hash") {
  std::string text = pretty_real_bundle();
  replace_once(text, "\"Are you 18 or older?\"", "\"Are you 16 or older?\"");
  auto r = parse_bundle(text, "content.json");
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r) == "content.json:" + std::to_string(line_of(text, "\"content_hash\"")) +
                              " $.content_hash: content_hash does not match the content (the bundle was changed after "
                              "`ketascreen bundle`, or is damaged); rebuild it\n");
}

TEST_CASE("bundle: an unsupported schema_version is refused") {
  std::string text = pretty_real_bundle();
  replace_once(text, "\"schema_version\": 1,", "\"schema_version\": 2,");
  auto r = parse_bundle(text, "content.json");
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r) == "content.json:" + std::to_string(line_of(text, "\"schema_version\"")) +
                              " $.schema_version: unsupported schema_version 2 (this widget reads version 1)\n");
}

TEST_CASE("bundle: malformed JSON is an error with its line") {
  std::string text = pretty_real_bundle();
  // Drop the comma after the clinic id.
  replace_once(text, "\"id\": \"demo-clinic\",", "\"id\": \"demo-clinic\"");
  auto r = parse_bundle(text, "content.json");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  const Diagnostic& d = r.errors()[0];
  CHECK(d.file == "content.json");
  CHECK(d.line == line_of(text, "\"id\": \"demo-clinic\"") + 1);
  CHECK(d.path == "$.clinic.id");
  CHECK(d.message.rfind("invalid JSON at column ", 0) == 0);

  auto cut = parse_bundle(text.substr(0, text.size() / 2), "content.json");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.errors()[0].line > 1);

  auto empty = parse_bundle("", "content.json");
  REQUIRE_FALSE(empty.ok());
  CHECK(errors_text(empty) == "content.json:1 $: invalid JSON at column 1: unexpected end of text, expected a value\n");
}

TEST_CASE("bundle: a bundle without a clinic is refused, naming $.clinic") {
  auto parsed = json::parse(pretty_real_bundle());
  REQUIRE(parsed.ok());
  json::Value root = parsed.value();
  auto& members = root.as_object();
  members.erase(std::remove_if(members.begin(), members.end(), [](const json::Member& m) { return m.first == "clinic"; }),
                members.end());
  auto r = parse_bundle(json::serialize(root, 2), "content.json");
  REQUIRE_FALSE(r.ok());
  // Only that: the screening's Spanish texts are not reported as unlisted locales on top.
  CHECK(errors_text(r) == "content.json:1 $.clinic: missing required key 'clinic'\n");
}

TEST_CASE("bundle: one mistake in the clinic is one error") {
  std::string text = pretty_real_bundle();
  replace_once(text, "\"primary\": \"#1a5f78\"", "\"primary\": \"teal\"");
  auto r = parse_bundle(text, "content.json");
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r) == "content.json:" + std::to_string(line_of(text, "\"primary\": \"teal\"")) +
                              " $.clinic.brand.primary: expected a colour as \"#rrggbb\", found \"teal\"\n");
}

TEST_CASE("bundle: other damage is refused with its path") {
  SUBCASE("not an object") {
    auto r = parse_bundle("[]", "content.json");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "content.json:1 $: expected an object, found array\n");
  }
  SUBCASE("an unknown top-level key") {
    std::string text = pretty_real_bundle();
    replace_once(text, "\"schema_version\": 1,", "\"schema_version\": 1,\n  \"extra\": true,");
    auto r = parse_bundle(text, "content.json");
    REQUIRE_FALSE(r.ok());
    CHECK(has_error(r, "content.json:" + std::to_string(line_of(text, "\"extra\"")) +
                           " $.extra: unknown key 'extra' (expected one of: schema_version, content_hash, clinic, "
                           "screening, articles, layout, network)"));
  }
  SUBCASE("an article link to a missing article") {
    std::string text = pretty_real_bundle();
    auto at = text.find("\"href\": \"article:cost-and-insurance\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("\"href\": \"article:cost-and-insurance\"").size(), "\"href\": \"article:nope\"");
    auto r = parse_bundle(text, "content.json");
    REQUIRE_FALSE(r.ok());
    bool found = false;
    for (const auto& d : r.errors()) found |= d.message.find("links to unknown article 'nope'") != std::string::npos;
    CHECK_MESSAGE(found, errors_text(r));
  }
}

// ---- the Markdown block model ------------------------------------------------------------------

namespace {

const char* kSampleArticle = R"(---
id: sample
title: A sample article
summary: One sentence.
reviewed_by: A. Reviewer, MD
last_reviewed: 2026-02-28
sources:
  - title: First source
    url: https://example.com/first
  - title: "Second: quoted"
    url: https://example.org/second
---
# Top heading

## Second level

A paragraph with **bold**, *italic*, ***both*** and a [web link](https://example.com/page) and [another article](article:cost-and-insurance).
It continues on a second line.

- first item
- second item with **bold**
  - nested one
  - nested *two*
- third item

1. step one
2. step two

### Third level
)";

TextRun run(std::string text, bool bold = false, bool italic = false, std::string href = "") {
  return TextRun{std::move(text), bold, italic, std::move(href)};
}

Block paragraph(std::vector<TextRun> runs) {
  Block b;
  b.kind = Block::Kind::Paragraph;
  b.runs = std::move(runs);
  return b;
}

Block item(std::vector<Block> children) {
  Block b;
  b.kind = Block::Kind::ListItem;
  b.children = std::move(children);
  return b;
}

Block list(bool ordered, std::vector<Block> items) {
  Block b;
  b.kind = Block::Kind::List;
  b.ordered = ordered;
  b.children = std::move(items);
  return b;
}

Block heading(int level, std::string text) {
  Block b;
  b.kind = Block::Kind::Heading;
  b.level = level;
  b.runs = {run(std::move(text))};
  return b;
}

}  // namespace

TEST_CASE("articles: front matter and the Markdown block model") {
  auto r = parse_article_file(kSampleArticle, "articles/sample.en.md");
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  const Article& a = r.value();
  CHECK(a.id == "sample");
  CHECK(a.title == "A sample article");
  CHECK(a.summary == "One sentence.");
  CHECK(a.reviewed_by == "A. Reviewer, MD");
  CHECK(a.last_reviewed == "2026-02-28");
  REQUIRE(a.sources.size() == 2);
  CHECK(a.sources[0].title == "First source");
  CHECK(a.sources[0].url == "https://example.com/first");
  CHECK(a.sources[1].title == "Second: quoted");
  CHECK(a.sources[1].url == "https://example.org/second");

  REQUIRE(a.blocks.size() == 6);
  CHECK(a.blocks[0] == heading(1, "Top heading"));
  CHECK(a.blocks[1] == heading(2, "Second level"));

  const Block& p = a.blocks[2];
  REQUIRE(p.kind == Block::Kind::Paragraph);
  std::vector<TextRun> expected_runs = {
      run("A paragraph with "),
      run("bold", true),
      run(", "),
      run("italic", false, true),
      run(", "),
      run("both", true, true),
      run(" and a "),
      run("web link", false, false, "https://example.com/page"),
      run(" and "),
      run("another article", false, false, "article:cost-and-insurance"),
      run(". It continues on a second line."),
  };
  REQUIRE(p.runs.size() == expected_runs.size());
  for (size_t i = 0; i < expected_runs.size(); ++i) {
    CAPTURE(i);
    CHECK(p.runs[i].text == expected_runs[i].text);
    CHECK(p.runs[i].bold == expected_runs[i].bold);
    CHECK(p.runs[i].italic == expected_runs[i].italic);
    CHECK(p.runs[i].href == expected_runs[i].href);
  }

  Block bullets = list(false, {
      item({paragraph({run("first item")})}),
      item({paragraph({run("second item with "), run("bold", true)}),
            list(false, {item({paragraph({run("nested one")})}),
                         item({paragraph({run("nested "), run("two", false, true)})})})}),
      item({paragraph({run("third item")})}),
  });
  CHECK(a.blocks[3] == bullets);
  CHECK(a.blocks[4] == list(true, {item({paragraph({run("step one")})}), item({paragraph({run("step two")})})}));
  CHECK(a.blocks[5] == heading(3, "Third level"));

  CHECK(article_links(a.blocks) == std::vector<std::string>{"cost-and-insurance"});

  // The block model survives the bundle's JSON form.
  Diagnostics diags;
  Article with_locale = a;
  with_locale.locale = "en";
  auto back = read_article(to_json(with_locale), {"content.json", "$.articles[0]"}, diags);
  REQUIRE_MESSAGE(back.has_value(), join_diagnostics(diags));
  CHECK(back->blocks == a.blocks);
  CHECK(back->sources.size() == 2);
}

TEST_CASE("articles: an article needs a body and lists its problems with their lines") {
  std::string front = std::string(kSampleArticle).substr(0, std::string(kSampleArticle).find("# Top heading"));
  auto empty = parse_article_file(front, "a.en.md");
  REQUIRE_FALSE(empty.ok());
  CHECK(errors_text(empty) == "a.en.md:13: the article has no text after its front matter\n");

  auto bad_link = parse_article_file(front + "Text with [a link](http://example.com).\n", "a.en.md");
  REQUIRE_FALSE(bad_link.ok());
  CHECK(errors_text(bad_link) ==
        "a.en.md:13: unsupported link target 'http://example.com' (use https://, mailto:, tel: or article:<id>)\n");
}
