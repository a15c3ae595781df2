#pragma once
// Shared by the fuzz targets that need a content pack: the repository's content/ folder (read once,
// at start-up), optionally with more questions than it ships (the shipped pack has only yes/no
// questions; the FHIR and referral readers also handle number and single-choice answers).

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_io.hpp"
#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"

namespace fuzz_support {

[[noreturn]] inline void die(const std::string& what, const ketascreen::Diagnostics& diags = {}) {
  std::fprintf(stderr, "fuzz setup: %s\n", what.c_str());
  for (const auto& d : diags) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
  std::abort();
}

// content/ of the source tree, as the authoring loader takes it.
inline const ketascreen::ContentSource& shipped_source() {
  // The command line's folder walk (tools/cli_io), so the fuzzers see what `validate` sees.
  static const ketascreen::ContentSource source = [] {
    auto read = ketascreen::cli::read_content_folder(std::string(KETASCREEN_SOURCE_DIR) + "/content", "content");
    if (!read) die("cannot read the content folder", read.errors());
    return std::move(read).value();
  }();
  return source;
}

// The shipped pack plus questions of every kind and every kind of condition:
//   has_pain (yes/no, optional) -> pain_level (number 0-10, shown if has_pain)
//   -> setting (single choice, shown if pain_level >= 7 or < 3) -> severe_home (yes/no, shown if
//   pain_level >= 7 and setting == home), and a rule on pain_level + setting.
inline const ketascreen::ContentBundle& extended_bundle() {
  static const ketascreen::ContentBundle bundle = [] {
    using ketascreen::json::Value;
    ketascreen::ContentSource source = shipped_source();
    auto parsed = ketascreen::json::parse(source.files.at("screening.json"));
    if (!parsed) die("content/screening.json does not parse", parsed.errors());
    Value screening = std::move(parsed).value();
    const char* questions[] = {
        R"({"id": "has_pain", "kind": "yes_no", "required": false,
            "text": {"en": "Do you have pain?", "es": "¿Tiene dolor?"}})",
        R"({"id": "pain_level", "kind": "number", "min": 0, "max": 10, "unit": {"en": "points", "es": "puntos"},
            "text": {"en": "How bad?", "es": "¿Cuánto?"}, "show_if": {"question": "has_pain", "equals": true}})",
        R"({"id": "setting", "kind": "single_choice", "text": {"en": "Where?", "es": "¿Dónde?"},
            "options": [{"id": "clinic", "label": {"en": "Clinic", "es": "Clínica"}},
                        {"id": "home", "label": {"en": "Home", "es": "Casa"}}],
            "show_if": {"any": [{"question": "pain_level", "at_least": 7}, {"question": "pain_level", "less_than": 3}]}})",
        R"({"id": "severe_home", "kind": "yes_no", "text": {"en": "Alone?", "es": "¿Solo?"},
            "show_if": {"all": [{"question": "pain_level", "at_least": 7}, {"question": "setting", "equals": "home"},
                                {"question": "has_pain", "answered": true}]}})",
    };
    Value* list = const_cast<Value*>(screening.find("questions"));
    if (!list || !list->is_array()) die("content/screening.json has no questions array");
    for (const char* q : questions) list->push_back(ketascreen::json::parse(q).value());
    Value* rules = const_cast<Value*>(screening.find("rules"));
    if (!rules || !rules->is_array()) die("content/screening.json has no rules array");
    rules->push_back(ketascreen::json::parse(R"({"id": "severe-pain-at-home",
        "when": {"all": [{"question": "pain_level", "at_least": 9}, {"question": "setting", "not_equals": "clinic"}]},
        "severity": "caution", "reason": {"en": "Severe pain.", "es": "Dolor fuerte."}})").value());
    source.files["screening.json"] = ketascreen::json::serialize(screening, 2);
    auto loaded = ketascreen::load_content(source);
    if (!loaded) die("the extended pack does not load", loaded.errors());
    return std::move(loaded).value();
  }();
  return bundle;
}

}  // namespace fuzz_support
