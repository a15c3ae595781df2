#pragma once
// The screening engine: answers -> flags -> outcome. Pure and deterministic.

#include <map>
#include <string>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"

namespace ketascreen {

using Answers = std::map<std::string, AnswerValue, std::less<>>;

struct Flag {
  std::string rule;      // rule id
  std::string question;  // the question whose answer raised it (the rule's first term)
  FlagSeverity severity = FlagSeverity::Caution;
  const Rule* source = nullptr;  // points into the Screening that produced it
};

struct Evaluation {
  Outcome outcome = Outcome::Incomplete;
  std::vector<Flag> flags;                 // in rule order, most severe first
  std::vector<std::string> unanswered;     // visible required questions without an answer
};

// Whether a question is shown, given the answers so far.
bool is_visible(const Question& question, const Answers& answers);
bool condition_holds(const Condition& condition, const Answers& answers);

// The questions to ask, in order, given the answers so far.
std::vector<const Question*> visible_questions(const Screening& screening, const Answers& answers);

Evaluation evaluate(const Screening& screening, const Answers& answers);

// Checks an answer against its question: type, option id, number range. Empty string when valid.
std::string check_answer(const Question& question, const AnswerValue& answer);

// Reads {"<question id>": true | "<option id>" | <number>, ...} strictly against the screening.
Result<Answers> answers_from_json(const Screening& screening, const json::Value& root, const std::string& file);

// {"outcome": "...", "flags": [{"question", "severity", "reason"}]}; reasons in `locale`.
json::Value to_json(const Evaluation& evaluation, std::string_view locale);

}  // namespace ketascreen
