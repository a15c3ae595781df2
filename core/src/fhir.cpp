#include "ketascreen/fhir.hpp"

#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"

namespace ketascreen::fhir {

using json::Value;

namespace {

const char* kTranslationExtension = "http://hl7.org/fhir/StructureDefinition/translation";

// FHIR carries translations as extensions on the string's "_text" element.
Value translations(const LocalizedText& text, std::string_view primary) {
  Value ext = Value::array();
  for (const auto& [locale, s] : text.all()) {
    if (locale == primary) continue;
    Value lang = Value::object();
    lang.set("url", "lang");
    lang.set("valueCode", locale);
    Value content = Value::object();
    content.set("url", "content");
    content.set("valueString", s);
    Value parts = Value::array();
    parts.push_back(std::move(lang));
    parts.push_back(std::move(content));
    Value e = Value::object();
    e.set("url", kTranslationExtension);
    e.set("extension", std::move(parts));
    ext.push_back(std::move(e));
  }
  Value element = Value::object();
  if (!ext.as_array().empty()) element.set("extension", std::move(ext));
  return element;
}

void set_text(Value& item, const char* key, const LocalizedText& text, std::string_view locale) {
  item.set(key, text.get(locale));
  Value element = translations(text, locale);
  if (element.find("extension")) item.set(std::string("_") + key, std::move(element));
}

const char* fhir_operator(SimpleCondition::Op op) {
  switch (op) {
    case SimpleCondition::Op::Equals: return "=";
    case SimpleCondition::Op::NotEquals: return "!=";
    case SimpleCondition::Op::LessThan: return "<";
    case SimpleCondition::Op::AtLeast: return ">=";
    case SimpleCondition::Op::Answered: return "exists";
  }
  return "=";
}

// Sets `<prefix>Boolean`, `<prefix>Decimal` or `<prefix>Coding` on `into`: a response item's
// answer uses the prefix "value", an enableWhen condition uses "answer".
void set_answer(Value& into, const std::string& prefix, const Question& q, const AnswerValue& value,
                const ContentBundle& bundle) {
  switch (q.kind) {
    case QuestionKind::YesNo: into.set(prefix + "Boolean", std::get<bool>(value)); break;
    case QuestionKind::Number: into.set(prefix + "Decimal", std::get<double>(value)); break;
    case QuestionKind::SingleChoice: {
      const std::string& id = std::get<std::string>(value);
      Value coding = Value::object();
      coding.set("system", questionnaire_url(bundle) + "/" + q.id);
      coding.set("code", id);
      for (const auto& o : q.options)
        if (o.id == id) coding.set("display", o.label.get(kFallbackLocale));
      into.set(prefix + "Coding", std::move(coding));
      break;
    }
  }
}

}  // namespace

std::string questionnaire_url(const ContentBundle& bundle) {
  std::string base = bundle.clinic.website.empty() ? "https://example.com" : bundle.clinic.website;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/fhir/Questionnaire/ketascreen-" + bundle.clinic.id;
}

Value export_questionnaire(const ContentBundle& bundle, std::string_view locale) {
  const Screening& s = bundle.screening;
  Value items = Value::array();
  for (const auto& q : s.questions) {
    Value item = Value::object();
    item.set("linkId", q.id);
    set_text(item, "text", q.text, locale);
    switch (q.kind) {
      case QuestionKind::YesNo: item.set("type", "boolean"); break;
      case QuestionKind::Number: item.set("type", "decimal"); break;
      case QuestionKind::SingleChoice: {
        item.set("type", "choice");
        Value options = Value::array();
        for (const auto& o : q.options) {
          Value coding = Value::object();
          coding.set("system", questionnaire_url(bundle) + "/" + q.id);
          coding.set("code", o.id);
          coding.set("display", o.label.get(locale));
          Value opt = Value::object();
          opt.set("valueCoding", std::move(coding));
          options.push_back(std::move(opt));
        }
        item.set("answerOption", std::move(options));
        break;
      }
    }
    item.set("required", q.required);
    if (q.kind == QuestionKind::Number) {
      Value ext = Value::array();
      for (auto [url, bound] : {std::pair{"http://hl7.org/fhir/StructureDefinition/minValue", q.min},
                                std::pair{"http://hl7.org/fhir/StructureDefinition/maxValue", q.max}}) {
        Value e = Value::object();
        e.set("url", url);
        e.set("valueDecimal", bound);
        ext.push_back(std::move(e));
      }
      item.set("extension", std::move(ext));
    }
    if (q.show_if) {
      Value conditions = Value::array();
      for (const auto& term : q.show_if->terms) {
        Value c = Value::object();
        c.set("question", term.question);
        c.set("operator", fhir_operator(term.op));
        if (term.op == SimpleCondition::Op::Answered) {
          c.set("answerBoolean", true);
        } else if (const Question* target = s.find_question(term.question)) {
          set_answer(c, "answer", *target, term.value, bundle);
        }
        conditions.push_back(std::move(c));
      }
      item.set("enableWhen", std::move(conditions));
      if (q.show_if->terms.size() > 1)
        item.set("enableBehavior", q.show_if->combine == Condition::Combine::All ? "all" : "any");
    }
    if (!q.help.empty()) {
      // Help text as a display child with the help itemControl, the usual R4 way.
      Value help = Value::object();
      help.set("linkId", q.id + ".help");
      set_text(help, "text", q.help, locale);
      help.set("type", "display");
      Value coding = Value::object();
      coding.set("system", "http://hl7.org/fhir/questionnaire-item-control");
      coding.set("code", "help");
      Value codings = Value::array();
      codings.push_back(std::move(coding));
      Value concept = Value::object();
      concept.set("coding", std::move(codings));
      Value ext = Value::object();
      ext.set("url", "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl");
      ext.set("valueCodeableConcept", std::move(concept));
      Value exts = Value::array();
      exts.push_back(std::move(ext));
      help.set("extension", std::move(exts));
      Value children = Value::array();
      children.push_back(std::move(help));
      item.set("item", std::move(children));
    }
    items.push_back(std::move(item));
  }
  Value q = Value::object();
  q.set("resourceType", "Questionnaire");
  q.set("id", "ketascreen-" + bundle.clinic.id);
  q.set("url", questionnaire_url(bundle));
  q.set("version", bundle.content_hash);
  q.set("name", "KetaScreen");
  q.set("title", "Ketamine therapy pre-screening — " + bundle.clinic.name);
  q.set("status", "active");
  q.set("language", std::string(locale));
  q.set("subjectType", Value(json::Array{Value("Patient")}));
  q.set("description", s.disclaimer.get(locale));
  q.set("item", std::move(items));
  return q;
}

Value questionnaire_response(const ContentBundle& bundle, const Answers& answers, const std::string& authored,
                             const std::string& status) {
  Value items = Value::array();
  for (const Question* q : visible_questions(bundle.screening, answers)) {
    auto it = answers.find(q->id);
    if (it == answers.end() || !check_answer(*q, it->second).empty()) continue;
    Value item = Value::object();
    item.set("linkId", q->id);
    item.set("text", q->text.get(kFallbackLocale));
    Value answer = Value::object();
    set_answer(answer, "value", *q, it->second, bundle);
    Value list = Value::array();
    list.push_back(std::move(answer));
    item.set("answer", std::move(list));
    items.push_back(std::move(item));
  }
  Value r = Value::object();
  r.set("resourceType", "QuestionnaireResponse");
  r.set("questionnaire", questionnaire_url(bundle));
  r.set("status", status);
  r.set("authored", authored);
  r.set("item", std::move(items));
  return r;
}

Result<Answers> answers_from_response(const ContentBundle& bundle, const Value& response, const std::string& file) {
  Diagnostics diags;
  detail::JsonReader r(file, diags);
  if (!r.expect(response, "$", json::Type::Object)) return Result<Answers>::failure(diags);
  const Value* type = r.member(response, "$", "resourceType", json::Type::String);
  if (type && type->as_string() != "QuestionnaireResponse") {
    r.error(*type, "$.resourceType", "expected \"QuestionnaireResponse\", found \"" + type->as_string() + "\"");
    return Result<Answers>::failure(diags);
  }
  Answers answers;
  const Value* items = r.member(response, "$", "item", json::Type::Array, false);
  if (!items) return has_errors(diags) ? Result<Answers>::failure(diags) : Result<Answers>(answers);
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    const Value& item = items->as_array()[i];
    std::string p = detail::index_path("$.item", i);
    if (!r.expect(item, p, json::Type::Object)) continue;
    std::string link = r.string(item, p, "linkId");
    const Question* q = bundle.screening.find_question(link);
    if (!q) {
      if (!link.empty()) r.error(item, p + ".linkId", "unknown linkId '" + link + "'");
      continue;
    }
    if (answers.count(link)) {
      r.error(item, p + ".linkId", "linkId '" + link + "' is answered more than once");
      continue;
    }
    const Value* list = r.member(item, p, "answer", json::Type::Array, false);
    if (!list || list->as_array().empty()) continue;  // unanswered
    if (list->as_array().size() > 1) {
      r.error(*list, p + ".answer", "'" + link + "' takes one answer");
      continue;
    }
    const Value& a = list->as_array()[0];
    std::string ap = p + ".answer[0]";
    AnswerValue value;
    const Value* v = nullptr;
    switch (q->kind) {
      case QuestionKind::YesNo:
        if ((v = r.member(a, ap, "valueBoolean", json::Type::Bool))) value = v->as_bool();
        break;
      case QuestionKind::Number:
        if ((v = r.member(a, ap, "valueDecimal", json::Type::Number, false)) ||
            (v = r.member(a, ap, "valueInteger", json::Type::Number)))
          value = v->as_number();
        break;
      case QuestionKind::SingleChoice:
        if ((v = r.member(a, ap, "valueCoding", json::Type::Object))) {
          std::string code = r.string(*v, ap + ".valueCoding", "code");
          value = code;
        }
        break;
    }
    if (!v) continue;
    if (std::string problem = check_answer(*q, value); !problem.empty()) {
      r.error(a, ap, "'" + link + "': " + problem);
      continue;
    }
    answers.emplace(link, std::move(value));
  }
  if (has_errors(diags)) return Result<Answers>::failure(diags);
  return answers;
}

}  // namespace ketascreen::fhir
