// The whole flow driven only through node actions, as the accessibility overlay drives it
// (DOM buttons and inputs -> activate / set value / focus), with no mouse or keyboard on the canvas.

#include <doctest/doctest.h>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::ContentBundle;
using widget_test::HeadlessWidget;
using namespace test_support;

namespace {
void activate(HeadlessWidget& w, const std::string& id) {
  w.app().activate(id);
  w.settle();
}
void set_value(HeadlessWidget& w, const std::string& id, const std::string& value) {
  w.app().set_value(id, value);
  w.settle();
}
}  // namespace

TEST_CASE("node actions: checklist to referral payload without touching the canvas") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  const auto answers = all_clear_answers();
  for (int guard = 0; w.has("checklist/question") && guard < 30; ++guard) {
    const std::string text = w.node("checklist/question").name;
    const auto* q = &bundle.screening.questions.front();
    for (const auto& candidate : bundle.screening.questions)
      if (candidate.text.get("en") == text) q = &candidate;
    const auto& answer = answers.at(q->id);
    const auto* id = std::get_if<std::string>(&answer);
    activate(w, "checklist/answer/" + (id ? *id : std::get<bool>(answer) ? std::string("yes") : std::string("no")));
    activate(w, "checklist/next");
  }
  REQUIRE(w.has("outcome/request"));
  activate(w, "outcome/request");
  set_value(w, "referral/name", "Ana Example");
  set_value(w, "referral/email", "ana@example.org");
  set_value(w, "referral/phone", "(555) 201-0142 ext");  // what a phone field cannot hold is dropped
  CHECK(w.node("referral/phone").value == "(555) 201-0142 ");
  set_value(w, "referral/zip", "97477");
  activate(w, "referral/time/any");
  activate(w, "referral/consent");
  CHECK(w.node("referral/consent").checked);
  activate(w, "referral/send");
  REQUIRE(w.referrals.size() == 1);
  const auto* contact = w.referrals[0].find("contact");
  CHECK(contact->find("email")->as_string() == "ana@example.org");
  CHECK(contact->find("phone")->as_string() == "+15552010142");
  CHECK(contact->find("preferred_time")->as_string() == "any");
}

TEST_CASE("node actions: a disabled button ignores activation, and unknown nodes are ignored") {
  HeadlessWidget w(real_bundle());
  activate(w, "checklist/next");  // nothing answered: Next is disabled
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  activate(w, "no/such/node");
  set_value(w, "no/such/field", "x");
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  // An action is for the next frame only: it does not fire later when its node appears.
  w.app().activate("outcome/request");
  w.settle();
  activate(w, "checklist/answer/yes");
  CHECK(w.node("checklist/answer/yes").checked);
  CHECK(w.has("checklist/question"));
}

TEST_CASE("node actions: the host's focus is marked in the tree and follows it") {
  HeadlessWidget w(real_bundle());
  CHECK_FALSE(w.node("checklist/answer/yes").focused);
  w.app().focus("checklist/answer/yes");
  w.settle();
  CHECK(w.node("checklist/answer/yes").focused);
  w.app().focus("checklist/answer/no");
  w.settle();
  CHECK_FALSE(w.node("checklist/answer/yes").focused);
  CHECK(w.node("checklist/answer/no").focused);
  w.app().focus("");
  w.settle();
  CHECK_FALSE(w.node("checklist/answer/no").focused);
}

TEST_CASE("node actions: links inside article text can be activated") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  activate(w, "nav/articles");
  activate(w, "articles/open/who-should-avoid-ketamine");
  std::string link;
  for (const auto& n : w.tree())
    if (n.value.rfind("article:", 0) == 0) link = n.id;
  REQUIRE_FALSE(link.empty());
  const std::string target = w.node(link).value.substr(8);
  activate(w, link);
  CHECK(w.node("article/title").name == bundle.find_article(target, "en")->title);
}
