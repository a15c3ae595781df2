// The screening engine against the real content pack (every rule and outcome of the issue) and
// against small in-memory packs (show_if), plus the strict answers reader.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "ketascreen/screening_engine.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

using Given = std::vector<std::pair<std::string, AnswerValue>>;

// One rule of the demo pack: the answers that raise it (on top of all_clear_answers(), gateways
// included), the question whose answer raises it, and the other rules those answers raise too
// (a heart follow-up needs a "yes" to the heart question, which is a caution of its own).
struct RuleCase {
  const char* rule;
  Given answers;
  const char* question;
  std::set<std::string> also = {};
};

Answers with(Answers a, const std::string& id, AnswerValue v) {
  a[id] = std::move(v);
  return a;
}

Answers without(Answers a, const std::string& id) {
  a.erase(id);
  return a;
}

// Answers every visible unanswered question as a visitor with nothing more to report would: no.
Answers completed(const Screening& s, Answers a) {
  for (size_t guard = 0; guard <= s.questions.size(); ++guard) {
    bool added = false;
    for (const Question* q : visible_questions(s, a)) {
      if (a.count(q->id)) continue;
      if (q->kind == QuestionKind::YesNo) a[q->id] = false;
      else if (q->kind == QuestionKind::SingleChoice) a[q->id] = std::string("no");
      added = true;
    }
    if (!added) break;
  }
  return a;
}

bool shown_in(const Screening& s, const Answers& a, const std::string& id) {
  for (const Question* q : visible_questions(s, a))
    if (q->id == id) return true;
  return false;
}

Answers given(const Given& answers) {
  Answers a = all_clear_answers();
  for (const auto& [id, v] : answers) a[id] = v;
  return completed(real_bundle().screening, a);
}

AnswerValue opt(const char* id) { return std::string(id); }

// Answers that rule ketamine out, each on its own (issue 15: the label's contraindications).
const std::vector<RuleCase>& contraindications() {
  static const std::vector<RuleCase> cases = {
      {"under-18", {{"age_18_plus", false}}, "age_18_plus"},
      {"pregnancy-or-breastfeeding", {{"pregnant_or_breastfeeding", true}}, "pregnant_or_breastfeeding"},
      {"uncontrolled-blood-pressure", {{"uncontrolled_blood_pressure", opt("yes")}}, "uncontrolled_blood_pressure"},
      {"ketamine-allergy", {{"ketamine_reaction_history", opt("allergy")}}, "ketamine_reaction_history"},
      {"psychosis-or-schizophrenia", {{"psychosis_history", opt("psychosis")}}, "psychosis_history"},
      {"aneurysm-or-brain-bleed", {{"aneurysm_or_brain_bleed", opt("yes")}}, "aneurysm_or_brain_bleed"},
      {"recent-heart-event-or-unstable-heart", {{"heart_condition", opt("yes")}, {"heart_recent_or_unstable", true}},
       "heart_recent_or_unstable", {"heart-condition"}},
      {"brain-pressure-tumor-or-head-injury", {{"other_conditions", opt("yes")}, {"brain_pressure_or_injury", true}},
       "brain_pressure_or_injury"},
      {"current-substance-misuse", {{"substance_use", opt("current")}}, "substance_use"},
  };
  return cases;
}

// Answers that need a provider's review, each on its own: the "not sure" answers among them.
const std::vector<RuleCase>& cautions() {
  static const std::vector<RuleCase> cases = {
      {"heart-condition", {{"heart_condition", opt("yes")}}, "heart_condition"},
      {"heart-condition-not-sure", {{"heart_condition", opt("not_sure")}}, "heart_condition"},
      {"earlier-ischemic-stroke", {{"heart_condition", opt("yes")}, {"stroke_earlier", true}}, "stroke_earlier",
       {"heart-condition"}},
      {"blood-pressure-not-sure", {{"uncontrolled_blood_pressure", opt("not_sure")}}, "uncontrolled_blood_pressure"},
      {"liver-or-kidney-disease", {{"liver_or_kidney_disease", true}}, "liver_or_kidney_disease"},
      {"aneurysm-not-sure", {{"aneurysm_or_brain_bleed", opt("not_sure")}}, "aneurysm_or_brain_bleed"},
      {"other-conditions-not-sure", {{"other_conditions", opt("not_sure")}}, "other_conditions"},
      {"eye-pressure-or-eye-surgery", {{"other_conditions", opt("yes")}, {"eye_pressure", opt("yes")}}, "eye_pressure"},
      {"eye-pressure-not-sure", {{"other_conditions", opt("yes")}, {"eye_pressure", opt("not_sure")}}, "eye_pressure"},
      {"sleep-apnea-or-lung-disease", {{"other_conditions", opt("yes")}, {"lung_or_sleep_apnea", true}}, "lung_or_sleep_apnea"},
      {"thyroid-not-controlled", {{"other_conditions", opt("yes")}, {"thyroid_uncontrolled", true}}, "thyroid_uncontrolled"},
      {"bladder-problems", {{"other_conditions", opt("yes")}, {"bladder_problems", true}}, "bladder_problems"},
      {"ketamine-other-reaction", {{"ketamine_reaction_history", opt("other_reaction")}}, "ketamine_reaction_history"},
      {"ketamine-reaction-not-sure", {{"ketamine_reaction_history", opt("not_sure")}}, "ketamine_reaction_history"},
      {"mania-or-bipolar", {{"psychosis_history", opt("mania")}}, "psychosis_history"},
      {"past-substance-problems", {{"substance_use", opt("past")}}, "substance_use"},
      {"medicines-not-sure", {{"medicines", opt("not_sure")}}, "medicines"},
      {"medicine-maoi", {{"medicines", opt("yes")}, {"medicine_maoi", true}}, "medicine_maoi"},
      {"medicine-stimulant", {{"medicines", opt("yes")}, {"medicine_stimulant", true}}, "medicine_stimulant"},
      {"medicine-benzodiazepine", {{"medicines", opt("yes")}, {"medicine_benzodiazepine", true}}, "medicine_benzodiazepine"},
      {"medicine-opioid", {{"medicines", opt("yes")}, {"medicine_opioid", true}}, "medicine_opioid"},
      {"medicine-sleep", {{"medicines", opt("yes")}, {"medicine_sleep", true}}, "medicine_sleep"},
      {"no-qualifying-condition", {{"qualifying_condition", false}}, "qualifying_condition"},
      {"no-prior-treatments", {{"tried_other_treatments", false}}, "tried_other_treatments"},
  };
  return cases;
}

// One answer set that raises as many flags as the pack allows at once (one answer per question),
// the crisis answer among them.
Answers worst_answers() {
  Answers a = all_clear_answers();
  a["thoughts_of_self_harm"] = true;
  for (const auto* list : {&contraindications(), &cautions()})
    for (const auto& c : *list)
      for (const auto& [id, v] : c.answers)
        if (!a.count(id) || a[id] == all_clear_answers()[id]) a[id] = v;
  return completed(real_bundle().screening, a);
}

// What a flag must carry for the result to explain itself.
void check_flag_explains_itself(const Flag& f, const ContentBundle& b) {
  CAPTURE(f.rule);
  REQUIRE(f.source != nullptr);
  CHECK(f.source->id == f.rule);
  // The flag points into the screening it came from.
  CHECK(f.source >= b.screening.rules.data());
  CHECK(f.source < b.screening.rules.data() + b.screening.rules.size());
  CHECK(f.severity == f.source->severity);
  CHECK(b.screening.find_question(f.question) != nullptr);
  CHECK(f.source->reason.has("en"));
  CHECK(f.source->reason.has("es"));
  CHECK_FALSE(f.source->reason.get("en").empty());
  CHECK_FALSE(f.source->reason.get("es").empty());
  CHECK(f.source->reason.get("en") != f.source->reason.get("es"));
  REQUIRE_FALSE(f.source->article.empty());
  const Article* article = b.find_article(f.source->article, "en");
  REQUIRE(article != nullptr);
  CHECK(article->id == f.source->article);
  CHECK(article->locale == "en");
}

std::string flag_signature(const Evaluation& e) {
  std::string s = std::string(to_string(e.outcome)) + ":";
  for (const auto& f : e.flags) s += f.rule + "/" + f.question + "/" + std::string(to_string(f.severity)) + ",";
  s += "|";
  for (const auto& u : e.unanswered) s += u + ",";
  return s;
}

}  // namespace

TEST_CASE("engine: the pack requires exactly the questions shared/DESIGN.md lists, all required") {
  const auto& ids = required_question_ids();
  CHECK(std::set<std::string>(ids.begin(), ids.end()) ==
        std::set<std::string>(design_required_ids().begin(), design_required_ids().end()));
  const Screening& s = real_bundle().screening;
  for (const auto& id : design_required_ids()) {
    CAPTURE(id);
    const Question* q = s.find_question(id);
    REQUIRE(q != nullptr);
    CHECK(q->required);
    // yes/no, or a single choice whose "no" option is the plain no (issue 15: "not sure" and
    // the split answers of reaction history, psychosis/mania and substance use).
    if (q->kind == QuestionKind::SingleChoice) {
      CHECK(std::any_of(q->options.begin(), q->options.end(), [](const ChoiceOption& o) { return o.id == "no"; }));
    } else {
      CHECK(q->kind == QuestionKind::YesNo);
    }
    CHECK_FALSE(q->show_if.has_value());
  }
}

TEST_CASE("engine: all clear -> likely_candidate with no flags") {
  Evaluation e = evaluate(real_bundle().screening, all_clear_answers());
  CHECK(e.outcome == Outcome::LikelyCandidate);
  CHECK(e.flags.empty());
  CHECK(e.unanswered.empty());
}

TEST_CASE("engine: a visitor with nothing to report answers 15 questions, at most 3 more than before issue 15") {
  const Screening& s = real_bundle().screening;
  const auto asked = visible_questions(s, all_clear_answers());
  CHECK(asked.size() == 15);
  CHECK(asked.size() <= design_required_ids().size() + 3);
  for (const Question* q : asked) CHECK_FALSE(q->show_if.has_value());
}

TEST_CASE("engine: thoughts of self-harm -> urgent_help, whatever else is answered") {
  const ContentBundle& b = real_bundle();
  const Screening& s = b.screening;

  SUBCASE("with everything else clear") {
    Evaluation e = evaluate(s, with(all_clear_answers(), "thoughts_of_self_harm", true));
    CHECK(e.outcome == Outcome::UrgentHelp);
    REQUIRE(e.flags.size() == 1);
    CHECK(e.flags[0].question == "thoughts_of_self_harm");
    CHECK(e.flags[0].severity == FlagSeverity::Urgent);
    check_flag_explains_itself(e.flags[0], b);
  }
  SUBCASE("with every contraindication and caution too") {
    Evaluation e = evaluate(s, worst_answers());
    CHECK(e.outcome == Outcome::UrgentHelp);
    REQUIRE_FALSE(e.flags.empty());
    CHECK(e.flags[0].question == "thoughts_of_self_harm");
    CHECK(e.flags[0].severity == FlagSeverity::Urgent);
  }
  SUBCASE("with every other question unanswered") {
    Answers only{{"thoughts_of_self_harm", true}};
    Evaluation e = evaluate(s, only);
    CHECK(e.outcome == Outcome::UrgentHelp);
    REQUIRE(e.flags.size() == 1);
    CHECK(e.flags[0].question == "thoughts_of_self_harm");
    CHECK(e.unanswered.size() == all_clear_answers().size() - 1);
  }
  SUBCASE("with a contraindication and other questions unanswered") {
    Answers a{{"thoughts_of_self_harm", true}, {"pregnant_or_breastfeeding", true}, {"heart_condition", std::string("yes")}};
    Evaluation e = evaluate(s, a);
    CHECK(e.outcome == Outcome::UrgentHelp);
    REQUIRE(e.flags.size() == 3);
    CHECK(e.flags[0].severity == FlagSeverity::Urgent);
  }
  SUBCASE("a no is not urgent") {
    Answers only{{"thoughts_of_self_harm", false}};
    CHECK(evaluate(s, only).outcome == Outcome::Incomplete);
  }
}

namespace {

std::set<std::string> rules_of(const Evaluation& e) {
  std::set<std::string> ids;
  for (const auto& f : e.flags) ids.insert(f.rule);
  return ids;
}

// The case's answers raise its rule (plus `also`) and nothing else, with the outcome of its
// severity, and the flag explains itself.
void check_case(const RuleCase& c, Outcome outcome, FlagSeverity severity) {
  const ContentBundle& b = real_bundle();
  const std::string rule = c.rule;
  CAPTURE(rule);
  Evaluation e = evaluate(b.screening, given(c.answers));
  CHECK(e.outcome == outcome);
  CHECK(e.unanswered.empty());
  std::set<std::string> expected = c.also;
  expected.insert(c.rule);
  CHECK(rules_of(e) == expected);
  auto it = std::find_if(e.flags.begin(), e.flags.end(), [&](const Flag& f) { return f.rule == c.rule; });
  REQUIRE(it != e.flags.end());
  CHECK(it->question == c.question);
  CHECK(it->severity == severity);
  check_flag_explains_itself(*it, b);
}

}  // namespace

TEST_CASE("engine: each absolute contraindication alone -> not_suitable_now") {
  for (const auto& c : contraindications()) check_case(c, Outcome::NotSuitableNow, FlagSeverity::Contraindication);
}

TEST_CASE("engine: each relative contraindication alone -> discuss_with_provider") {
  for (const auto& c : cautions()) check_case(c, Outcome::DiscussWithProvider, FlagSeverity::Caution);
}

TEST_CASE("engine: the single-answer cases cover every rule of the pack") {
  const ContentBundle& b = real_bundle();
  std::set<std::string> raised;
  auto collect = [&](const Answers& a) {
    for (const auto& f : evaluate(b.screening, a).flags) raised.insert(f.rule);
  };
  collect(with(all_clear_answers(), "thoughts_of_self_harm", true));
  for (const auto& c : contraindications()) collect(given(c.answers));
  for (const auto& c : cautions()) collect(given(c.answers));
  std::set<std::string> all;
  for (const auto& r : b.screening.rules) all.insert(r.id);
  CHECK(raised == all);
}

TEST_CASE("engine: not sure is never a pass - every not_sure option raises a caution") {
  const Screening& s = real_bundle().screening;
  std::set<std::string> with_not_sure;
  for (const auto& q : s.questions) {
    if (q.kind != QuestionKind::SingleChoice) continue;
    if (std::none_of(q.options.begin(), q.options.end(), [](const ChoiceOption& o) { return o.id == "not_sure"; })) continue;
    CAPTURE(q.id);
    with_not_sure.insert(q.id);
    Given path;
    if (q.show_if) path.push_back({q.show_if->terms.front().question, std::string("yes")});
    path.push_back({q.id, std::string("not_sure")});
    Evaluation e = evaluate(s, given(path));
    CHECK(e.outcome == Outcome::DiscussWithProvider);
    CHECK(std::any_of(e.flags.begin(), e.flags.end(), [&](const Flag& f) {
      return f.question == q.id && f.severity == FlagSeverity::Caution;
    }));
  }
  // The questions people often cannot answer for sure (issue 15, item 2), and the two gateways.
  CHECK(with_not_sure == std::set<std::string>{"heart_condition", "uncontrolled_blood_pressure", "aneurysm_or_brain_bleed",
                                               "ketamine_reaction_history", "eye_pressure", "other_conditions", "medicines"});
}

TEST_CASE("engine: high cholesterol alone raises no flag, and the answer is kept for the clinic") {
  const ContentBundle& b = real_bundle();
  const Answers a = with(all_clear_answers(), "high_cholesterol", true);
  Evaluation e = evaluate(b.screening, a);
  CHECK(e.outcome == Outcome::LikelyCandidate);
  CHECK(e.flags.empty());
  REQUIRE(b.screening.find_question("high_cholesterol") != nullptr);
  CHECK(shown_in(b.screening, a, "high_cholesterol"));
}

TEST_CASE("engine: a gateway answered yes with every follow-up no raises nothing, and its follow-ups stay hidden on no") {
  const Screening& s = real_bundle().screening;
  const std::map<std::string, std::vector<std::string>> gateways = {
      {"heart_condition", {"heart_recent_or_unstable", "stroke_earlier"}},
      {"other_conditions", {"brain_pressure_or_injury", "eye_pressure", "lung_or_sleep_apnea", "thyroid_uncontrolled", "bladder_problems"}},
      {"medicines", {"medicine_maoi", "medicine_stimulant", "medicine_benzodiazepine", "medicine_opioid", "medicine_sleep"}},
  };
  for (const auto& [gateway, follow_ups] : gateways) {
    CAPTURE(gateway);
    for (const auto& f : follow_ups) {
      CAPTURE(f);
      CHECK_FALSE(shown_in(s, all_clear_answers(), f));
      CHECK(shown_in(s, with(all_clear_answers(), gateway, std::string("yes")), f));
    }
    // Without its follow-ups answered, a yes is not complete.
    CHECK(evaluate(s, with(all_clear_answers(), gateway, std::string("yes"))).outcome == Outcome::Incomplete);
    Evaluation e = evaluate(s, given({{gateway, std::string("yes")}}));
    if (gateway == "heart_condition") {
      CHECK(rules_of(e) == std::set<std::string>{"heart-condition"});  // the heart answer is a caution itself
    } else {
      CHECK(e.outcome == Outcome::LikelyCandidate);
      CHECK(e.flags.empty());
    }
  }
  // The heart follow-ups are asked after "not sure" too: a recent heart attack is not missed.
  CHECK(shown_in(s, with(all_clear_answers(), "heart_condition", std::string("not_sure")), "heart_recent_or_unstable"));
}

TEST_CASE("engine: any required question unanswered -> incomplete (each of the 13 in turn)") {
  const Screening& s = real_bundle().screening;
  for (const auto& id : design_required_ids()) {
    CAPTURE(id);
    Evaluation e = evaluate(s, without(all_clear_answers(), id));
    CHECK(e.outcome == Outcome::Incomplete);
    CHECK(e.unanswered == std::vector<std::string>{id});
    CHECK(e.flags.empty());
  }
  SUBCASE("nothing answered") {
    Evaluation e = evaluate(s, {});
    CHECK(e.outcome == Outcome::Incomplete);
    CHECK(e.unanswered.size() == all_clear_answers().size());
  }
  SUBCASE("incomplete wins over a contraindication, but the flag is still reported") {
    Answers a = with(without(all_clear_answers(), "age_18_plus"), "pregnant_or_breastfeeding", true);
    Evaluation e = evaluate(s, a);
    CHECK(e.outcome == Outcome::Incomplete);
    REQUIRE(e.flags.size() == 1);
    CHECK(e.flags[0].question == "pregnant_or_breastfeeding");
  }
  SUBCASE("an answer of the wrong kind does not count as an answer") {
    Evaluation e = evaluate(s, with(all_clear_answers(), "heart_condition", true));
    CHECK(e.outcome == Outcome::Incomplete);
    CHECK(e.unanswered == std::vector<std::string>{"heart_condition"});
  }
}

TEST_CASE("engine: a contraindication beats a caution - flags are sorted most severe first") {
  const ContentBundle& b = real_bundle();
  SUBCASE("one of each, caution first in the rule list") {
    Answers a = given({{"liver_or_kidney_disease", true}, {"psychosis_history", std::string("psychosis")}});
    Evaluation e = evaluate(b.screening, a);
    CHECK(e.outcome == Outcome::NotSuitableNow);
    REQUIRE(e.flags.size() == 2);
    CHECK(e.flags[0].severity == FlagSeverity::Contraindication);
    CHECK(e.flags[0].question == "psychosis_history");
    CHECK(e.flags[1].severity == FlagSeverity::Caution);
    CHECK(e.flags[1].question == "liver_or_kidney_disease");
  }
  SUBCASE("as many flags at once as one answer each allows") {
    Evaluation e = evaluate(b.screening, worst_answers());
    CHECK(e.flags.size() >= 20);
    for (size_t i = 1; i < e.flags.size(); ++i) {
      CAPTURE(i);
      CHECK(static_cast<int>(e.flags[i - 1].severity) <= static_cast<int>(e.flags[i].severity));
      if (e.flags[i - 1].severity == e.flags[i].severity) {
        // Same severity: rule order of the content.
        CHECK(e.flags[i - 1].source < e.flags[i].source);
      }
    }
    for (const auto& f : e.flags) check_flag_explains_itself(f, b);
    std::set<std::string> flagged;
    for (const auto& f : e.flags) flagged.insert(f.question);
    CHECK(flagged.size() == e.flags.size());  // one per answer
  }
  SUBCASE("cautions only, several") {
    Answers a = given({{"liver_or_kidney_disease", true}, {"psychosis_history", std::string("mania")},
                       {"medicines", std::string("yes")}, {"medicine_benzodiazepine", true}, {"medicine_opioid", true}});
    Evaluation e = evaluate(b.screening, a);
    CHECK(e.outcome == Outcome::DiscussWithProvider);
    CHECK(e.flags.size() == 4);
  }
}

TEST_CASE("engine: to_json gives outcome and flags with reasons in the requested locale") {
  const ContentBundle& b = real_bundle();
  Evaluation e = evaluate(b.screening, with(all_clear_answers(), "substance_use", std::string("past")));
  REQUIRE(e.flags.size() == 1);
  const Rule& rule = *e.flags[0].source;
  for (const char* locale : {"en", "es"}) {
    CAPTURE(locale);
    json::Value v = to_json(e, locale);
    REQUIRE(v.find("outcome") != nullptr);
    CHECK(v.find("outcome")->as_string() == "discuss_with_provider");
    const json::Value* flags = v.find("flags");
    REQUIRE(flags != nullptr);
    REQUIRE(flags->as_array().size() == 1);
    const json::Value& f = flags->as_array()[0];
    CHECK(f.find("question")->as_string() == "substance_use");
    CHECK(f.find("severity")->as_string() == "caution");
    CHECK(f.find("reason")->as_string() == rule.reason.get(locale));
  }
  CHECK(to_json(e, "en").find("flags")->as_array()[0].find("reason")->as_string() !=
        to_json(e, "es").find("flags")->as_array()[0].find("reason")->as_string());
}

TEST_CASE("engine: the same answers always give the same evaluation") {
  const ContentBundle& b = real_bundle();
  std::vector<Answers> sets = {all_clear_answers(), worst_answers(), {}, without(all_clear_answers(), "substance_use"),
                               with(all_clear_answers(), "heart_condition", std::string("not_sure"))};
  for (const auto& a : sets) {
    Evaluation first = evaluate(b.screening, a);
    for (int i = 0; i < 5; ++i) {
      Evaluation again = evaluate(b.screening, a);
      CHECK(flag_signature(again) == flag_signature(first));
      CHECK(json::serialize(to_json(again, "en")) == json::serialize(to_json(first, "en")));
    }
    // A separately loaded copy of the content agrees too.
    ContentBundle copy = load_or_fail(real_source());
    CHECK(flag_signature(evaluate(copy.screening, a)) == flag_signature(first));
  }
}

// ---- show_if -----------------------------------------------------------------------------------

namespace {

std::vector<std::string> visible_ids(const Screening& s, const Answers& a) {
  std::vector<std::string> ids;
  for (const Question* q : visible_questions(s, a)) ids.push_back(q->id);
  return ids;
}

bool shown(const Screening& s, const Answers& a, const std::string& id) {
  auto ids = visible_ids(s, a);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// All clear in the conditional pack, with no pain and treatment at the clinic.
Answers conditional_clear() {
  Answers a = builder_clear_answers();
  a["has_pain"] = false;
  a["setting"] = std::string("clinic");
  a["setting_followup"] = false;
  a["not_home_q"] = false;
  return a;
}

}  // namespace

TEST_CASE("show_if: hidden questions are not required") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;
  Evaluation e = evaluate(s, conditional_clear());
  CHECK(e.outcome == Outcome::LikelyCandidate);
  CHECK(e.unanswered.empty());
  for (const char* hidden : {"pain_level", "pain_severe_followup", "pain_mild_note", "home_support", "any_q", "all_q"})
    CHECK_FALSE(shown(s, conditional_clear(), hidden));

  // Showing a question makes it required.
  Evaluation pain = evaluate(s, with(conditional_clear(), "has_pain", true));
  CHECK(pain.outcome == Outcome::Incomplete);
  CHECK(pain.unanswered == std::vector<std::string>{"pain_level", "any_q"});

  // A question marked required: false is never required.
  CHECK(shown(s, conditional_clear(), "optional_q"));
  CHECK(std::find(e.unanswered.begin(), e.unanswered.end(), "optional_q") == e.unanswered.end());
}

TEST_CASE("show_if: number conditions less_than and at_least, at their bounds") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;
  Answers a = with(conditional_clear(), "has_pain", true);
  struct Case {
    double level;
    bool severe, mild;
  };
  for (const Case& c : {Case{0, false, true}, Case{2, false, true}, Case{2.5, false, true}, Case{3, false, false},
                        Case{6.9, false, false}, Case{7, true, false}, Case{10, true, false}}) {
    CAPTURE(c.level);
    Answers x = with(a, "pain_level", c.level);
    CHECK(shown(s, x, "pain_severe_followup") == c.severe);
    CHECK(shown(s, x, "pain_mild_note") == c.mild);
  }
  // Unanswered numbers satisfy neither.
  CHECK(shown(s, a, "pain_level"));
  CHECK_FALSE(shown(s, a, "pain_severe_followup"));
  CHECK_FALSE(shown(s, a, "pain_mild_note"));
}

TEST_CASE("show_if: single_choice equals / not_equals and answered") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;
  Answers base = without(conditional_clear(), "setting");
  CHECK_FALSE(shown(s, base, "setting_followup"));  // answered: not yet
  CHECK_FALSE(shown(s, base, "home_support"));
  CHECK_FALSE(shown(s, base, "not_home_q"));  // an unanswered question satisfies no condition

  Answers home = with(base, "setting", std::string("home"));
  CHECK(shown(s, home, "setting_followup"));
  CHECK(shown(s, home, "home_support"));
  CHECK_FALSE(shown(s, home, "not_home_q"));

  for (const char* other : {"clinic", "unsure"}) {
    CAPTURE(other);
    Answers x = with(base, "setting", std::string(other));
    CHECK(shown(s, x, "setting_followup"));
    CHECK_FALSE(shown(s, x, "home_support"));
    CHECK(shown(s, x, "not_home_q"));
  }
}

TEST_CASE("show_if: any / all combinations") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;
  Answers base = without(without(conditional_clear(), "setting"), "has_pain");
  struct Case {
    const char* pain;  // "", "yes", "no"
    const char* setting;
    bool any, all;
  };
  for (const Case& c : {Case{"", "", false, false}, Case{"no", "clinic", false, false},
                        Case{"yes", "clinic", true, false}, Case{"no", "unsure", true, false},
                        Case{"yes", "unsure", true, false}, Case{"no", "home", false, false},
                        Case{"yes", "home", true, true}, Case{"", "home", false, false},
                        Case{"yes", "", true, false}}) {
    CAPTURE(c.pain);
    CAPTURE(c.setting);
    Answers x = base;
    if (std::string(c.pain) == "yes") x["has_pain"] = true;
    if (std::string(c.pain) == "no") x["has_pain"] = false;
    if (*c.setting) x["setting"] = std::string(c.setting);
    CHECK(shown(s, x, "any_q") == c.any);
    CHECK(shown(s, x, "all_q") == c.all);
    // is_visible agrees with visible_questions when nothing upstream is hidden.
    CHECK(is_visible(*s.find_question("any_q"), x) == c.any);
    CHECK(is_visible(*s.find_question("all_q"), x) == c.all);
  }
}

TEST_CASE("show_if: answers of hidden questions are ignored by evaluate and visible_questions") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;

  SUBCASE("a hidden answer raises no flag") {
    Answers stale = with(conditional_clear(), "home_support", false);  // setting is clinic
    Evaluation e = evaluate(s, stale);
    CHECK(e.outcome == Outcome::LikelyCandidate);
    CHECK(e.flags.empty());
    // Visible, the same answer is a contraindication.
    Answers home = with(stale, "setting", std::string("home"));
    Evaluation e2 = evaluate(s, home);
    CHECK(e2.outcome == Outcome::NotSuitableNow);
    REQUIRE(e2.flags.size() == 1);
    CHECK(e2.flags[0].rule == "no-home-support");
    CHECK(e2.flags[0].question == "home_support");
  }
  SUBCASE("a hidden answer does not show the questions that depend on it") {
    // pain_level is hidden (no pain), so its stale 8 must not show the severe follow-up.
    Answers stale = with(with(conditional_clear(), "pain_level", 8.0), "pain_severe_followup", true);
    CHECK_FALSE(shown(s, stale, "pain_level"));
    CHECK_FALSE(shown(s, stale, "pain_severe_followup"));
    Evaluation e = evaluate(s, stale);
    CHECK(e.outcome == Outcome::LikelyCandidate);
    CHECK(e.flags.empty());
    CHECK(e.unanswered.empty());

    // With pain, the same answers count.
    Answers real = with(with(stale, "has_pain", true), "any_q", false);
    CHECK(shown(s, real, "pain_severe_followup"));
    Evaluation e2 = evaluate(s, real);
    CHECK(e2.outcome == Outcome::DiscussWithProvider);
    REQUIRE(e2.flags.size() == 1);
    CHECK(e2.flags[0].rule == "severe-pain");
  }
  SUBCASE("visible_questions keeps the content order") {
    Answers a = with(with(conditional_clear(), "has_pain", true), "pain_level", 9.0);
    auto ids = visible_ids(s, a);
    std::vector<std::string> expected = design_required_ids();
    for (const char* id : {"has_pain", "pain_level", "pain_severe_followup", "setting", "any_q", "setting_followup",
                           "not_home_q", "optional_q"})
      expected.push_back(id);
    CHECK(ids == expected);
  }
}

TEST_CASE("show_if: condition_holds on hand-built conditions") {
  Condition empty;
  CHECK_FALSE(condition_holds(empty, {}));
  Condition c;
  c.combine = Condition::Combine::Any;
  c.terms.push_back({"a", SimpleCondition::Op::Equals, true});
  c.terms.push_back({"b", SimpleCondition::Op::AtLeast, 5.0});
  CHECK_FALSE(condition_holds(c, {}));
  CHECK(condition_holds(c, {{"a", true}}));
  CHECK_FALSE(condition_holds(c, {{"a", false}, {"b", 4.99}}));
  CHECK(condition_holds(c, {{"b", 5.0}}));
  c.combine = Condition::Combine::All;
  CHECK_FALSE(condition_holds(c, {{"a", true}, {"b", 4.0}}));
  CHECK(condition_holds(c, {{"a", true}, {"b", 6.0}}));
  // A number operator on a non-number answer does not hold.
  Condition n;
  n.terms.push_back({"a", SimpleCondition::Op::LessThan, 3.0});
  CHECK_FALSE(condition_holds(n, {{"a", true}}));
  CHECK(condition_holds(n, {{"a", 2.0}}));
}

// ---- answers_from_json -------------------------------------------------------------------------

namespace {

Result<Answers> read_answers(const Screening& s, const std::string& text) {
  auto parsed = json::parse(text, {"answers.json"});
  REQUIRE_MESSAGE(parsed.ok(), errors_text(parsed));
  return answers_from_json(s, parsed.value(), "answers.json");
}

}  // namespace

TEST_CASE("answers_from_json: reads every kind of answer") {
  ContentBundle b = conditional_pack().bundle();
  auto r = read_answers(b.screening, R"({"age_18_plus": true, "has_pain": false, "pain_level": 7.5, "setting": "home"})");
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  const Answers& a = r.value();
  CHECK(a.size() == 4);
  CHECK(a.at("age_18_plus") == AnswerValue(true));
  CHECK(a.at("has_pain") == AnswerValue(false));
  CHECK(a.at("pain_level") == AnswerValue(7.5));
  CHECK(a.at("setting") == AnswerValue(std::string("home")));
}

TEST_CASE("answers_from_json: exact errors with the JSON path") {
  ContentBundle b = conditional_pack().bundle();
  const Screening& s = b.screening;

  SUBCASE("unknown question id") {
    auto r = read_answers(s, "{\n  \"age_18_plus\": true,\n  \"age\": 30\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "answers.json:3 $.age: unknown question id 'age'\n");
  }
  SUBCASE("wrong type for a yes/no question") {
    auto r = read_answers(s, "{\n  \"age_18_plus\": \"yes\"\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "answers.json:2 $.age_18_plus: 'age_18_plus' is a yes_no question: expected true or false\n");
  }
  SUBCASE("a value that is no answer at all") {
    auto r = read_answers(s, "{\"heart_condition\": null}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) ==
          "answers.json:1 $.heart_condition: expected true, false, an option id or a number, found null\n");
  }
  SUBCASE("unknown option") {
    auto r = read_answers(s, "{\n  \"setting\": \"car\"\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "answers.json:2 $.setting: 'setting' is a single_choice question: unknown option 'car'\n");
  }
  SUBCASE("option given as a boolean") {
    auto r = read_answers(s, "{\"setting\": true}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) ==
          "answers.json:1 $.setting: 'setting' is a single_choice question: expected one of the option ids as a string\n");
  }
  SUBCASE("number out of range, both ends") {
    auto r = read_answers(s, "{\n  \"pain_level\": 11,\n  \"has_pain\": true\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "answers.json:2 $.pain_level: 'pain_level' is a number question: expected a number from 0 to 10\n");
    auto low = read_answers(s, "{\"pain_level\": -0.5}");
    REQUIRE_FALSE(low.ok());
    CHECK(errors_text(low) == "answers.json:1 $.pain_level: 'pain_level' is a number question: expected a number from 0 to 10\n");
    // The bounds themselves are in range.
    CHECK(read_answers(s, "{\"pain_level\": 0}").ok());
    CHECK(read_answers(s, "{\"pain_level\": 10}").ok());
  }
  SUBCASE("every problem is reported at once") {
    auto r = read_answers(s, "{\n  \"nope\": true,\n  \"age_18_plus\": 1,\n  \"setting\": \"car\"\n}");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors().size() == 3);
    CHECK(has_error(r, "answers.json:2 $.nope: unknown question id 'nope'"));
    CHECK(has_error(r, "answers.json:3 $.age_18_plus: 'age_18_plus' is a yes_no question: expected true or false"));
    CHECK(has_error(r, "answers.json:4 $.setting: 'setting' is a single_choice question: unknown option 'car'"));
  }
  SUBCASE("not an object") {
    auto r = read_answers(s, "[true]");
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "answers.json:1 $: expected an object, found array\n");
  }
}

// ---- issue 15: the wording the rules rely on ------------------------------------------------------

TEST_CASE("content: the self-harm question has a time frame, and crisis help offers 988 chat and the Veterans line") {
  const ContentBundle& b = real_bundle();
  const Screening& s = b.screening;
  const Question* self_harm = s.find_question("thoughts_of_self_harm");
  REQUIRE(self_harm != nullptr);
  CHECK(self_harm->text.get("en").find("In the past month") == 0);
  CHECK(self_harm->text.get("es").find("En el último mes") == 0);

  std::map<std::string, const CrisisResource*> resources;
  for (const auto& r : s.crisis_resources) resources[r.id] = &r;
  for (const char* id : {"call-988", "text-988", "chat-988", "veterans-988", "call-911"}) CHECK(resources.count(id) == 1);
  REQUIRE(resources.count("chat-988"));
  CHECK(resources["chat-988"]->href == "https://988lifeline.org/chat/");
  REQUIRE(resources.count("veterans-988"));
  CHECK(resources["veterans-988"]->href == "tel:988");
  CHECK(resources["veterans-988"]->label.get("en").find("press 1") != std::string::npos);
  CHECK(resources["veterans-988"]->label.get("es").find("oprima 1") != std::string::npos);

  // The urgent result does not shut the visitor out of care for good.
  const auto& urgent = s.outcome_text(Outcome::UrgentHelp).body;
  CHECK(urgent.get("en").find("your own doctor can still talk with you about treatments") != std::string::npos);
  CHECK(urgent.get("es").find("su propio médico puede hablar con usted sobre los tratamientos") != std::string::npos);
  CHECK(urgent.get("es").find("No está solo ni sola") == 0);
}

TEST_CASE("content: treatment-resistant depression as the label defines it, and blood pressure with its number") {
  const Screening& s = real_bundle().screening;
  const Question* tried = s.find_question("tried_other_treatments");
  REQUIRE(tried != nullptr);
  CHECK(tried->text.get("en").find("at least two antidepressant medicines, each taken at a proper dose for long enough") !=
        std::string::npos);
  CHECK(tried->help.get("en").find("Talk therapy is valuable, but on its own it does not count") != std::string::npos);
  const Question* bp = s.find_question("uncontrolled_blood_pressure");
  REQUIRE(bp != nullptr);
  CHECK(bp->help.get("en").find("140/90") != std::string::npos);
  CHECK(bp->help.get("es").find("140/90") != std::string::npos);
}
