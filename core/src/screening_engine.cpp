#include "ketascreen/screening_engine.hpp"

#include <algorithm>

#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"

namespace ketascreen {
namespace {

bool term_holds(const SimpleCondition& term, const Answers& answers) {
  auto it = answers.find(term.question);
  if (it == answers.end()) return false;  // an unanswered question satisfies no condition
  const AnswerValue& answer = it->second;
  switch (term.op) {
    case SimpleCondition::Op::Answered: return true;
    case SimpleCondition::Op::Equals: return answer == term.value;
    case SimpleCondition::Op::NotEquals: return answer != term.value;
    case SimpleCondition::Op::LessThan:
    case SimpleCondition::Op::AtLeast: {
      auto number = std::get_if<double>(&answer);
      auto bound = std::get_if<double>(&term.value);
      if (!number || !bound) return false;
      return term.op == SimpleCondition::Op::LessThan ? *number < *bound : *number >= *bound;
    }
  }
  return false;
}

int rank(FlagSeverity s) { return static_cast<int>(s); }  // Urgent = 0 is the most severe

}  // namespace

bool condition_holds(const Condition& condition, const Answers& answers) {
  if (condition.terms.empty()) return false;
  auto holds = [&](const SimpleCondition& t) { return term_holds(t, answers); };
  return condition.combine == Condition::Combine::All
             ? std::all_of(condition.terms.begin(), condition.terms.end(), holds)
             : std::any_of(condition.terms.begin(), condition.terms.end(), holds);
}

bool is_visible(const Question& question, const Answers& answers) {
  return !question.show_if || condition_holds(*question.show_if, answers);
}

std::vector<const Question*> visible_questions(const Screening& screening, const Answers& answers) {
  // show_if only refers to earlier questions, so answers to hidden questions must not count:
  // evaluate in order, dropping answers of questions found hidden.
  Answers effective;
  std::vector<const Question*> shown;
  for (const auto& q : screening.questions) {
    if (!is_visible(q, effective)) continue;
    shown.push_back(&q);
    if (auto it = answers.find(q.id); it != answers.end()) effective.insert(*it);
  }
  return shown;
}

Evaluation evaluate(const Screening& screening, const Answers& answers) {
  Evaluation result;
  Answers effective;  // answers of visible questions only
  for (const Question* q : visible_questions(screening, answers)) {
    auto it = answers.find(q->id);
    if (it != answers.end() && check_answer(*q, it->second).empty()) {
      effective.insert(*it);
    } else if (q->required) {
      result.unanswered.push_back(q->id);
    }
  }
  for (const auto& rule : screening.rules) {
    if (!condition_holds(rule.when, effective)) continue;
    result.flags.push_back({rule.id, rule.when.terms.empty() ? "" : rule.when.terms.front().question, rule.severity, &rule});
  }
  std::stable_sort(result.flags.begin(), result.flags.end(),
                   [](const Flag& a, const Flag& b) { return rank(a.severity) < rank(b.severity); });

  bool urgent = !result.flags.empty() && result.flags.front().severity == FlagSeverity::Urgent;
  if (urgent) {
    result.outcome = Outcome::UrgentHelp;  // crisis help comes first, even mid-way
  } else if (!result.unanswered.empty()) {
    result.outcome = Outcome::Incomplete;
  } else if (!result.flags.empty()) {
    result.outcome = outcome_for(result.flags.front().severity);
  } else {
    result.outcome = Outcome::LikelyCandidate;
  }
  return result;
}

std::string check_answer(const Question& question, const AnswerValue& answer) {
  switch (question.kind) {
    case QuestionKind::YesNo:
      return std::holds_alternative<bool>(answer) ? "" : "expected true or false";
    case QuestionKind::SingleChoice: {
      auto id = std::get_if<std::string>(&answer);
      if (!id) return "expected one of the option ids as a string";
      bool known = std::any_of(question.options.begin(), question.options.end(),
                               [&](const ChoiceOption& o) { return o.id == *id; });
      return known ? "" : "unknown option '" + *id + "'";
    }
    case QuestionKind::Number: {
      auto n = std::get_if<double>(&answer);
      if (!n) return "expected a number";
      if (*n < question.min || *n > question.max)
        return "expected a number from " + json::format_number(question.min) + " to " + json::format_number(question.max);
      return "";
    }
  }
  return "invalid answer";
}

Result<Answers> answers_from_json(const Screening& screening, const json::Value& root, const std::string& file) {
  Diagnostics diags;
  detail::JsonReader r(file, diags);
  if (!r.expect(root, "$", json::Type::Object)) return Result<Answers>::failure(diags);
  Answers answers;
  for (const auto& [id, value] : root.as_object()) {
    std::string path = detail::join_path("$", id);
    const Question* q = screening.find_question(id);
    if (!q) {
      r.error(value, path, "unknown question id '" + id + "'");
      continue;
    }
    AnswerValue answer;
    if (value.is_bool()) answer = value.as_bool();
    else if (value.is_string()) answer = value.as_string();
    else if (value.is_number()) answer = value.as_number();
    else {
      r.error(value, path, std::string("expected true, false, an option id or a number, found ") + json::type_name(value.type()));
      continue;
    }
    if (std::string problem = check_answer(*q, answer); !problem.empty()) {
      r.error(value, path, "'" + id + "' is a " + std::string(to_string(q->kind)) + " question: " + problem);
      continue;
    }
    answers.emplace(id, std::move(answer));
  }
  if (has_errors(diags)) return Result<Answers>::failure(diags);
  return answers;
}

json::Value to_json(const Evaluation& evaluation, std::string_view locale) {
  json::Value flags = json::Value::array();
  for (const auto& f : evaluation.flags) {
    json::Value v = json::Value::object();
    v.set("question", f.question);
    v.set("severity", to_string(f.severity));
    v.set("reason", f.source ? f.source->reason.get(locale) : "");
    v.set("rule", f.rule);
    if (f.source && !f.source->article.empty()) v.set("article", f.source->article);
    flags.push_back(std::move(v));
  }
  json::Value v = json::Value::object();
  v.set("outcome", to_string(evaluation.outcome));
  v.set("flags", std::move(flags));
  if (!evaluation.unanswered.empty()) {
    json::Value missing = json::Value::array();
    for (const auto& id : evaluation.unanswered) missing.push_back(id);
    v.set("unanswered", std::move(missing));
  }
  return v;
}

}  // namespace ketascreen
