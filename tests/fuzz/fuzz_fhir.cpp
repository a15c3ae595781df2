// Fuzzes the readers of answers that come from outside: a FHIR QuestionnaireResponse
// (`ketascreen evaluate-fhir`) and the answers file of `ketascreen evaluate`, both read from the
// same JSON text against the shipped pack extended with number and single-choice questions.
// Never a crash; a failure always says why, in the named file; accepted answers are all valid,
// evaluate, and survive QuestionnaireResponse -> JSON text -> reader unchanged (minus answers to
// questions the visitor was not shown, which the response leaves out).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.hpp"
#include "ketascreen/fhir.hpp"
#include "ketascreen/screening_engine.hpp"

using namespace ketascreen;

namespace {

void check_failure(const Diagnostics& errors, const std::string& file) {
  if (errors.empty()) std::abort();
  for (const auto& e : errors) {
    if (e.file != file) std::abort();
    (void)e.to_string();
  }
}

void check_answers(const ContentBundle& bundle, const Answers& answers) {
  for (const auto& [id, value] : answers) {
    const Question* q = bundle.screening.find_question(id);
    if (!q || !check_answer(*q, value).empty()) std::abort();
  }
  Evaluation e = evaluate(bundle.screening, answers);
  (void)json::serialize(to_json(e, "es"));

  // The answers the visitor was shown, which is what a response carries.
  Answers shown;
  for (const Question* q : visible_questions(bundle.screening, answers))
    if (auto it = answers.find(q->id); it != answers.end()) shown.insert(*it);
  Evaluation e2 = evaluate(bundle.screening, shown);
  if (e2.outcome != e.outcome || e2.flags.size() != e.flags.size() || e2.unanswered != e.unanswered) std::abort();

  std::string text = json::serialize(fhir::questionnaire_response(bundle, answers, "2026-11-23T14:12:11Z"));
  auto reparsed = json::parse(text, {"again.json"});
  if (!reparsed) std::abort();
  auto again = fhir::answers_from_response(bundle, reparsed.value(), "again.json");
  if (!again || again.value() != shown) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ContentBundle& bundle = fuzz_support::extended_bundle();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto root = json::parse(text, {"response.json"});
  if (!root) {
    check_failure(root.errors(), "response.json");
    return 0;
  }
  auto fhir_answers = fhir::answers_from_response(bundle, root.value(), "response.json");
  if (fhir_answers) check_answers(bundle, fhir_answers.value());
  else check_failure(fhir_answers.errors(), "response.json");

  auto plain = answers_from_json(bundle.screening, root.value(), "response.json");
  if (plain) check_answers(bundle, plain.value());
  else check_failure(plain.errors(), "response.json");
  return 0;
}
