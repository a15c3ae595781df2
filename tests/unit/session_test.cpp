// The visitor's session: answers, checklist navigation with show_if, and the reset.

#include <doctest/doctest.h>

#include <algorithm>

#include "ketascreen/example_answers.hpp"
#include "ketascreen/session.hpp"
#include "test_support.hpp"

using ketascreen::Outcome;
using ketascreen::Session;
using namespace test_support;

TEST_CASE("session: the checklist starts at the first question and Next waits for an answer") {
  const ContentBundle bundle = PackBuilder().bundle();
  Session s(bundle);
  REQUIRE(s.current_question() != nullptr);
  CHECK(s.current_question()->id == "age_18_plus");
  CHECK(s.step() == 0);
  CHECK_FALSE(s.can_go_next());
  CHECK_FALSE(s.next());
  CHECK_FALSE(s.back());
  CHECK(s.answer("age_18_plus", true).empty());
  CHECK(s.next());
  CHECK(s.current_question()->id == "qualifying_condition");
}

TEST_CASE("session: going back shows the earlier answer, and going forward keeps later ones") {
  const ContentBundle bundle = PackBuilder().bundle();
  Session s(bundle);
  s.answer("age_18_plus", true);
  s.next();
  s.answer("qualifying_condition", false);
  s.next();
  CHECK(s.back());
  CHECK(s.back());
  REQUIRE(s.answer_to("age_18_plus"));
  CHECK(*s.answer_to("age_18_plus") == ketascreen::AnswerValue(true));
  CHECK(s.next());
  REQUIRE(s.answer_to("qualifying_condition"));
  CHECK(*s.answer_to("qualifying_condition") == ketascreen::AnswerValue(false));
  CHECK(s.can_go_next());
}

TEST_CASE("session: a wrong answer is refused with its reason and leaves the answers alone") {
  const ContentBundle bundle = conditional_pack().bundle();
  Session s(bundle);
  CHECK(s.answer("no_such_question", true) == "unknown question \"no_such_question\"");
  CHECK_FALSE(s.answer("age_18_plus", std::string("maybe")).empty());
  CHECK_FALSE(s.answer("pain_level", 11.0).empty());
  CHECK(s.answers().empty());
}

TEST_CASE("session: show_if follows answers - hidden answers are kept but never count") {
  const ContentBundle bundle = conditional_pack().bundle();
  Session s(bundle);
  const size_t without_pain = s.step_count();
  s.answer("has_pain", true);
  CHECK(s.step_count() == without_pain + 2);  // pain_level and any_q appear
  s.answer("pain_level", 8.0);
  s.answer("pain_severe_followup", true);
  CHECK(s.evaluation().flags.size() == 1);
  s.answer("has_pain", false);  // the follow-ups disappear...
  CHECK(s.step_count() == without_pain);
  CHECK(s.effective_answers().count("pain_level") == 0);
  CHECK(s.evaluation().flags.empty());  // ...and no longer raise their flag
  s.answer("has_pain", true);           // changing one's mind back restores them
  CHECK(s.effective_answers().count("pain_severe_followup") == 1);
  CHECK(s.evaluation().flags.size() == 1);
}

TEST_CASE("session: finishing, the outcome, and back from the end") {
  const ContentBundle bundle = real_bundle();
  Session s(bundle);
  const Answers clear = all_clear_answers();
  while (!s.finished()) {
    const auto* q = s.current_question();
    REQUIRE(q != nullptr);
    auto it = clear.find(q->id);
    REQUIRE_MESSAGE(it != clear.end(), "no all-clear answer for " << q->id);
    REQUIRE(s.answer(q->id, it->second).empty());
    REQUIRE(s.next());
  }
  CHECK(s.step() == s.step_count());
  CHECK(s.current_question() == nullptr);
  CHECK(s.evaluation().outcome == Outcome::LikelyCandidate);
  CHECK_FALSE(s.urgent());
  CHECK(s.back());
  CHECK(s.current_question()->id == s.steps().back()->id);
}

TEST_CASE("session: an urgent answer is known at once, before the checklist ends") {
  const ContentBundle bundle = real_bundle();
  Session s(bundle);
  s.answer("thoughts_of_self_harm", true);
  CHECK(s.urgent());
  CHECK(s.evaluation().outcome == Outcome::UrgentHelp);
  s.answer("thoughts_of_self_harm", false);
  CHECK_FALSE(s.urgent());
}

TEST_CASE("session: reset forgets answers, step, referral draft and request id") {
  const ContentBundle bundle = real_bundle();
  Session s(bundle);
  s.answer("age_18_plus", true);
  s.next();
  s.referral().name = "Ana";
  s.set_referral_context({"id", "2026-11-23T10:00:00Z", "en"});
  s.reset();
  CHECK(s.answers().empty());
  CHECK(s.step() == 0);
  CHECK(s.referral().name.empty());
  CHECK_FALSE(s.referral_context().has_value());
}

TEST_CASE("example answers: every outcome of the demo screening can be reached, and is") {
  const auto& screening = real_bundle().screening;
  for (Outcome o : ketascreen::kAllOutcomes) {
    CAPTURE(ketascreen::to_string(o));
    const auto answers = ketascreen::example_answers(screening, o);
    REQUIRE(answers.has_value());
    CHECK(ketascreen::evaluate(screening, *answers).outcome == o);
    for (const auto& [id, value] : *answers) CHECK(ketascreen::check_answer(*screening.find_question(id), value).empty());
  }
}

TEST_CASE("example answers: an outcome no rule produces is reported as unreachable") {
  PackBuilder pack;  // no rules at all
  const ContentBundle bundle = pack.bundle();
  CHECK_FALSE(ketascreen::example_answers(bundle.screening, Outcome::NotSuitableNow).has_value());
  CHECK(ketascreen::example_answers(bundle.screening, Outcome::LikelyCandidate).has_value());
}

TEST_CASE("example personas: one per rule of the demo screening, each raising its own rule") {
  const auto& screening = real_bundle().screening;
  const auto personas = ketascreen::example_personas(screening);
  REQUIRE(personas.size() == screening.rules.size() + 2);
  CHECK(personas[0].name == "no concerns");
  CHECK(personas[0].outcome == Outcome::LikelyCandidate);
  CHECK(personas[1].name == "stops half-way");
  CHECK(personas[1].outcome == Outcome::Incomplete);
  for (size_t i = 0; i < screening.rules.size(); ++i) {
    const auto& rule = screening.rules[i];
    const auto& persona = personas[i + 2];
    CAPTURE(rule.id);
    CHECK(persona.name == std::string(ketascreen::to_string(rule.severity)) + ": " + rule.id);
    const auto evaluation = ketascreen::evaluate(screening, persona.answers);
    CHECK(evaluation.outcome == persona.outcome);
    // Its own rule is raised and decides the outcome: no more severe flag came with it.
    REQUIRE_FALSE(evaluation.flags.empty());
    CHECK(std::any_of(evaluation.flags.begin(), evaluation.flags.end(), [&](const auto& f) { return f.rule == rule.id; }));
    CHECK(evaluation.flags.front().severity == rule.severity);
    for (const auto& [id, value] : persona.answers) CHECK(ketascreen::check_answer(*screening.find_question(id), value).empty());
  }
}

TEST_CASE("example personas: a rule no answer can raise gets no persona") {
  PackBuilder pack;
  const ContentBundle bundle = pack.bundle();
  ketascreen::Screening screening = bundle.screening;
  ketascreen::Rule impossible;
  impossible.id = "never";
  impossible.severity = ketascreen::FlagSeverity::Caution;
  impossible.when.terms.push_back({"no_such_question", ketascreen::SimpleCondition::Op::Equals, true});
  screening.rules.push_back(impossible);
  const auto personas = ketascreen::example_personas(screening);
  CHECK(std::none_of(personas.begin(), personas.end(), [](const auto& p) { return p.name.find("never") != std::string::npos; }));
  CHECK_FALSE(personas.empty());
}
