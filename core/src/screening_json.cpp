#include <algorithm>
#include <cmath>

#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"

namespace ketascreen {

using detail::index_path;
using detail::join_path;
using json::Type;
using json::Value;

const std::vector<std::string>& required_question_ids() {
  static const std::vector<std::string> ids = {
      "age_18_plus",         "qualifying_condition",        "tried_other_treatments", "pregnant_or_breastfeeding",
      "heart_condition",     "uncontrolled_blood_pressure", "high_cholesterol",       "liver_or_kidney_disease",
      "ketamine_reaction_history", "psychosis_history",     "substance_use",          "aneurysm_or_brain_bleed",
      "thoughts_of_self_harm"};
  return ids;
}

namespace {

constexpr std::array<std::pair<SimpleCondition::Op, std::string_view>, 5> kOps{{
    {SimpleCondition::Op::Equals, "equals"},
    {SimpleCondition::Op::NotEquals, "not_equals"},
    {SimpleCondition::Op::LessThan, "less_than"},
    {SimpleCondition::Op::AtLeast, "at_least"},
    {SimpleCondition::Op::Answered, "answered"},
}};

std::string_view op_name(SimpleCondition::Op op) {
  for (const auto& [o, name] : kOps)
    if (o == op) return name;
  return "?";
}

class ScreeningReader {
 public:
  ScreeningReader(detail::JsonReader& r, const std::set<std::string, std::less<>>& article_ids)
      : r_(r), article_ids_(article_ids) {}

  std::optional<Screening> read(const Value& root, const std::string& p, const std::vector<std::string>& locales);

 private:
  detail::JsonReader& r_;
  const std::set<std::string, std::less<>>& article_ids_;
  Screening s_;
  std::set<std::string, std::less<>> all_question_ids_;  // every question id in the file, read or not yet

  void read_question(const Value& q, const std::string& p);
  std::optional<Condition> read_condition(const Value& v, const std::string& p, size_t visible_questions);
  std::optional<SimpleCondition> read_simple(const Value& v, const std::string& p, size_t visible_questions);
  void read_rule(const Value& v, const std::string& p);
  void read_outcomes(const Value& root, const std::string& p);
  void read_crisis(const Value& root, const std::string& p);
  void check_article(const Value& owner, const std::string& p, const std::string& article);
};

void ScreeningReader::read_question(const Value& q, const std::string& p) {
  if (!r_.expect(q, p, Type::Object)) return;
  r_.check_keys(q, p, {"id", "kind", "required", "text", "help", "show_if", "options", "min", "max", "unit"});
  Question question;
  question.id = r_.id(q, p);
  if (!question.id.empty() && s_.find_question(question.id)) {
    r_.error(*q.find("id"), join_path(p, "id"), "duplicate question id '" + question.id + "'");
  }
  std::string kind = r_.string(q, p, "kind");
  if (auto k = question_kind_from_string(kind)) {
    question.kind = *k;
  } else if (!kind.empty()) {
    r_.error(*q.find("kind"), join_path(p, "kind"),
             "unknown question kind '" + kind + "' (expected yes_no, single_choice or number)");
  }
  question.required = r_.boolean(q, p, "required", false).value_or(true);
  question.text = r_.text(q, p, "text");
  question.help = r_.text(q, p, "help", false);

  const Value* options = q.find("options");
  if (question.kind == QuestionKind::SingleChoice) {
    if (const Value* list = r_.member(q, p, "options", Type::Array)) {
      std::string op = join_path(p, "options");
      for (size_t i = 0; i < list->as_array().size(); ++i) {
        const Value& o = list->as_array()[i];
        std::string ip = index_path(op, i);
        if (!r_.expect(o, ip, Type::Object)) continue;
        r_.check_keys(o, ip, {"id", "label"});
        ChoiceOption option{r_.id(o, ip), r_.text(o, ip, "label")};
        for (const auto& existing : question.options)
          if (existing.id == option.id) r_.error(o, join_path(ip, "id"), "duplicate option id '" + option.id + "'");
        question.options.push_back(std::move(option));
      }
      if (list->as_array().size() < 2) r_.error(*list, op, "a single_choice question needs at least two options");
    }
  } else if (options) {
    r_.error(*options, join_path(p, "options"), "only single_choice questions have options");
  }

  if (question.kind == QuestionKind::Number) {
    auto min = r_.number(q, p, "min");
    auto max = r_.number(q, p, "max");
    if (min && max && *min > *max) r_.error(q, join_path(p, "max"), "max must not be less than min");
    question.min = min.value_or(0);
    question.max = max.value_or(0);
    question.unit = r_.text(q, p, "unit", false);
  } else {
    for (const char* key : {"min", "max", "unit"})
      if (const Value* v = q.find(key)) r_.error(*v, join_path(p, key), "only number questions have '" + std::string(key) + "'");
  }

  // show_if may only look at questions asked before this one, so the flow never depends on the future.
  size_t earlier = s_.questions.size();
  if (const Value* show_if = q.find("show_if")) {
    question.show_if = read_condition(*show_if, join_path(p, "show_if"), earlier);
  }
  s_.questions.push_back(std::move(question));
}

std::optional<SimpleCondition> ScreeningReader::read_simple(const Value& v, const std::string& p,
                                                           size_t visible_questions) {
  if (!r_.expect(v, p, Type::Object)) return std::nullopt;
  r_.check_keys(v, p, {"question", "equals", "not_equals", "less_than", "at_least", "answered"});
  SimpleCondition c;
  c.question = r_.string(v, p, "question");
  if (c.question.empty()) return std::nullopt;
  const Question* target = nullptr;
  for (size_t i = 0; i < visible_questions && i < s_.questions.size(); ++i)
    if (s_.questions[i].id == c.question) target = &s_.questions[i];
  if (!target) {
    bool exists_later = all_question_ids_.count(c.question) != 0;
    r_.error(*v.find("question"), join_path(p, "question"),
             exists_later ? "question '" + c.question + "' is not asked before this one"
                          : "unknown question id '" + c.question + "'");
    return std::nullopt;
  }

  const Value* operand = nullptr;
  int op_count = 0;
  for (const auto& [op, name] : kOps) {
    if (const Value* o = v.find(name)) {
      c.op = op;
      operand = o;
      ++op_count;
    }
  }
  if (op_count != 1) {
    r_.error(v, p, "expected exactly one of equals, not_equals, less_than, at_least, answered");
    return std::nullopt;
  }
  std::string op_path = join_path(p, op_name(c.op));
  switch (c.op) {
    case SimpleCondition::Op::Answered:
      if (!r_.expect(*operand, op_path, Type::Bool)) return std::nullopt;
      if (!operand->as_bool()) {
        r_.error(*operand, op_path, "'answered' only accepts true");
        return std::nullopt;
      }
      return c;
    case SimpleCondition::Op::LessThan:
    case SimpleCondition::Op::AtLeast:
      if (target->kind != QuestionKind::Number) {
        r_.error(*operand, op_path, "'" + std::string(op_name(c.op)) + "' needs a number question; '" + c.question +
                                        "' is " + std::string(to_string(target->kind)));
        return std::nullopt;
      }
      if (!r_.expect(*operand, op_path, Type::Number)) return std::nullopt;
      c.value = operand->as_number();
      return c;
    case SimpleCondition::Op::Equals:
    case SimpleCondition::Op::NotEquals:
      break;
  }
  switch (target->kind) {
    case QuestionKind::YesNo:
      if (!operand->is_bool()) {
        r_.error(*operand, op_path, "'" + c.question + "' is a yes_no question: expected true or false, found " +
                                        json::type_name(operand->type()));
        return std::nullopt;
      }
      c.value = operand->as_bool();
      return c;
    case QuestionKind::Number:
      if (!r_.expect(*operand, op_path, Type::Number)) return std::nullopt;
      c.value = operand->as_number();
      return c;
    case QuestionKind::SingleChoice: {
      if (!r_.expect(*operand, op_path, Type::String)) return std::nullopt;
      const std::string& option = operand->as_string();
      bool known = std::any_of(target->options.begin(), target->options.end(),
                               [&](const ChoiceOption& o) { return o.id == option; });
      if (!known) {
        r_.error(*operand, op_path, "question '" + c.question + "' has no option '" + option + "'");
        return std::nullopt;
      }
      c.value = option;
      return c;
    }
  }
  return std::nullopt;
}

std::optional<Condition> ScreeningReader::read_condition(const Value& v, const std::string& p,
                                                         size_t visible_questions) {
  if (!r_.expect(v, p, Type::Object)) return std::nullopt;
  Condition c;
  const Value* all = v.find("all");
  const Value* any = v.find("any");
  if (!all && !any) {
    auto simple = read_simple(v, p, visible_questions);
    if (!simple) return std::nullopt;
    c.terms.push_back(std::move(*simple));
    return c;
  }
  r_.check_keys(v, p, {all ? "all" : "any"});
  const Value& list = all ? *all : *any;
  std::string lp = join_path(p, all ? "all" : "any");
  c.combine = all ? Condition::Combine::All : Condition::Combine::Any;
  if (!r_.expect(list, lp, Type::Array)) return std::nullopt;
  if (list.as_array().empty()) {
    r_.error(list, lp, "needs at least one condition");
    return std::nullopt;
  }
  bool ok = true;
  for (size_t i = 0; i < list.as_array().size(); ++i) {
    const Value& item = list.as_array()[i];
    std::string ip = index_path(lp, i);
    if (item.find("all") || item.find("any")) {
      r_.error(item, ip, "conditions nest one level only (FHIR enableWhen cannot express more)");
      ok = false;
      continue;
    }
    auto simple = read_simple(item, ip, visible_questions);
    if (simple) c.terms.push_back(std::move(*simple));
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return c;
}

void ScreeningReader::check_article(const Value& owner, const std::string& p, const std::string& article) {
  if (article.empty() || article_ids_.count(article)) return;
  r_.error(owner, p, "unknown article '" + article + "' (no articles/" + article + ".en.md)");
}

void ScreeningReader::read_rule(const Value& v, const std::string& p) {
  if (!r_.expect(v, p, Type::Object)) return;
  r_.check_keys(v, p, {"id", "when", "severity", "reason", "article"});
  Rule rule;
  rule.id = r_.id(v, p);
  for (const auto& existing : s_.rules)
    if (!rule.id.empty() && existing.id == rule.id) r_.error(*v.find("id"), join_path(p, "id"), "duplicate rule id '" + rule.id + "'");
  if (const Value* when = r_.member(v, p, "when", Type::Object)) {
    if (auto c = read_condition(*when, join_path(p, "when"), s_.questions.size())) rule.when = std::move(*c);
  }
  std::string severity = r_.string(v, p, "severity");
  if (auto sev = severity_from_string(severity)) {
    rule.severity = *sev;
  } else if (!severity.empty()) {
    r_.error(*v.find("severity"), join_path(p, "severity"),
             "unknown severity '" + severity + "' (expected urgent, contraindication or caution)");
  }
  rule.reason = r_.text(v, p, "reason");
  rule.article = r_.string(v, p, "article", false);
  if (const Value* a = v.find("article")) check_article(*a, join_path(p, "article"), rule.article);
  s_.rules.push_back(std::move(rule));
}

void ScreeningReader::read_outcomes(const Value& root, const std::string& p) {
  const Value* outcomes = r_.member(root, p, "outcomes", Type::Object);
  if (!outcomes) return;
  std::string op = join_path(p, "outcomes");
  r_.check_keys(*outcomes, op, {"urgent_help", "not_suitable_now", "discuss_with_provider", "likely_candidate", "incomplete"});
  for (Outcome o : kAllOutcomes) {
    const Value* text = r_.member(*outcomes, op, to_string(o), Type::Object);
    if (!text) continue;
    std::string tp = join_path(op, to_string(o));
    r_.check_keys(*text, tp, {"title", "body"});
    auto& out = s_.outcomes[static_cast<size_t>(o)];
    out.title = r_.text(*text, tp, "title");
    out.body = r_.text(*text, tp, "body");
  }
}

void ScreeningReader::read_crisis(const Value& root, const std::string& p) {
  const Value* list = r_.member(root, p, "crisis_resources", Type::Array);
  if (!list) return;
  std::string lp = join_path(p, "crisis_resources");
  if (list->as_array().empty()) r_.error(*list, lp, "needs at least one crisis resource (988, 911)");
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const Value& c = list->as_array()[i];
    std::string ip = index_path(lp, i);
    if (!r_.expect(c, ip, Type::Object)) continue;
    r_.check_keys(c, ip, {"id", "label", "detail", "href"});
    CrisisResource res{r_.id(c, ip), r_.text(c, ip, "label"), r_.text(c, ip, "detail", false), r_.string(c, ip, "href")};
    for (const auto& earlier : s_.crisis_resources)
      if (!res.id.empty() && earlier.id == res.id)
        r_.error(*c.find("id"), join_path(ip, "id"), "duplicate crisis resource id '" + res.id + "'");
    bool href_ok = res.href.rfind("tel:", 0) == 0 || res.href.rfind("sms:", 0) == 0 || res.href.rfind("https://", 0) == 0;
    if (!res.href.empty() && !href_ok)
      r_.error(*c.find("href"), join_path(ip, "href"), "expected a tel:, sms: or https:// link, found \"" + res.href + "\"");
    s_.crisis_resources.push_back(std::move(res));
  }
}

std::optional<Screening> ScreeningReader::read(const Value& root, const std::string& p,
                                               const std::vector<std::string>& locales) {
  r_.set_locales(locales);
  if (!r_.expect(root, p, Type::Object)) return std::nullopt;
  r_.check_keys(root, p, {"questions", "rules", "outcomes", "disclaimer", "crisis_resources"});
  if (const Value* questions = r_.member(root, p, "questions", Type::Array)) {
    std::string qp = join_path(p, "questions");
    for (const Value& q : questions->as_array())
      if (const Value* id = q.find("id"); id && id->is_string()) all_question_ids_.insert(id->as_string());
    for (size_t i = 0; i < questions->as_array().size(); ++i) read_question(questions->as_array()[i], index_path(qp, i));
    for (const auto& id : required_question_ids()) {
      if (!s_.find_question(id)) r_.error(*questions, qp, "missing required question '" + id + "'");
    }
  }
  if (const Value* rules = r_.member(root, p, "rules", Type::Array)) {
    std::string rp = join_path(p, "rules");
    for (size_t i = 0; i < rules->as_array().size(); ++i) read_rule(rules->as_array()[i], index_path(rp, i));
  }
  read_outcomes(root, p);
  s_.disclaimer = r_.text(root, p, "disclaimer");
  read_crisis(root, p);
  return std::move(s_);
}

Value condition_json(const SimpleCondition& c) {
  Value v = Value::object();
  v.set("question", c.question);
  if (c.op == SimpleCondition::Op::Answered) v.set(op_name(c.op), true);
  else v.set(op_name(c.op), to_json(c.value));
  return v;
}

Value condition_json(const Condition& c) {
  if (c.terms.size() == 1 && c.combine == Condition::Combine::All) return condition_json(c.terms.front());
  Value list = Value::array();
  for (const auto& t : c.terms) list.push_back(condition_json(t));
  Value v = Value::object();
  v.set(c.combine == Condition::Combine::All ? "all" : "any", std::move(list));
  return v;
}

}  // namespace

std::optional<Screening> read_screening(const Value& root, const JsonOrigin& origin,
                                        const std::vector<std::string>& locales,
                                        const std::set<std::string, std::less<>>& article_ids, Diagnostics& out) {
  size_t before = out.size();
  detail::JsonReader r(origin.file, out, locales);
  auto screening = ScreeningReader(r, article_ids).read(root, origin.path, locales);
  if (detail::has_errors_since(out, before)) return std::nullopt;
  return screening;
}

Value to_json(const AnswerValue& answer) {
  if (auto b = std::get_if<bool>(&answer)) return Value(*b);
  if (auto s = std::get_if<std::string>(&answer)) return Value(*s);
  return Value(std::get<double>(answer));
}

Value to_json(const Screening& s) {
  Value questions = Value::array();
  for (const auto& q : s.questions) {
    Value v = Value::object();
    v.set("id", q.id);
    v.set("kind", to_string(q.kind));
    v.set("required", q.required);
    v.set("text", to_json(q.text));
    if (!q.help.empty()) v.set("help", to_json(q.help));
    if (q.show_if) v.set("show_if", condition_json(*q.show_if));
    if (q.kind == QuestionKind::SingleChoice) {
      Value options = Value::array();
      for (const auto& o : q.options) {
        Value ov = Value::object();
        ov.set("id", o.id);
        ov.set("label", to_json(o.label));
        options.push_back(std::move(ov));
      }
      v.set("options", std::move(options));
    }
    if (q.kind == QuestionKind::Number) {
      v.set("min", q.min);
      v.set("max", q.max);
      if (!q.unit.empty()) v.set("unit", to_json(q.unit));
    }
    questions.push_back(std::move(v));
  }
  Value rules = Value::array();
  for (const auto& r : s.rules) {
    Value v = Value::object();
    v.set("id", r.id);
    v.set("when", condition_json(r.when));
    v.set("severity", to_string(r.severity));
    v.set("reason", to_json(r.reason));
    if (!r.article.empty()) v.set("article", r.article);
    rules.push_back(std::move(v));
  }
  Value outcomes = Value::object();
  for (Outcome o : kAllOutcomes) {
    Value t = Value::object();
    t.set("title", to_json(s.outcome_text(o).title));
    t.set("body", to_json(s.outcome_text(o).body));
    outcomes.set(to_string(o), std::move(t));
  }
  Value crisis = Value::array();
  for (const auto& c : s.crisis_resources) {
    Value v = Value::object();
    v.set("id", c.id);
    v.set("label", to_json(c.label));
    if (!c.detail.empty()) v.set("detail", to_json(c.detail));
    v.set("href", c.href);
    crisis.push_back(std::move(v));
  }
  Value v = Value::object();
  v.set("questions", std::move(questions));
  v.set("rules", std::move(rules));
  v.set("outcomes", std::move(outcomes));
  v.set("disclaimer", to_json(s.disclaimer));
  v.set("crisis_resources", std::move(crisis));
  return v;
}

}  // namespace ketascreen
