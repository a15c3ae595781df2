// Issue 14, items 8-10: what validates works in every reader, and no input that validates (or not)
// can break a reader. Each case failed before its fix.

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>

#include "ketascreen/content_rules.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

const char* kCostEn = "articles/cost-and-insurance.en.md";

// The shipped pack with one file replaced.
Result<ContentBundle> load_with(const std::string& relative, std::string text) {
  ContentSource source = real_source();
  source.files[relative] = std::move(text);
  return load_content(source);
}

// A front matter that validates, then `body`.
std::string article(const std::string& body) {
  const std::string& shipped = real_source().files.at(kCostEn);
  size_t end = shipped.find("\n---\n", 4);
  REQUIRE(end != std::string::npos);
  return shipped.substr(0, end + 5) + "\n" + body;
}

int body_line(const std::string& text, const std::string& marker) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(text.find(marker)), '\n'));
}

// The shipped bundle with the first run of the first article changed, written with a fresh hash.
std::string bundle_with_first_run(const std::function<void(TextRun&, Block&)>& change) {
  ContentBundle b = real_bundle();
  for (auto& block : b.articles.front().blocks) {
    if (block.runs.empty()) continue;
    change(block.runs.front(), block);
    break;
  }
  return serialize_bundle(b, 2);
}

std::string nested_list(int levels) {
  std::string md;
  for (int i = 0; i < levels; ++i) md += std::string(static_cast<size_t>(2 * i), ' ') + "- level " + std::to_string(i + 1) + "\n";
  return md;
}

}  // namespace

// ---- item 8: one set of content rules --------------------------------------------------------

TEST_CASE("rules: the bundle reader refuses the link targets the Markdown reader refuses") {
  for (const std::string href : {"javascript:alert(1)", "data:text/html,<b>x</b>", "http://clinic.example/", "//evil.example/x",
                                 "https://", "article:", "article:Not_An_Id"}) {
    CAPTURE(href);
    auto parsed = parse_bundle(bundle_with_first_run([&](TextRun& run, Block&) { run.href = href; }), "content.json");
    REQUIRE_FALSE(parsed.ok());
    CHECK(errors_text(parsed).find("unsupported link target '" + href + "' (use https://, mailto:, tel: or article:<id>)") !=
          std::string::npos);
    auto md = load_with(kCostEn, article("A [link](" + href + ") here.\n"));
    CHECK_FALSE(md.ok());
  }
  for (const std::string href : {"https://988lifeline.org/", "mailto:care@clinic.example", "tel:+19135550100", "article:cost-and-insurance"}) {
    CAPTURE(href);
    CHECK(parse_bundle(bundle_with_first_run([&](TextRun& run, Block&) { run.href = href; }), "content.json").ok());
  }
}

TEST_CASE("rules: a heading level of 1e300 is an error, not undefined behaviour") {
  ContentBundle b = real_bundle();
  std::string text = serialize_bundle(b, 2);
  auto root = json::parse(text).value();
  // Put a heading with level 1e300 first in the first article (the hash is not reached: errors first).
  json::Value& blocks = const_cast<json::Value&>(*root.find("articles")->as_array()[0].find("blocks"));
  json::Value heading = json::Value::object();
  heading.set("type", "heading");
  heading.set("level", 1e300);
  heading.set("runs", json::Value::array());
  blocks.as_array().insert(blocks.as_array().begin(), heading);
  auto parsed = parse_bundle(json::serialize(root, 2), "content.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(errors_text(parsed).find("$.articles[0].blocks[0].level: expected a whole number from 1 to 6") != std::string::npos);
  CHECK(rules::is_heading_level(6));
  CHECK_FALSE(rules::is_heading_level(1e300));
  CHECK_FALSE(rules::is_heading_level(2.5));
}

TEST_CASE("rules: lists nest at most 8 deep, the same in Markdown and in the bundle") {
  // 8 levels: valid in Markdown, and the bundle made of it reads back.
  auto eight = load_with(kCostEn, article(nested_list(8)));
  REQUIRE_MESSAGE(eight.ok(), errors_text(eight));
  ContentBundle b = eight.value();
  CHECK(parse_bundle(serialize_bundle(b), "content.json").ok());
  // 9 levels: Markdown names the line (it used to pass validate and be refused by the widget).
  std::string text = article(nested_list(9));
  auto nine = load_with(kCostEn, text);
  REQUIRE_FALSE(nine.ok());
  CHECK(errors_text(nine) == "content/articles/cost-and-insurance.en.md:" + std::to_string(body_line(text, "- level 9")) +
                                 ": lists (or block quotes) nest deeper than 8 levels\n");
}

TEST_CASE("rules: duplicate crisis resource ids are refused") {
  std::string screening = real_source().files.at("screening.json");
  auto root = json::parse(screening).value();
  auto& list = const_cast<json::Value&>(*root.find("crisis_resources"));
  list.push_back(list.as_array().front());
  auto r = load_with("screening.json", json::serialize(root, 2));
  REQUIRE_FALSE(r.ok());
  const std::string id = list.as_array().front().find("id")->as_string();
  CHECK(errors_text(r).find("$.crisis_resources[" + std::to_string(list.as_array().size() - 1) +
                            "].id: duplicate crisis resource id '" + id + "'") != std::string::npos);
}

TEST_CASE("rules: invalid UTF-8 is refused with its line, in JSON and in Markdown") {
  auto json_error = json::parse("{\n  \"name\": \"caf\xE9\"\n}", {"clinic.json"});
  REQUIRE_FALSE(json_error.ok());
  CHECK(join_diagnostics(json_error.errors()) ==
        "clinic.json:2: invalid JSON at column 15: the text is not valid UTF-8 (byte 17); save the file as UTF-8\n");
  CHECK_FALSE(json::parse("\"\xED\xA0\x80\"").ok());  // a UTF-16 surrogate written as UTF-8
  CHECK(json::parse("\"caf\xC3\xA9\"").ok());

  std::string text = article("Fine.\n\nNot \xC3\x28 fine.\n");
  auto md = load_with(kCostEn, text);
  REQUIRE_FALSE(md.ok());
  CHECK(errors_text(md).find("cost-and-insurance.en.md:" + std::to_string(body_line(text, "Not ")) +
                             ": the text is not valid UTF-8") != std::string::npos);
}

TEST_CASE("rules: a layout the widget refuses does not validate, and the bundle reader refuses it too") {
  auto r = load_with("layout.json", "[{\"plugin\": \"checklist\"}, {\"plugin\": \"checklist\"}]");
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r) == "content/layout.json:1 $[1].plugin: plugin \"checklist\" is listed twice\n");
  ContentBundle b = real_bundle();
  b.layout.push_back({"chat", json::Value::object(), "", ""});
  auto parsed = parse_bundle(serialize_bundle(b), "content.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(errors_text(parsed).find("$.layout[" + std::to_string(b.layout.size() - 1) + "].plugin: unknown plugin \"chat\"") !=
        std::string::npos);
}

// ---- item 9: deep Markdown ---------------------------------------------------------------------

TEST_CASE("markdown: 1,000,000 '>' or 300,000 '- ' on a line is an error naming the line, not a stack overflow") {
  for (const std::string& deep : {std::string(1000000, '>') + " text\n", [] {
                                    std::string s;
                                    for (int i = 0; i < 300000; ++i) s += "- ";
                                    return s + "text\n";
                                  }()}) {
    std::string text = article("A first paragraph.\n\n" + deep + "\nA last paragraph.\n");
    auto r = parse_article_file(text, "deep.en.md");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r).find("deep.en.md:" + std::to_string(body_line(text, deep.substr(0, 4))) +
                              ": lists (or block quotes) nest deeper than 8 levels") != std::string::npos);
  }
}

// ---- item 10: linear JSON reading, and a size cap for the widget ---------------------------------

TEST_CASE("json: paths are built only for errors, so long keys cost linear time") {
  // 60 levels of 16 KB keys above an array of 200,000 elements: copying the parent path into every
  // element (as the parser did) copies about 200 GB; building it only for an error copies nothing.
  const std::string key(16000, 'k');
  std::string text = "[" + std::string(200000 * 2 - 1, ',') + "]";
  for (size_t i = 1; i < text.size() - 1; i += 2) text[i] = '1';
  for (int i = 0; i < 60; ++i) text = "{\"" + key + std::to_string(i) + "\":" + text + "}";
  auto start = std::chrono::steady_clock::now();
  auto parsed = json::parse(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(parsed.ok());
  CHECK_MESSAGE(seconds < 5.0, "parsing took " << seconds << " s");
  // The error path is still exact.
  auto bad = json::parse("{\"a\": [1, {\"b\": [true, nul]}]}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.errors().front().path == "");  // inside a literal: line and column only
  auto bad_value = json::parse("{\"a\": [1, {\"b\": [true, x]}]}");
  REQUIRE_FALSE(bad_value.ok());
  CHECK(bad_value.errors().front().path == "$.a[1].b[1]");
  auto bad_member = json::parse("{\"a\": [1, {\"b\": 1 \"c\": 2}]}");
  REQUIRE_FALSE(bad_member.ok());
  CHECK(bad_member.errors().front().path == "$.a[1].b");
  auto dup = json::parse("{\"a\": {\"x\": 1, \"x\": 2}}");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.errors().front().path == "$.a.x");
}

TEST_CASE("bundle: the widget refuses a bundle over 4 MB with a message") {
  std::string text = serialize_bundle(const_cast<ContentBundle&>(real_bundle()), 2);
  text.append(rules::kMaxBundleBytes - text.size() + 1, ' ');
  auto r = parse_bundle(text, "content.json");
  REQUIRE_FALSE(r.ok());
  CHECK(errors_text(r) == "content.json: the bundle is 4194305 bytes; the widget reads bundles of at most 4194304 bytes (4 MB)\n");
}
