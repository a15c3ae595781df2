// The browser's Back and Forward (issue 18 item 6): the stops the widget reports to the loader,
// which mirrors each as a history entry, and going to a stop when the browser moves.

#include <doctest/doctest.h>

#include "../../widgets/src/screen_stops.hpp"
#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::Answers;
using ketascreen::ContentBundle;
using ketascreen::widgets::ScreenStop;
using ketascreen::widgets::ScreenStops;
using widget_test::HeadlessWidget;
using namespace test_support;

namespace {

const ketascreen::Question& on_screen(const HeadlessWidget& w) {
  const std::string text = w.node("checklist/question").name;
  for (const auto& q : real_bundle().screening.questions)
    if (q.text.get("en") == text) return q;
  FAIL("no question with the text on screen: " << text);
  throw;
}

void answer(HeadlessWidget& w, const Answers& answers) {
  const auto& q = on_screen(w);
  auto it = answers.find(q.id);
  REQUIRE_MESSAGE(it != answers.end(), "the test has no answer for " << q.id);
  if (auto b = std::get_if<bool>(&it->second)) w.click(*b ? "checklist/answer/yes" : "checklist/answer/no");
  else w.click("checklist/answer/" + std::get<std::string>(it->second));
  w.click("checklist/next");
}

void answer_all(HeadlessWidget& w, const Answers& answers) {
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) answer(w, answers);
}

// The stop the widget last reported ("history" index), 0 before any.
int reported(const HeadlessWidget& w) {
  return w.history.empty() ? 0 : static_cast<int>(w.history.back().find("index")->as_number());
}
int generation(const HeadlessWidget& w) {
  return w.history.empty() ? 0 : static_cast<int>(w.history.back().find("generation")->as_number());
}

// Every answer of the "gateway" questions Yes, and each follow-up No: nothing to report, but
// eight more questions on screen.
Answers with_follow_ups() {
  Answers a = all_clear_answers();
  for (const char* gateway : {"heart_condition", "other_conditions", "medicines"}) a[gateway] = std::string("yes");
  for (const auto& q : real_bundle().screening.questions)
    if (q.show_if) a[q.id] = q.kind == ketascreen::QuestionKind::YesNo ? Answers::mapped_type(false) : Answers::mapped_type(std::string("no"));
  return a;
}

}  // namespace

TEST_CASE("stops: a new stop after the cursor, the widget's own Back one before, Forward entries dropped") {
  ScreenStops s;
  CHECK_FALSE(s.arrive({"checklist", "", "a"}));  // the first screen is the page's own entry
  CHECK(s.arrive({"checklist", "", "b"}));
  CHECK(s.arrive({"checklist", "", "c"}));
  CHECK(s.cursor() == 2);
  CHECK_FALSE(s.arrive({"checklist", "", "c"}));  // same stop (a follow-up question of c)
  CHECK(s.arrive({"checklist", "", "b"}));        // the widget's own Back
  CHECK(s.cursor() == 1);
  CHECK(s.arrive({"articles", "x", ""}));         // somewhere new: c is dropped
  CHECK(s.stops().size() == 3);
  CHECK(s.go(2) != nullptr);
  CHECK(s.go(3) == nullptr);  // no such stop: the cursor stays
  CHECK(s.cursor() == 2);
  REQUIRE(s.go(0) != nullptr);
  CHECK(s.go(0)->question == "a");
  const unsigned g = s.generation();
  s.clear();
  CHECK(s.generation() == g + 1);
  CHECK(s.go(1) == nullptr);
}

TEST_CASE("widget stops: one per question every visitor is asked and one for the result, follow-ups add none") {
  HeadlessWidget plain(real_bundle());
  answer_all(plain, all_clear_answers());
  REQUIRE(plain.has("outcome/title"));
  HeadlessWidget asked_more(real_bundle());
  answer_all(asked_more, with_follow_ups());
  REQUIRE(asked_more.has("outcome/title"));
  // 15 questions everyone is asked (stops 0..14) and the result (stop 15), whatever the answers:
  // history.length tells the page no more than the step events do.
  CHECK(reported(plain) == 15);
  CHECK(reported(asked_more) == 15);
  CHECK(plain.history.size() == asked_more.history.size());
}

TEST_CASE("widget stops: Back from the result keeps the answers, Forward returns to the result") {
  HeadlessWidget w(real_bundle());
  answer_all(w, all_clear_answers());
  REQUIRE(w.has("outcome/title"));
  const int result = reported(w);
  const size_t events_before = w.history.size();

  CHECK(w.app().go_to_stop(static_cast<size_t>(result - 1)) == static_cast<size_t>(result - 1));
  w.settle();
  REQUIRE(w.has("checklist/question"));
  CHECK(on_screen(w).id == "medicines");
  CHECK(w.node("checklist/answer/no").checked);  // the answer is still there
  CHECK(w.history.size() == events_before);      // the browser moved the widget: nothing to report back

  CHECK(w.app().go_to_stop(static_cast<size_t>(result)) == static_cast<size_t>(result));
  w.settle();
  CHECK(w.has("outcome/title"));
  CHECK(w.history.size() == events_before);

  // Back to the first question, then the widget's own Next: a new stop 1, the old ones ahead dropped.
  w.app().go_to_stop(0);
  w.settle();
  CHECK(on_screen(w).id == "age_18_plus");
  w.click("checklist/next");
  CHECK(reported(w) == 1);
  CHECK(w.app().go_to_stop(static_cast<size_t>(result)) == 1);  // Forward entries are gone
}

TEST_CASE("widget stops: the widget's own Back reports the stop before, across follow-up questions") {
  HeadlessWidget w(real_bundle());
  const Answers a = with_follow_ups();
  for (int i = 0; i < 6; ++i) answer(w, a);  // up to and including heart_condition (Yes)
  REQUIRE(on_screen(w).id == "heart_recent_or_unstable");  // a follow-up: the gateway's stop
  CHECK(reported(w) == 5);
  answer(w, a);
  answer(w, a);
  REQUIRE(on_screen(w).id == "uncontrolled_blood_pressure");
  CHECK(reported(w) == 6);
  w.click("checklist/back");  // to the last follow-up: the stop of its gateway
  CHECK(on_screen(w).id == "stroke_earlier");
  CHECK(reported(w) == 5);
  // The loader's history.go(-1) then comes back as stop 5, where the widget already is: it stays
  // on the follow-up (the loader does not call go_to_stop for the stop it is at).
}

TEST_CASE("widget stops: an answer changed on the way back never lets Forward skip a new question") {
  HeadlessWidget w(real_bundle());
  answer_all(w, all_clear_answers());
  const int result = reported(w);
  w.app().go_to_stop(5);
  w.settle();
  REQUIRE(on_screen(w).id == "heart_condition");
  w.click("checklist/answer/yes");  // opens two follow-ups nobody has answered
  w.app().go_to_stop(static_cast<size_t>(result));
  w.settle();
  REQUIRE(w.has("checklist/question"));
  CHECK(on_screen(w).id == "heart_recent_or_unstable");
}

TEST_CASE("widget stops: articles are stops, and reset starts a new generation the old entries cannot reach") {
  HeadlessWidget w(real_bundle());
  answer(w, all_clear_answers());
  w.click("nav/articles");
  CHECK(reported(w) == 2);
  w.app().go_to_stop(1);
  w.settle();
  CHECK(on_screen(w).id == "qualifying_condition");
  w.app().go_to_stop(2);
  w.settle();
  CHECK_FALSE(w.has("checklist/question"));

  w.app().reset();
  w.settle();
  CHECK(generation(w) == 1);
  CHECK(reported(w) == 0);
  CHECK(w.app().go_to_stop(2) == 0);  // a stop of the person before: nothing there
  w.settle();
  CHECK(on_screen(w).id == "age_18_plus");
}
