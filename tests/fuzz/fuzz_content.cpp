// Fuzzes the authoring loader's JSON files (what a clinic edits): screening.json, clinic.json,
// layout.json and providers.json, separated by NUL bytes in that order; a missing or empty part keeps the shipped
// file, and the articles are always the shipped ones (fuzz_article covers Markdown). Any content
// must load or say why, and a loaded pack must bundle into text that the widget's reader accepts
// with no errors and that serialises back byte for byte; its reports, personas and FHIR export run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "ketascreen/content_report.hpp"
#include "ketascreen/example_answers.hpp"
#include "ketascreen/fhir.hpp"
#include "ketascreen/screening_engine.hpp"

using namespace ketascreen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ContentSource& shipped = fuzz_support::shipped_source();
  ContentSource source = shipped;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"screening.json", "clinic.json", "layout.json", "providers.json"}) {
    auto nul = in.find('\0');
    std::string_view part = in.substr(0, nul);
    if (!part.empty()) source.files[name] = std::string(part);
    if (nul == std::string_view::npos) break;
    in.remove_prefix(nul + 1);
  }

  auto loaded = load_content(source);
  if (!loaded) {
    if (loaded.errors().empty()) std::abort();
    for (const auto& e : loaded.errors()) (void)e.to_string();
    return 0;
  }
  const Diagnostics warnings = loaded.warnings();
  ContentBundle bundle = std::move(loaded).value();
  const std::string text = serialize_bundle(bundle);
  auto again = parse_bundle(text, "bundle.json");
  if (!again || !again.errors().empty()) std::abort();
  ContentBundle copy = again.value();
  if (serialize_bundle(copy) != text) std::abort();

  (void)content_report(bundle, warnings);
  for (const auto& persona : example_personas(bundle.screening)) {
    if (evaluate(bundle.screening, persona.answers).outcome != persona.outcome) std::abort();
    (void)fhir::questionnaire_response(bundle, persona.answers, "2026-11-23T14:12:11Z");
  }
  for (const auto& locale : bundle.clinic.locales) (void)json::serialize(fhir::export_questionnaire(bundle, locale));
  return 0;
}
