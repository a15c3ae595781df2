// The desktop preview's reload keeps the editor's place: WidgetApp::place() from the old content's
// widget, go_to() in the new one.

#include <doctest/doctest.h>

#include <algorithm>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::ContentBundle;
using ketascreen::widgets::WidgetApp;
using widget_test::HeadlessWidget;
using namespace test_support;

TEST_CASE("reload: the place (answers, step, article being read, form draft) carries over to edited content") {
  const ContentBundle& before = real_bundle();
  WidgetApp::Place place;
  {
    HeadlessWidget w(before);
    w.click("checklist/answer/yes");  // age_18_plus
    w.click("checklist/next");
    const auto& second = before.screening.questions[1];
    w.click("checklist/answer/" + (second.options.empty() ? std::string("yes") : second.options.front().id));
    w.click("checklist/next");
    w.click("nav/articles");
    w.click("articles/open/ketamine-safety-myths");
    place = w.app().place();
  }
  CHECK(place.screen == "articles");
  CHECK(place.target == "ketamine-safety-myths");
  CHECK(place.step == 2);
  CHECK(place.answers.size() == 2);
  place.referral.name = "Ana Example";  // as if typed into the form before the edit

  // The editor retitles the article and deletes the second question.
  ContentBundle after = before;
  const std::string removed = after.screening.questions[1].id;
  after.screening.questions.erase(after.screening.questions.begin() + 1);
  auto& rules = after.screening.rules;
  rules.erase(std::remove_if(rules.begin(), rules.end(),
                             [&](const auto& r) {
                               return std::any_of(r.when.terms.begin(), r.when.terms.end(),
                                                  [&](const auto& t) { return t.question == removed; });
                             }),
              rules.end());
  for (auto& article : after.articles)
    if (article.id == "ketamine-safety-myths") article.title = "Retitled by the editor";

  HeadlessWidget w(after);
  w.app().go_to(place);
  w.settle();
  CHECK(w.node("article/title").name == "Retitled by the editor");
  const auto kept = w.app().place();
  CHECK(kept.answers.count("age_18_plus") == 1);
  CHECK(kept.answers.count(removed) == 0);  // the new content has no such question
  CHECK(kept.referral.name == "Ana Example");
  CHECK(kept.step == 1);                    // at the first question nobody answered yet
  w.click("articles/back");
  CHECK(w.node("checklist/progress").name == "Question 2 of 14");
}

TEST_CASE("reload: a screen the new layout lacks leaves the widget on its first screen") {
  WidgetApp::Place place;
  place.screen = "no-such-screen";
  HeadlessWidget w(real_bundle());
  w.app().go_to(place);
  w.settle();
  CHECK(w.has("checklist/question"));
}
