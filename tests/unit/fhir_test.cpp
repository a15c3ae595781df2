// FHIR R4: the Questionnaire export, and QuestionnaireResponse -> answers agreeing with the engine.
#include <doctest/doctest.h>

#include "ketascreen/fhir.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

const json::Value& at(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  REQUIRE_MESSAGE(m != nullptr, "missing key " << std::string(key) << " in " << json::serialize(v));
  return *m;
}

const json::Value& item_for(const json::Value& questionnaire, const std::string& link_id) {
  for (const auto& item : at(questionnaire, "item").as_array())
    if (at(item, "linkId").as_string() == link_id) return item;
  FAIL("no item " << link_id);
  static json::Value none;
  return none;
}

std::string signature(const Evaluation& e) {
  std::string s = std::string(to_string(e.outcome)) + ":";
  for (const auto& f : e.flags) s += f.rule + "/" + f.question + "/" + std::string(to_string(f.severity)) + ",";
  s += "|";
  for (const auto& u : e.unanswered) s += u + ",";
  return s;
}

// answers -> QuestionnaireResponse (as text, like a file) -> answers.
Result<Answers> through_fhir(const ContentBundle& b, const Answers& answers) {
  std::string text = json::serialize(fhir::questionnaire_response(b, answers, "2026-11-23T14:12:11Z"), 2);
  auto parsed = json::parse(text, {"response.json"});
  REQUIRE(parsed.ok());
  return fhir::answers_from_response(b, parsed.value(), "response.json");
}

Result<Answers> read_response(const ContentBundle& b, const std::string& text) {
  auto parsed = json::parse(text, {"response.json"});
  REQUIRE_MESSAGE(parsed.ok(), errors_text(parsed));
  return fhir::answers_from_response(b, parsed.value(), "response.json");
}

}  // namespace

TEST_CASE("fhir: the Questionnaire has every question, with linkId = question id") {
  const ContentBundle& b = real_bundle();
  json::Value q = fhir::export_questionnaire(b);
  CHECK(at(q, "resourceType").as_string() == "Questionnaire");
  CHECK(at(q, "status").as_string() == "active");
  CHECK(at(q, "url").as_string() == fhir::questionnaire_url(b));
  CHECK(at(q, "url").as_string() == "https://harborlight.example.com/fhir/Questionnaire/ketascreen-demo-clinic");
  CHECK(at(q, "language").as_string() == "en");
  const auto& items = at(q, "item").as_array();
  REQUIRE(items.size() == b.screening.questions.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Question& question = b.screening.questions[i];
    CAPTURE(question.id);
    CHECK(at(items[i], "linkId").as_string() == question.id);
    CHECK(at(items[i], "type").as_string() == (question.kind == QuestionKind::YesNo ? "boolean" : "choice"));
    if (question.kind == QuestionKind::SingleChoice) {
      const auto& options = at(items[i], "answerOption").as_array();
      REQUIRE(options.size() == question.options.size());
      for (size_t k = 0; k < options.size(); ++k)
        CHECK(at(at(options[k], "valueCoding"), "code").as_string() == question.options[k].id);
    }
    CHECK(at(items[i], "required").as_bool() == question.required);
    CHECK(at(items[i], "text").as_string() == question.text.get("en"));
    CHECK((items[i].find("enableWhen") == nullptr) == !question.show_if.has_value());

    // The Spanish text travels as a translation extension on _text.
    const auto& ext = at(at(items[i], "_text"), "extension").as_array();
    REQUIRE(ext.size() == 1);
    CHECK(at(ext[0], "url").as_string() == "http://hl7.org/fhir/StructureDefinition/translation");
    const auto& parts = at(ext[0], "extension").as_array();
    REQUIRE(parts.size() == 2);
    CHECK(at(parts[0], "url").as_string() == "lang");
    CHECK(at(parts[0], "valueCode").as_string() == "es");
    CHECK(at(parts[1], "url").as_string() == "content");
    CHECK(at(parts[1], "valueString").as_string() == question.text.get("es"));
  }
  for (const auto& id : design_required_ids()) CHECK(at(item_for(q, id), "required").as_bool());

  // In Spanish, the roles swap.
  json::Value es = fhir::export_questionnaire(b, "es");
  CHECK(at(es, "language").as_string() == "es");
  const json::Value& first = at(es, "item").as_array()[0];
  CHECK(at(first, "text").as_string() == b.screening.questions[0].text.get("es"));
  const auto& parts = at(at(at(first, "_text"), "extension").as_array()[0], "extension").as_array();
  CHECK(at(parts[0], "valueCode").as_string() == "en");
}

TEST_CASE("fhir: types, options, bounds and enableWhen from show_if") {
  ContentBundle b = conditional_pack().bundle();
  json::Value q = fhir::export_questionnaire(b);

  const json::Value& pain = item_for(q, "pain_level");
  CHECK(at(pain, "type").as_string() == "decimal");
  const auto& bounds = at(pain, "extension").as_array();
  REQUIRE(bounds.size() == 2);
  CHECK(at(bounds[0], "url").as_string() == "http://hl7.org/fhir/StructureDefinition/minValue");
  CHECK(at(bounds[0], "valueDecimal").as_number() == 0);
  CHECK(at(bounds[1], "url").as_string() == "http://hl7.org/fhir/StructureDefinition/maxValue");
  CHECK(at(bounds[1], "valueDecimal").as_number() == 10);
  const auto& pain_when = at(pain, "enableWhen").as_array();
  REQUIRE(pain_when.size() == 1);
  CHECK(at(pain_when[0], "question").as_string() == "has_pain");
  CHECK(at(pain_when[0], "operator").as_string() == "=");
  CHECK(at(pain_when[0], "answerBoolean").as_bool() == true);
  CHECK(pain.find("enableBehavior") == nullptr);

  const json::Value& severe = item_for(q, "pain_severe_followup");
  CHECK(at(at(severe, "enableWhen").as_array()[0], "operator").as_string() == ">=");
  CHECK(at(at(severe, "enableWhen").as_array()[0], "answerDecimal").as_number() == 7);
  const json::Value& mild = item_for(q, "pain_mild_note");
  CHECK(at(at(mild, "enableWhen").as_array()[0], "operator").as_string() == "<");
  CHECK(at(at(mild, "enableWhen").as_array()[0], "answerDecimal").as_number() == 3);

  const json::Value& setting = item_for(q, "setting");
  CHECK(at(setting, "type").as_string() == "choice");
  const auto& options = at(setting, "answerOption").as_array();
  REQUIRE(options.size() == 3);
  CHECK(at(at(options[1], "valueCoding"), "code").as_string() == "home");
  CHECK(at(at(options[1], "valueCoding"), "display").as_string() == "Home");

  const json::Value& home = item_for(q, "home_support");
  const json::Value& home_when = at(home, "enableWhen").as_array()[0];
  CHECK(at(home_when, "operator").as_string() == "=");
  CHECK(at(at(home_when, "answerCoding"), "code").as_string() == "home");

  const json::Value& not_home = item_for(q, "not_home_q");
  CHECK(at(at(not_home, "enableWhen").as_array()[0], "operator").as_string() == "!=");

  const json::Value& answered = item_for(q, "setting_followup");
  CHECK(at(at(answered, "enableWhen").as_array()[0], "operator").as_string() == "exists");
  CHECK(at(at(answered, "enableWhen").as_array()[0], "answerBoolean").as_bool() == true);

  const json::Value& any = item_for(q, "any_q");
  CHECK(at(any, "enableWhen").as_array().size() == 2);
  CHECK(at(any, "enableBehavior").as_string() == "any");
  CHECK(at(at(any, "enableWhen").as_array()[1], "question").as_string() == "setting");
  const json::Value& all = item_for(q, "all_q");
  CHECK(at(all, "enableWhen").as_array().size() == 2);
  CHECK(at(all, "enableBehavior").as_string() == "all");

  CHECK(at(item_for(q, "optional_q"), "required").as_bool() == false);
  CHECK(at(item_for(q, "has_pain"), "required").as_bool() == true);
}

TEST_CASE("fhir: evaluate-fhir agrees with evaluate on the real pack") {
  const ContentBundle& b = real_bundle();
  std::vector<Answers> sets;
  sets.push_back(all_clear_answers());
  sets.push_back({});
  // Every answer of every question on top of the all-clear one (a follow-up with its gateway
  // answered yes): every rule alone, every "not sure", every single-choice code.
  for (const auto& q : b.screening.questions) {
    std::vector<AnswerValue> values;
    if (q.kind == QuestionKind::YesNo) values = {true, false};
    for (const auto& o : q.options) values.emplace_back(o.id);
    for (const auto& v : values) {
      Answers a = all_clear_answers();
      if (q.show_if) a[q.show_if->terms.front().question] = std::string("yes");
      a[q.id] = v;
      sets.push_back(a);
    }
  }
  // Every question unanswered in turn.
  for (const auto& id : design_required_ids()) {
    Answers a = all_clear_answers();
    a.erase(id);
    sets.push_back(a);
  }
  // Everything the real pack asks, at once, with the gateways open.
  Answers worst = all_clear_answers();
  for (const auto& q : b.screening.questions) {
    if (q.kind == QuestionKind::YesNo) worst[q.id] = q.id != "age_18_plus";
    else if (q.kind == QuestionKind::SingleChoice) worst[q.id] = std::string("yes");
  }
  worst["ketamine_reaction_history"] = std::string("allergy");
  worst["psychosis_history"] = std::string("mania");
  worst["substance_use"] = std::string("past");
  sets.push_back(worst);
  sets.push_back({{"thoughts_of_self_harm", true}});

  for (size_t i = 0; i < sets.size(); ++i) {
    CAPTURE(i);
    auto back = through_fhir(b, sets[i]);
    REQUIRE_MESSAGE(back.ok(), errors_text(back));
    CHECK(back.value() == sets[i]);
    CHECK(signature(evaluate(b.screening, back.value())) == signature(evaluate(b.screening, sets[i])));
  }
}

TEST_CASE("fhir: evaluate-fhir agrees with evaluate with every kind of question and hidden answers") {
  ContentBundle b = conditional_pack().bundle();
  Answers base = builder_clear_answers();
  base["has_pain"] = true;
  base["pain_level"] = 7.5;
  base["pain_severe_followup"] = true;
  base["setting"] = std::string("home");
  base["home_support"] = false;
  base["any_q"] = true;
  base["all_q"] = false;
  base["setting_followup"] = true;
  base["optional_q"] = true;

  Answers hidden = base;
  hidden["has_pain"] = false;  // pain_level and its follow-up are now hidden
  hidden["setting"] = std::string("clinic");
  hidden["not_home_q"] = true;

  for (const Answers& a : {base, hidden}) {
    auto back = through_fhir(b, a);
    REQUIRE_MESSAGE(back.ok(), errors_text(back));
    CHECK(signature(evaluate(b.screening, back.value())) == signature(evaluate(b.screening, a)));
  }
  // Only visible answers travel.
  auto back = through_fhir(b, hidden);
  REQUIRE(back.ok());
  CHECK(back.value().count("pain_level") == 0);
  CHECK(back.value().count("home_support") == 0);
  CHECK(back.value().at("setting") == AnswerValue(std::string("clinic")));
  auto full = through_fhir(b, base);
  REQUIRE(full.ok());
  CHECK(full.value().at("pain_level") == AnswerValue(7.5));
  CHECK(evaluate(b.screening, full.value()).outcome == Outcome::NotSuitableNow);
}

TEST_CASE("fhir: QuestionnaireResponse shape") {
  const ContentBundle& b = real_bundle();
  json::Value r = fhir::questionnaire_response(b, all_clear_answers(), "2026-11-23T14:12:11Z");
  CHECK(at(r, "resourceType").as_string() == "QuestionnaireResponse");
  CHECK(at(r, "questionnaire").as_string() == fhir::questionnaire_url(b));
  CHECK(at(r, "status").as_string() == "completed");
  CHECK(at(r, "authored").as_string() == "2026-11-23T14:12:11Z");
  const auto& items = at(r, "item").as_array();
  REQUIRE(items.size() == all_clear_answers().size());
  CHECK(at(items[0], "linkId").as_string() == b.screening.questions[0].id);
  CHECK(at(at(items[0], "answer").as_array()[0], "valueBoolean").as_bool() ==
        std::get<bool>(all_clear_answers().at(b.screening.questions[0].id)));
}

TEST_CASE("fhir: answers_from_response errors") {
  const ContentBundle& b = real_bundle();
  SUBCASE("wrong resourceType") {
    auto r = read_response(b, "{\n  \"resourceType\": \"Questionnaire\",\n  \"item\": []\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:2 $.resourceType: expected \"QuestionnaireResponse\", found \"Questionnaire\"\n");
  }
  SUBCASE("missing resourceType") {
    auto r = read_response(b, "{\"item\": []}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:1 $.resourceType: missing required key 'resourceType'\n");
  }
  SUBCASE("unknown linkId") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "age_18_plus", "answer": [{"valueBoolean": true}]},
  {"linkId": "nope", "answer": [{"valueBoolean": true}]}
]})");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:3 $.item[1].linkId: unknown linkId 'nope'\n");
  }
  SUBCASE("wrong value type") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "age_18_plus", "answer": [{"valueBoolean": "yes"}]}
]})");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:2 $.item[0].answer[0].valueBoolean: expected a boolean, found string\n");

    auto other = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "age_18_plus", "answer": [{"valueString": "yes"}]}
]})");
    REQUIRE_FALSE(other.ok());
    REQUIRE(other.errors().size() >= 1);
    CHECK(other.errors()[0].path.rfind("$.item[0].answer[0]", 0) == 0);
    CHECK(other.errors()[0].line == 2);
  }
  SUBCASE("repeated linkId") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "age_18_plus", "answer": [{"valueBoolean": true}]},
  {"linkId": "age_18_plus", "answer": [{"valueBoolean": false}]}
]})");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:3 $.item[1].linkId: linkId 'age_18_plus' is answered more than once\n");
  }
  SUBCASE("two answers to one question") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "age_18_plus", "answer": [{"valueBoolean": true}, {"valueBoolean": false}]}
]})");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "response.json:2 $.item[0].answer: 'age_18_plus' takes one answer\n");
  }
  SUBCASE("several problems at once") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "nope", "answer": [{"valueBoolean": true}]},
  {"linkId": "heart_condition", "answer": [{"valueBoolean": 1}]}
]})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors().size() == 2);
  }
  SUBCASE("an item without an answer is unanswered, not an error") {
    auto r = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [{"linkId": "age_18_plus"}]})");
    REQUIRE_MESSAGE(r.ok(), errors_text(r));
    CHECK(r.value().empty());
  }
}

TEST_CASE("fhir: answers_from_response checks choice codes and number ranges") {
  ContentBundle b = conditional_pack().bundle();
  auto bad_code = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "setting", "answer": [{"valueCoding": {"code": "car"}}]}
]})");
  REQUIRE_FALSE(bad_code.ok());
  CHECK(errors_text(bad_code) == "response.json:2 $.item[0].answer[0]: 'setting': unknown option 'car'\n");
  auto out_of_range = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "pain_level", "answer": [{"valueDecimal": 12}]}
]})");
  REQUIRE_FALSE(out_of_range.ok());
  CHECK(errors_text(out_of_range) == "response.json:2 $.item[0].answer[0]: 'pain_level': expected a number from 0 to 10\n");
  auto integer = read_response(b, R"({"resourceType": "QuestionnaireResponse", "item": [
  {"linkId": "pain_level", "answer": [{"valueInteger": 4}]}
]})");
  REQUIRE_MESSAGE(integer.ok(), errors_text(integer));
  CHECK(integer.value().at("pain_level") == AnswerValue(4.0));
}
