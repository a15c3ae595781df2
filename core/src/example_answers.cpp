#include "ketascreen/example_answers.hpp"

#include <algorithm>
#include <vector>

namespace ketascreen {
namespace {

// The answers a question can take, in the order tried.
std::vector<AnswerValue> candidates(const Question& q) {
  switch (q.kind) {
    case QuestionKind::YesNo: return {false, true};
    case QuestionKind::SingleChoice: {
      std::vector<AnswerValue> out;
      for (const auto& o : q.options) out.emplace_back(o.id);
      return out;
    }
    case QuestionKind::Number: return {q.min, (q.min + q.max) / 2, q.max};
  }
  return {};
}

// Fills every visible unanswered question with the first answer that adds no flag.
void fill_without_flags(const Screening& screening, Answers& answers) {
  for (size_t guard = 0; guard < screening.questions.size(); ++guard) {
    bool added = false;
    for (const Question* q : visible_questions(screening, answers)) {
      if (answers.count(q->id)) continue;
      const size_t flags_before = evaluate(screening, answers).flags.size();
      const auto options = candidates(*q);
      AnswerValue chosen = options.front();
      for (const auto& option : options) {
        Answers trial = answers;
        trial[q->id] = option;
        if (evaluate(screening, trial).flags.size() == flags_before) {
          chosen = option;
          break;
        }
      }
      answers[q->id] = chosen;
      added = true;
      break;  // visibility may change with each answer
    }
    if (!added) return;
  }
}

// Sets answers that make the condition hold (each term of "all", the first term of "any" that
// can hold). A term's question behind a show_if is first made visible the same way, so a rule on
// a follow-up question is reached through its gateway.
void satisfy(const Condition& condition, const Screening& screening, Answers& answers, int depth = 0) {
  for (const auto& term : condition.terms) {
    const Question* q = screening.find_question(term.question);
    if (!q) continue;
    if (q->show_if && depth < 8) satisfy(*q->show_if, screening, answers, depth + 1);
    bool held = false;
    for (const auto& option : candidates(*q)) {
      Answers trial = answers;
      trial[q->id] = option;
      if (term.op == SimpleCondition::Op::Equals ? option == term.value : condition_holds({Condition::Combine::All, {term}}, trial)) {
        answers = trial;
        held = true;
        break;
      }
    }
    if (held && condition.combine == Condition::Combine::Any) break;
  }
}

Answers satisfying(const Rule& rule, const Screening& screening) {
  Answers answers;
  satisfy(rule.when, screening, answers);
  return answers;
}

}  // namespace

std::optional<Answers> example_answers(const Screening& screening, Outcome outcome) {
  if (outcome == Outcome::LikelyCandidate || outcome == Outcome::Incomplete) {
    Answers answers;
    fill_without_flags(screening, answers);
    if (outcome == Outcome::Incomplete) {
      const auto shown = visible_questions(screening, answers);
      for (auto it = shown.rbegin(); it != shown.rend(); ++it)
        if ((*it)->required) {
          answers.erase((*it)->id);
          break;
        }
    }
    if (evaluate(screening, answers).outcome == outcome) return answers;
    return std::nullopt;
  }
  for (const auto& rule : screening.rules) {
    if (outcome_for(rule.severity) != outcome) continue;
    Answers answers = satisfying(rule, screening);
    fill_without_flags(screening, answers);
    if (evaluate(screening, answers).outcome == outcome) return answers;
  }
  return std::nullopt;
}

std::vector<Persona> example_personas(const Screening& screening) {
  std::vector<Persona> personas;
  const auto add = [&](std::string name, Answers answers) {
    const Outcome outcome = evaluate(screening, answers).outcome;
    personas.push_back({std::move(name), std::move(answers), outcome});
  };
  if (auto answers = example_answers(screening, Outcome::LikelyCandidate)) add("no concerns", std::move(*answers));
  if (auto answers = example_answers(screening, Outcome::Incomplete)) add("stops half-way", std::move(*answers));
  for (const auto& rule : screening.rules) {
    Answers answers = satisfying(rule, screening);
    fill_without_flags(screening, answers);
    const auto flags = evaluate(screening, answers).flags;
    const bool raised = std::any_of(flags.begin(), flags.end(), [&](const Flag& f) { return f.rule == rule.id; });
    if (raised) add(std::string(to_string(rule.severity)) + ": " + rule.id, std::move(answers));
  }
  return personas;
}

}  // namespace ketascreen
