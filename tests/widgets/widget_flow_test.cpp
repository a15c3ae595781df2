// Whole flows through the widget, driven headlessly: the checklist to each outcome, the crisis
// resources, the referral form to its payload, the articles, and the page events on the way.

#include <doctest/doctest.h>

#include <algorithm>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"
#include "ketascreen/page_events.hpp"
#include "ketascreen/session.hpp"

using ketascreen::AnswerValue;
using ketascreen::Answers;
using ketascreen::ContentBundle;
using ketascreen::widgets::WidgetOptions;
using widget_test::HeadlessWidget;
using widget_test::Value;
using namespace test_support;

namespace {

// The question on screen, found by its text (the screen shows text, not ids).
const ketascreen::Question& question_on_screen(const HeadlessWidget& w, const ContentBundle& bundle,
                                               const std::string& locale = "en") {
  const std::string text = w.node("checklist/question").name;
  for (const auto& q : bundle.screening.questions)
    if (q.text.get(locale) == text) return q;
  FAIL("no question with the text on screen: " << text);
  throw;
}

void choose(HeadlessWidget& w, const AnswerValue& value) {
  if (auto b = std::get_if<bool>(&value)) {
    w.click(*b ? "checklist/answer/yes" : "checklist/answer/no");
  } else {
    w.click("checklist/answer/" + std::get<std::string>(value));
  }
}

// Answers every question the checklist shows, from `answers`, pressing Next after each.
void answer_all(HeadlessWidget& w, const ContentBundle& bundle, const Answers& answers) {
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    const auto& q = question_on_screen(w, bundle);
    auto it = answers.find(q.id);
    REQUIRE_MESSAGE(it != answers.end(), "the test has no answer for " << q.id);
    choose(w, it->second);
    w.click("checklist/next");
  }
}

std::vector<std::string> event_types(const HeadlessWidget& w) {
  std::vector<std::string> types;
  for (const auto& e : w.events) types.push_back(e.first);
  return types;
}

const Value* last_event(const HeadlessWidget& w, const std::string& type) {
  for (auto it = w.events.rbegin(); it != w.events.rend(); ++it)
    if (it->first == type) return &it->second;
  return nullptr;
}


}  // namespace

TEST_CASE("widget: the first screen shows the clinic, progress and the first question with Yes / No") {
  HeadlessWidget w(real_bundle());
  CHECK(w.node("header/clinic").name == "Harbor Light Ketamine Clinic");
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  CHECK(w.node("checklist/question").name == real_bundle().screening.questions.front().text.get("en"));
  CHECK(w.role_of("checklist/answer/yes") == "radio");
  CHECK_FALSE(w.node("checklist/answer/yes").checked);
  CHECK(w.node("checklist/next").disabled);  // nothing answered yet
  CHECK_FALSE(w.has("checklist/back"));      // nowhere to go back to
  CHECK_FALSE(w.has("crisis"));
  CHECK(event_types(w) == std::vector<std::string>{"step"});
  CHECK(ketascreen::json::serialize(w.events[0].second) == R"({"step":1})");
}

TEST_CASE("widget: answers are kept when going back, and Next moves on once answered") {
  HeadlessWidget w(real_bundle());
  w.click("checklist/next");  // disabled: nothing happens
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  w.click("checklist/answer/yes");
  CHECK(w.node("checklist/answer/yes").checked);
  CHECK_FALSE(w.node("checklist/next").disabled);
  w.click("checklist/next");
  CHECK(w.node("checklist/progress").name == "Question 2 of 15");
  w.click("checklist/answer/no");
  w.click("checklist/back");
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  CHECK(w.node("checklist/answer/yes").checked);
  w.click("checklist/next");
  CHECK(w.node("checklist/answer/no").checked);
  // Each question reached for the first time told the page its number, and nothing else; going
  // back and forth tells nothing more.
  std::vector<std::string> steps;
  for (const auto& e : w.events) steps.push_back(ketascreen::json::serialize(e.second));
  CHECK(steps == std::vector<std::string>{R"({"step":1})", R"({"step":2})"});
}

TEST_CASE("widget: all clear leads to likely_candidate, the consultation request and its payload") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  CHECK(w.node("outcome/title").name == bundle.screening.outcome_text(ketascreen::Outcome::LikelyCandidate).title.get("en"));
  CHECK(w.node("outcome/disclaimer").name == bundle.screening.disclaimer.get("en"));  // a provider decides
  CHECK(ketascreen::json::serialize(*last_event(w, "outcome")) == R"({"completed":true})");  // no health data

  w.click("outcome/request");
  CHECK(w.node("referral/title").name == "Request a consultation");
  CHECK(w.referrals.empty());
  w.fill_referral();
  CHECK(w.referrals.empty());  // nothing leaves before Send
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);
  CHECK(w.endpoints.front() == bundle.clinic.referral.endpoint);
  const Value& p = w.referrals.front();
  CHECK(p.find("id")->as_string() == "01020304-0506-4708-890a-0b0c0d0e0f10");
  CHECK(p.find("created_at")->as_string() == "2026-11-23T10:00:00Z");
  CHECK(p.find("clinic")->as_string() == "demo-clinic");
  CHECK(p.find("locale")->as_string() == "en");
  const Value* contact = p.find("contact");
  CHECK(contact->find("name")->as_string() == "Ana Example");
  CHECK(contact->find("phone")->as_string() == "+15552010142");
  CHECK(contact->find("zip")->as_string() == "97477");
  CHECK(contact->find("preferred_time")->as_string() == "morning");
  CHECK(p.find("consent")->find("version")->as_string() == bundle.clinic.referral.consent_version);
  CHECK(p.find("consent")->find("given_at")->as_string() == "2026-11-23T10:00:00Z");
  CHECK(p.find("screening")->find("outcome")->as_string() == "likely_candidate");
  CHECK(p.find("screening")->find("answers")->as_object().size() == 15);
  CHECK(p.find("questionnaire_response")->find("resourceType")->as_string() == "QuestionnaireResponse");

  // The host reports progress; the form shows it, then the confirmation.
  CHECK(w.node("referral/send").disabled);
  CHECK(w.node("referral/status").name == "Sending your request\u2026");
  CHECK(w.attempts.at(0).number == 1);
  w.answer_referral(201);
  CHECK(w.node("referral/status").name == "Request sent");
  CHECK_FALSE(w.has("referral/name"));
  // Each link once: the articles are in the footer, not a second time on the sent screen.
  const auto tree = w.tree();
  CHECK(std::count_if(tree.begin(), tree.end(), [](const auto& n) { return n.name == "Learn about ketamine therapy"; }) == 1);
}

TEST_CASE("widget: a contraindication gives not_suitable_now with its reason, its answer and article, and no booking") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  Answers answers = all_clear_answers();
  answers["pregnant_or_breastfeeding"] = true;
  answer_all(w, bundle, answers);
  CHECK(w.node("outcome/title").name == bundle.screening.outcome_text(ketascreen::Outcome::NotSuitableNow).title.get("en"));
  const auto evaluation = ketascreen::evaluate(bundle.screening, answers);
  REQUIRE_FALSE(evaluation.flags.empty());
  const auto& flag = evaluation.flags.front();
  const std::string reason_id = "outcome/reason/" + flag.rule;
  CHECK(w.node(reason_id).name == flag.source->reason.get("en"));
  CHECK(w.node(reason_id + "/answer").name.find("\u201cYes\u201d") != std::string::npos);
  CHECK_FALSE(w.has("outcome/request"));  // no push to book
  CHECK(w.has("outcome/call-link"));
  // The full disclaimer, once: not the footer's short one repeating it.
  CHECK(w.node("outcome/disclaimer").name == bundle.screening.disclaimer.get("en"));
  CHECK_FALSE(w.has("footer/disclaimer"));

  // The reason's article opens in the reader; Back returns to the result.
  REQUIRE(w.has(reason_id + "/article"));
  w.click(reason_id + "/article");
  const auto* article = bundle.find_article(flag.source->article, "en");
  REQUIRE(article != nullptr);
  CHECK(w.node("article/title").name == article->title);
  CHECK(w.has("footer/disclaimer"));  // every other screen has the short one
  w.click("articles/back");
  CHECK(w.has("outcome/title"));
}

TEST_CASE("widget: a caution gives discuss_with_provider with the consultation request") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle, {"en", true});  // detailed events
  Answers answers = all_clear_answers();
  answers["liver_or_kidney_disease"] = true;
  answer_all(w, bundle, answers);
  CHECK(w.node("outcome/title").name ==
        bundle.screening.outcome_text(ketascreen::Outcome::DiscussWithProvider).title.get("en"));
  CHECK(w.has("outcome/request"));
  // Even detailed events never name the outcome (DESIGN.md "Page embed").
  CHECK(ketascreen::json::serialize(*last_event(w, "outcome")) == R"({"completed":true})");
  // They say what the visitor did: opened the form.
  CHECK_FALSE(last_event(w, "screen"));
  w.click("outcome/request");
  REQUIRE(last_event(w, "screen"));
  CHECK(ketascreen::json::serialize(*last_event(w, "screen")) == R"({"screen":"referral"})");
}

TEST_CASE("widget: a Not sure answer is a caution - the follow-ups it opens are asked, and the result names the answer") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  Answers answers = all_clear_answers();
  answers["heart_condition"] = std::string("not_sure");
  answers["heart_recent_or_unstable"] = false;  // asked after "Not sure" too
  answers["stroke_earlier"] = false;
  std::vector<std::string> asked;
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    const auto& q = question_on_screen(w, bundle);
    asked.push_back(q.id);
    if (q.id == "heart_condition") {
      // Three tiles, in the content's order, each a large target.
      for (const char* id : {"checklist/answer/yes", "checklist/answer/no", "checklist/answer/not_sure"}) {
        CAPTURE(id);
        REQUIRE(w.has(id));
        CHECK(w.role_of(id) == "radio");
      }
      CHECK(w.node("checklist/answer/not_sure").name == "Not sure");
    }
    auto it = answers.find(q.id);
    REQUIRE_MESSAGE(it != answers.end(), "the test has no answer for " << q.id);
    choose(w, it->second);
    w.click("checklist/next");
  }
  CHECK(std::find(asked.begin(), asked.end(), "heart_recent_or_unstable") != asked.end());
  CHECK(asked.size() == all_clear_answers().size() + 2);
  CHECK(w.node("outcome/title").name ==
        bundle.screening.outcome_text(ketascreen::Outcome::DiscussWithProvider).title.get("en"));
  CHECK(w.has("outcome/reason/heart-condition-not-sure"));
  CHECK(w.node("outcome/reason/heart-condition-not-sure/answer").name.find("\u201cNot sure\u201d") != std::string::npos);
  CHECK(w.has("outcome/request"));
}

TEST_CASE("widget: a self-harm answer shows crisis resources at once, and the result offers nothing else") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle, {"en", true});
  Answers answers = all_clear_answers();
  answers["thoughts_of_self_harm"] = true;
  // Walk until the self-harm question, answer it, and look before pressing Next.
  float yes_y = -1;
  for (int guard = 0; guard < 20; ++guard) {
    const auto& q = question_on_screen(w, bundle);
    yes_y = w.node("checklist/answer/yes").rect.y;
    choose(w, answers.at(q.id));
    if (q.id == "thoughts_of_self_harm") break;
    CHECK_FALSE(w.has("crisis"));
    w.click("checklist/next");
  }
  REQUIRE(w.has("crisis"));
  CHECK(w.role_of("crisis") == "alert");
  // Under the answers, above Next: the "Yes" just tapped has not moved (a box above it put
  // "Call 911" under the finger).
  CHECK(w.node("checklist/answer/yes").rect.y == yes_y);
  CHECK(w.node("crisis").rect.y > w.node("checklist/answer/no").rect.y);
  CHECK(w.node("crisis").rect.y < w.node("checklist/next").rect.y);
  w.click("crisis/call-988");
  w.click("crisis/text-988");
  w.click("crisis/call-911");
  CHECK(w.opened_urls == std::vector<std::string>{"tel:988", "sms:988", "tel:911"});

  w.click("checklist/next");
  answer_all(w, bundle, answers);
  CHECK(w.node("outcome/title").name == bundle.screening.outcome_text(ketascreen::Outcome::UrgentHelp).title.get("en"));
  CHECK(w.has("crisis"));
  CHECK(w.node("crisis").rect.y < w.node("outcome/title").rect.y);  // off the checklist: first thing on the screen
  CHECK_FALSE(w.has("outcome/request"));
  CHECK_FALSE(w.has("outcome/call-link"));
  CHECK_FALSE(w.has("outcome/why"));
  // Even detailed events never name urgent_help.
  CHECK(ketascreen::json::serialize(*last_event(w, "outcome")) == R"({"completed":true})");
}

namespace {
// The page events of a whole run through `bundle` with `answers` and detailed events, up to the result.
std::vector<std::string> events_to_result(const ContentBundle& bundle, const Answers& answers) {
  HeadlessWidget w(bundle, {"en", true});
  answer_all(w, bundle, answers);
  CHECK(w.has("outcome/title"));
  std::vector<std::string> seen;
  for (const auto& e : w.events)
    if (e.first != "semantics" && e.first != "height") seen.push_back(e.first + " " + ketascreen::json::serialize(e.second));
  return seen;
}
}  // namespace

TEST_CASE("widget: a crisis answer gives the same page events as any other answers, even detailed") {
  const ContentBundle& bundle = real_bundle();
  Answers crisis = all_clear_answers();
  crisis["thoughts_of_self_harm"] = true;
  Answers under_18 = all_clear_answers();
  under_18["age_18_plus"] = false;
  const auto all_clear = events_to_result(bundle, all_clear_answers());
  CHECK(all_clear.size() == 16);  // 15 steps and the result
  CHECK(all_clear.back() == R"(outcome {"completed":true})");
  CHECK(events_to_result(bundle, crisis) == all_clear);
  CHECK(events_to_result(bundle, under_18) == all_clear);
}

TEST_CASE("widget: a show_if question adds no step event (steps never depend on answers)") {
  ContentBundle bundle = real_bundle();
  auto& qs = bundle.screening.questions;
  auto at = std::find_if(qs.begin(), qs.end(), [](const auto& q) { return q.id == "pregnant_or_breastfeeding"; });
  REQUIRE(at != qs.end());
  ketascreen::Question extra;
  extra.id = "pregnancy_more_than_12_weeks";
  extra.text.set("en", "Are you more than 12 weeks pregnant?");
  extra.show_if = ketascreen::Condition{ketascreen::Condition::Combine::All, {{"pregnant_or_breastfeeding", {}, true}}};
  qs.insert(at + 1, extra);
  Answers pregnant = all_clear_answers();
  pregnant["pregnant_or_breastfeeding"] = true;
  pregnant["pregnancy_more_than_12_weeks"] = false;
  Answers not_pregnant = all_clear_answers();
  not_pregnant["pregnancy_more_than_12_weeks"] = false;  // never asked
  // The extra question was asked: one screen more, not one step event more.
  HeadlessWidget w(bundle);
  answer_all(w, bundle, pregnant);
  CHECK(w.has("outcome/title"));
  CHECK(events_to_result(bundle, pregnant) == events_to_result(bundle, not_pregnant));
  CHECK(ketascreen::announced_step(bundle.screening, *bundle.screening.find_question("pregnancy_more_than_12_weeks")) == 0);
  CHECK(ketascreen::announced_step(bundle.screening, *bundle.screening.find_question("heart_condition")) == 6);
}

TEST_CASE("widget: the referral form shows each field's message, keeps the input, and reuses the id on a resend") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  w.click("referral/send");
  CHECK(w.referrals.empty());
  CHECK(w.node("referral/name").invalid);
  CHECK(w.node("referral/name").error == "Please enter your name.");
  CHECK(w.node("referral/phone").error == "Please give a phone number or an email address.");
  CHECK(w.node("referral/consent").invalid);

  w.type_into("referral/name", "Ana Example");
  w.type_into("referral/phone", "555-20");
  CHECK_FALSE(w.node("referral/name").invalid);  // messages follow the edits
  CHECK(w.node("referral/phone").error.find("10-digit") != std::string::npos);
  CHECK(w.node("referral/phone").value == "555-20");
  w.type_into("referral/phone", "1-0142x");  // the letter is filtered out of a phone field
  CHECK(w.node("referral/phone").value == "555-201-0142");
  CHECK_FALSE(w.node("referral/phone").invalid);
  w.type_into("referral/zip", "97477");
  w.click("referral/time/evening");
  w.click("referral/consent");
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);

  // 503, 503, a network error: retried after 1, 2 and 4 s, each attempt the same request.
  const unsigned generation = w.last_generation();
  w.answer_referral(503);
  CHECK(w.node("referral/status").name.find("Trying again in 1 s") != std::string::npos);
  REQUIRE(w.wakes.size() == 1);
  CHECK(w.wakes[0] == 1000);
  w.now_ms += 500;
  w.app().tick();  // early: nothing goes, the widget asks to be woken for the rest
  w.settle();
  CHECK(w.referrals.size() == 1);
  REQUIRE(w.wakes.size() == 2);
  CHECK(w.wakes[1] == 500);
  w.wait_for_wake();
  REQUIRE(w.referrals.size() == 2);
  CHECK(w.attempts[1].number == 2);
  CHECK(w.node("referral/status").name == "Sending your request\u2026");
  w.answer_referral(503);
  CHECK(w.node("referral/status").name.find("Trying again in 2 s") != std::string::npos);
  w.wait_for_wake();
  REQUIRE(w.referrals.size() == 3);
  w.app().referral_network_failed(generation, true);
  w.settle();
  CHECK(w.node("referral/status").name.find("Trying again in 4 s") != std::string::npos);
  w.wait_for_wake();
  REQUIRE(w.referrals.size() == 4);
  // Offline: it waits for the network without using up a retry, and goes at once when it is back.
  w.app().referral_network_failed(generation, false);
  w.settle();
  CHECK(w.node("referral/status").name.find("You are offline") != std::string::npos);
  CHECK(w.node("referral/send").disabled);  // it goes by itself when the network is back
  CHECK(w.node("referral/phone").value == "555-201-0142");
  CHECK(w.wakes.size() == 4);  // no timer: time alone does not send it
  w.app().referral_online();
  w.settle();
  REQUIRE(w.referrals.size() == 5);
  for (const auto& r : w.referrals) CHECK(r.find("id")->as_string() == w.referrals[0].find("id")->as_string());
  for (const auto& a : w.attempts) CHECK(a.generation == generation);
  // The two retries left (8 and 16 s) fail too: the network failed, nothing more is tried.
  w.app().referral_network_failed(generation, true);
  w.wait_for_wake();
  w.app().referral_network_failed(generation, true);
  w.wait_for_wake();
  REQUIRE(w.referrals.size() == 7);
  CHECK(w.wakes.back() == 16000);
  CHECK(last_event(w, "error") == nullptr);  // the page hears only of a final failure
  w.app().referral_network_failed(generation, true);
  w.settle();
  CHECK(w.node("referral/status").name.find("could not be sent") != std::string::npos);
  CHECK(w.node("referral/name").value == "Ana Example");  // input kept
  REQUIRE(last_event(w, "error") != nullptr);
  CHECK(last_event(w, "error")->find("message")->as_string() == "referral not sent");
  w.wait_for_wake();  // a stray timer sends nothing more
  CHECK(w.referrals.size() == 7);
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 8);
  CHECK(w.referrals[7].find("id")->as_string() == w.referrals[0].find("id")->as_string());
  CHECK(w.attempts[7].number == 1);
  CHECK(w.attempts[7].generation != generation);  // a new submission of the same request

  // After the retries, a server error is the clinic's system not answering, never "check your details";
  // the phone is in the call link only.
  for (int i = 0; i < 5; ++i) {
    w.answer_referral(503);
    w.wait_for_wake();
  }
  REQUIRE(w.referrals.size() == 13);
  w.answer_referral(503);
  CHECK(w.node("referral/status").name.find("not answering") != std::string::npos);
  CHECK(w.node("referral/status").name.find("check your details") == std::string::npos);
  CHECK(w.node("referral/status").name.find("555") == std::string::npos);
  CHECK(w.node("referral/call").name.find("555") != std::string::npos);
  CHECK(last_event(w, "error")->find("message")->as_string() == "referral not sent: HTTP 503");
  // A 4xx fails at once, without a retry.
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 14);
  w.answer_referral(422);
  CHECK(w.node("referral/status").name.find("error 422") != std::string::npos);
  CHECK(w.node("referral/status").name.find("check your details") != std::string::npos);
  CHECK(last_event(w, "error")->find("message")->as_string() == "referral refused: HTTP 422");
  w.wait_for_wake();
  CHECK(w.referrals.size() == 14);
  w.type_into("referral/name", " Jr");  // changed details make a new request
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 15);
  CHECK(w.referrals[14].find("id")->as_string() != w.referrals[0].find("id")->as_string());
}

TEST_CASE("widget: a reset during a retry cancels it, and a late answer leaves the next person's form in Editing") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  w.fill_referral();
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);
  const unsigned first = w.last_generation();
  w.answer_referral(503);
  CHECK(w.node("referral/status").name.find("Trying again in 1 s") != std::string::npos);

  // The page's handle.reset() (the visitor's "Clear my answers" is the same start_over) while
  // the retry waits: its timer sends nothing, and the answer to the attempt on its way is stale.
  w.app().reset();
  w.settle();
  w.wait_for_wake();
  CHECK(w.referrals.size() == 1);
  w.app().referral_answered(first, 201);
  w.app().referral_network_failed(first, false);
  w.app().referral_taken_by_page(first);
  w.app().referral_online();
  w.settle();
  CHECK(w.referrals.size() == 1);
  CHECK(last_event(w, "error") == nullptr);
  CHECK(w.has("checklist/question"));

  // The next person reaches the form: Editing, not "Request sent" nor a retry.
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  CHECK(w.has("referral/name"));
  CHECK(w.node("referral/name").value.empty());
  CHECK_FALSE(w.node("referral/send").disabled);
  CHECK_FALSE(w.has("referral/status"));
  // Their own Send is a new submission; a late answer to the first one is still not theirs.
  w.fill_referral();
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 2);
  CHECK(w.last_generation() != first);
  w.app().referral_answered(first, 201);
  w.settle();
  CHECK(w.node("referral/status").name == "Sending your request\u2026");
  w.answer_referral(201);
  CHECK(w.node("referral/status").name == "Request sent");

  // "Start over" after Sent leaves nothing sent for the person after them.
  w.click("referral/start-over");
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  CHECK(w.has("referral/name"));
  CHECK_FALSE(w.has("referral/status"));
}

TEST_CASE("widget: articles list, reader, links between articles, and external sources") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  w.click("nav/articles");
  CHECK(w.node("articles/title").name == "Learn about ketamine therapy");
  const auto articles = std::find_if(bundle.layout.begin(), bundle.layout.end(),
                                     [](const auto& e) { return e.plugin == "articles"; });
  REQUIRE(articles != bundle.layout.end());
  const auto& ids = articles->settings.find("ids")->as_array();
  for (const auto& id : ids) CHECK(w.has("articles/open/" + id.as_string()));
  w.click("articles/open/ketamine-safety-myths");
  const auto* article = bundle.find_article("ketamine-safety-myths", "en");
  CHECK(w.node("article/title").name == article->title);
  CHECK(w.role_of("article/title") == "heading");
  CHECK(w.has("article/source/0"));
  w.click("article/source/0");
  REQUIRE(w.opened_urls.size() == 1);
  CHECK(w.opened_urls[0] == article->sources[0].url);
  // A link inside the text to another article opens it here.
  std::string internal;
  for (const auto& n : w.tree())
    if (n.value.rfind("article:", 0) == 0) internal = n.id;
  if (!internal.empty()) {
    const std::string target = w.node(internal).value.substr(8);
    w.click(internal);
    CHECK(w.node("article/title").name == bundle.find_article(target, "en")->title);
  }
  w.click("articles/back-to-list");
  CHECK(w.has("articles/title"));
  w.click("articles/back");
  CHECK(w.has("checklist/question"));
}

TEST_CASE("widget: Spanish throughout, and reset() starts over") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle, {"es"});
  CHECK(w.node("checklist/progress").name == "Pregunta 1 de 15");
  CHECK(w.node("checklist/answer/yes").name == "Sí");
  CHECK(w.node("checklist/question").name == bundle.screening.questions.front().text.get("es"));
  w.click("checklist/answer/yes");
  w.click("checklist/next");
  w.app().set_locale("en");
  w.settle();
  CHECK(w.node("checklist/progress").name == "Question 2 of 15");
  w.app().reset();
  w.settle();
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  CHECK_FALSE(w.node("checklist/answer/yes").checked);
  w.app().set_locale("fr");  // not offered: the clinic's default
  CHECK(w.app().locale() == "en");
}

TEST_CASE("widget: from 320 to 1000 px wide, everything stays on screen and tap targets are large") {
  for (float width : {320.0f, 390.0f, 1000.0f}) {
    CAPTURE(width);
    const ContentBundle& bundle = real_bundle();
    HeadlessWidget w(bundle, {}, width);
    Answers answers = all_clear_answers();
    answers["liver_or_kidney_disease"] = true;
    auto check_screen = [&] {
      for (const auto& n : w.tree()) {
        CAPTURE(n.id);
        // Inside the window's padding (at least 14 px), where ImGui does not clip.
        CHECK(n.rect.x >= 14);
        CHECK(n.rect.x + n.rect.w <= width - 14 + 0.5f);
        if (w.role_of(n.id) == "button" || w.role_of(n.id) == "radio") CHECK(n.rect.h >= 44);
      }
    };
    check_screen();
    answer_all(w, bundle, answers);
    check_screen();
    w.click("outcome/request");
    check_screen();
    // The column is centred and at most 640 px wide on a wide display.
    const auto title = w.node("referral/title");
    if (width == 1000.0f) CHECK(title.rect.x >= (1000 - 640) / 2 - 1);
  }
}

TEST_CASE("widget: the browser's text zoom makes text and tap targets larger, and keeps everything on screen") {
  HeadlessWidget w(real_bundle(), {}, 390);
  const auto heading = w.node("checklist/question");
  const auto yes = w.node("checklist/answer/yes");
  w.app().set_text_scale(1.5f);
  HeadlessWidget::build_font_texture();  // what Platform::reload_fonts does for a GPU
  w.settle();
  const auto zoomed_heading = w.node("checklist/question");
  CHECK(zoomed_heading.rect.h >= heading.rect.h * 1.4f);
  CHECK(w.node("checklist/answer/yes").rect.h >= yes.rect.h * 1.4f);
  for (const auto& n : w.tree()) {
    CAPTURE(n.id);
    CHECK(n.rect.x + n.rect.w <= 390 - 14 + 0.5f);
  }
  w.app().set_text_scale(0.5f);  // smaller than the default is not honoured: 1 is the floor
  HeadlessWidget::build_font_texture();
  w.settle();
  CHECK(w.node("checklist/question").rect.h == heading.rect.h);
}
