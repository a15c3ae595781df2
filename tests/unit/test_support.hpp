#pragma once
// Helpers shared by the unit tests: the real content pack read from the source tree, a small
// in-memory content pack builder for targeted cases, and diagnostics formatting for assertions.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_io.hpp"
#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/screening_engine.hpp"

namespace test_support {

using ketascreen::Answers;
using ketascreen::ContentBundle;
using ketascreen::ContentSource;

// ---- files -----------------------------------------------------------------------------------

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The content files under `dir` as the command line reads them (the one folder walk, in
// tools/cli_io), keyed by path relative to `dir` ("articles/x.en.md"). `root` is how diagnostics
// name the folder.
inline ContentSource read_content_folder(const std::filesystem::path& dir, std::string root) {
  auto source = ketascreen::cli::read_content_folder(dir.string(), std::move(root));
  REQUIRE_MESSAGE(source.ok(), "cannot read the content folder " << dir.string() << ": "
                                   << (source.errors().empty() ? "" : source.errors().front().to_string()));
  return std::move(source).value();
}

// The content pack of the repository, as files named "content/...".
inline const ContentSource& real_source() {
  static const ContentSource source =
      read_content_folder(std::filesystem::path(KETASCREEN_SOURCE_DIR) / "content", "content");
  return source;
}

// ---- diagnostics -----------------------------------------------------------------------------

inline std::string join_diagnostics(const ketascreen::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.to_string() + "\n";
  return out;
}

template <class T>
std::string errors_text(const ketascreen::Result<T>& r) {
  return join_diagnostics(r.errors());
}

template <class T>
std::string warnings_text(const ketascreen::Result<T>& r) {
  return join_diagnostics(r.warnings());
}

template <class T>
bool has_error(const ketascreen::Result<T>& r, const std::string& text) {
  const auto& e = r.errors();
  return std::any_of(e.begin(), e.end(), [&](const ketascreen::Diagnostic& d) { return d.to_string() == text; });
}

// ---- the real pack ---------------------------------------------------------------------------

inline ContentBundle load_or_fail(const ContentSource& source) {
  auto r = ketascreen::load_content(source);
  REQUIRE_MESSAGE(r.ok(), "content did not load:\n" << errors_text(r));
  return std::move(r).value();
}

inline const ContentBundle& real_bundle() {
  static const ContentBundle bundle = load_or_fail(real_source());
  return bundle;
}

// The 13 question ids that shared/DESIGN.md requires, in the order it lists them.
inline const std::vector<std::string>& design_required_ids() {
  static const std::vector<std::string> ids = {
      "age_18_plus",       "qualifying_condition", "tried_other_treatments",    "pregnant_or_breastfeeding",
      "heart_condition",   "uncontrolled_blood_pressure", "high_cholesterol",   "liver_or_kidney_disease",
      "ketamine_reaction_history", "psychosis_history", "substance_use",        "aneurysm_or_brain_bleed",
      "thoughts_of_self_harm"};
  return ids;
}

// The answers of a visitor with nothing to report in the demo pack: every question asked
// whatever the answers (no show_if) is answered, yes/no questions with no (yes for the three that
// make a candidate), single-choice questions with their "no" option. Follow-ups behind a "no"
// stay hidden, so this is also the shortest walk through the checklist.
inline Answers all_clear_answers() {
  Answers a;
  for (const auto& q : real_bundle().screening.questions) {
    if (q.show_if) continue;
    if (q.kind == ketascreen::QuestionKind::YesNo) a[q.id] = false;
    else if (q.kind == ketascreen::QuestionKind::SingleChoice) a[q.id] = std::string("no");
  }
  a["age_18_plus"] = true;
  a["qualifying_condition"] = true;
  a["tried_other_treatments"] = true;
  return a;
}

// Answers to the 13 required yes/no questions of a PackBuilder pack that raise no flag.
inline Answers builder_clear_answers() {
  Answers a;
  for (const auto& id : design_required_ids()) a[id] = false;
  a["age_18_plus"] = true;
  a["qualifying_condition"] = true;
  a["tried_other_treatments"] = true;
  return a;
}

// ---- text helpers ----------------------------------------------------------------------------

// 1-based line of the first occurrence of `needle`; fails the test if it is absent.
inline int line_of(std::string_view text, std::string_view needle, size_t from = 0) {
  auto at = text.find(needle, from);
  REQUIRE_MESSAGE(at != std::string_view::npos, "text not found: " << std::string(needle));
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// Replaces the only occurrence of `from`; fails the test if there is none or more than one.
inline void replace_once(std::string& text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "text not found: " << std::string(from));
  REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, "text found more than once: " << std::string(from));
  text.replace(at, from.size(), to);
}

inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
  replace_once(text, from, to);
  return text;
}

// Index of the element of the JSON array `list` whose "id" is `id` (list is parsed from `json_text`).
inline size_t index_by_id(const std::string& json_text, std::string_view list, std::string_view id) {
  auto parsed = ketascreen::json::parse(json_text);
  REQUIRE(parsed.ok());
  const auto* items = parsed.value().find(list);
  REQUIRE(items != nullptr);
  const auto& array = items->as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    const auto* v = array[i].find("id");
    if (v && v->is_string() && v->as_string() == id) return i;
  }
  FAIL("no element with id " << std::string(id) << " in " << std::string(list));
  return 0;
}

// ---- a small in-memory content pack ----------------------------------------------------------

// A yes/no question object as JSON text; `extra` is inserted as more members (",\"show_if\": ...").
inline std::string yes_no(const std::string& id, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "kind": "yes_no", "text": {"en": ")" + id + R"( (en)?", "es": ")" + id +
         R"( (es)?"})" + extra + "}";
}

inline std::string minimal_clinic_json() {
  return R"({
  "id": "test-clinic",
  "name": "Test Clinic",
  "phone": "(555) 201-0142",
  "website": "https://clinic.example.com",
  "locales": ["en", "es"],
  "brand": {"primary": "#123456", "primary_dark": "#abcdef"},
  "referral": {
    "endpoint": "https://clinic.example.com/referrals",
    "consent_version": "v1",
    "consent_text": {"en": "I agree.", "es": "Acepto."},
    "contact_times": [{"id": "morning", "label": {"en": "Morning", "es": "Mañana"}}]
  }
})";
}

inline std::string minimal_article(const std::string& id, const std::string& body = "Some text.\n") {
  return "---\nid: " + id + "\ntitle: Title of " + id + "\nsummary: Summary.\nreviewed_by: A Reviewer\n" +
         "last_reviewed: 2026-01-31\nsources:\n  - title: A source\n    url: https://example.com/source\n---\n" + body;
}

// Builds a valid pack around the 13 required yes/no questions; tests add their own questions and
// rules. Every question and rule is a JSON object as text.
struct PackBuilder {
  std::vector<std::string> questions;
  std::vector<std::string> rules;
  std::string clinic = minimal_clinic_json();

  PackBuilder() {
    for (const auto& id : design_required_ids()) questions.push_back(yes_no(id));
  }
  PackBuilder& question(std::string json) {
    questions.push_back(std::move(json));
    return *this;
  }
  PackBuilder& rule(std::string json) {
    rules.push_back(std::move(json));
    return *this;
  }

  std::string screening_json() const {
    auto text = [](const char* s) { return std::string(R"({"en": ")") + s + R"(", "es": ")" + s + R"x( (es)"})x"; };
    std::string out = "{\n  \"questions\": [\n";
    for (size_t i = 0; i < questions.size(); ++i) out += "    " + questions[i] + (i + 1 < questions.size() ? ",\n" : "\n");
    out += "  ],\n  \"rules\": [\n";
    for (size_t i = 0; i < rules.size(); ++i) out += "    " + rules[i] + (i + 1 < rules.size() ? ",\n" : "\n");
    out += "  ],\n  \"outcomes\": {\n";
    const char* names[] = {"urgent_help", "not_suitable_now", "discuss_with_provider", "likely_candidate", "incomplete"};
    for (size_t i = 0; i < 5; ++i)
      out += std::string("    \"") + names[i] + "\": {\"title\": " + text("Title") + ", \"body\": " + text("Body") + "}" +
             (i < 4 ? ",\n" : "\n");
    out += "  },\n  \"disclaimer\": " + text("Not a diagnosis.") + ",\n";
    out += R"(  "crisis_resources": [{"id": "call-988", "label": {"en": "Call 988", "es": "Llame al 988"}, "href": "tel:988"}])";
    out += "\n}\n";
    return out;
  }

  ContentSource source() const {
    ContentSource s;
    s.root = "pack";
    s.files["clinic.json"] = clinic;
    s.files["screening.json"] = screening_json();
    s.files["articles/basics.en.md"] = minimal_article("basics");
    s.files["articles/basics.es.md"] = minimal_article("basics", "Un texto.\n");
    return s;
  }

  ContentBundle bundle() const { return load_or_fail(source()); }
};

// A rule object as JSON text.
inline std::string rule_json(const std::string& id, const std::string& when, const std::string& severity,
                             const std::string& article = "basics") {
  return R"({"id": ")" + id + R"(", "when": )" + when + R"(, "severity": ")" + severity +
         R"(", "reason": {"en": "Reason )" + id + R"(", "es": "Motivo )" + id + R"("}, "article": ")" + article + R"("})";
}

// The pack the show_if tests use: the required questions, then questions that appear depending on
// earlier answers (every kind of condition), and rules on conditional questions.
inline PackBuilder conditional_pack() {
  PackBuilder p;
  p.question(yes_no("has_pain"));
  p.question(R"({"id": "pain_level", "kind": "number", "min": 0, "max": 10, "unit": {"en": "points", "es": "puntos"},
      "text": {"en": "How bad?", "es": "¿Cuánto?"}, "show_if": {"question": "has_pain", "equals": true}})");
  p.question(yes_no("pain_severe_followup", R"(, "show_if": {"question": "pain_level", "at_least": 7})"));
  p.question(yes_no("pain_mild_note", R"(, "show_if": {"question": "pain_level", "less_than": 3})"));
  p.question(R"({"id": "setting", "kind": "single_choice", "text": {"en": "Where?", "es": "¿Dónde?"},
      "options": [{"id": "clinic", "label": {"en": "Clinic", "es": "Clínica"}},
                  {"id": "home", "label": {"en": "Home", "es": "Casa"}},
                  {"id": "unsure", "label": {"en": "Not sure", "es": "No sé"}}]})");
  p.question(yes_no("home_support", R"(, "show_if": {"question": "setting", "equals": "home"})"));
  p.question(yes_no("any_q", R"(, "show_if": {"any": [{"question": "has_pain", "equals": true},
      {"question": "setting", "equals": "unsure"}]})"));
  p.question(yes_no("all_q", R"(, "show_if": {"all": [{"question": "has_pain", "equals": true},
      {"question": "setting", "equals": "home"}]})"));
  p.question(yes_no("setting_followup", R"(, "show_if": {"question": "setting", "answered": true})"));
  p.question(yes_no("not_home_q", R"(, "show_if": {"question": "setting", "not_equals": "home"})"));
  p.question(yes_no("optional_q", R"(, "required": false)"));
  p.rule(rule_json("severe-pain", R"({"question": "pain_severe_followup", "equals": true})", "caution"));
  p.rule(rule_json("no-home-support", R"({"question": "home_support", "equals": false})", "contraindication"));
  return p;
}

}  // namespace test_support
