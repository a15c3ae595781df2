// The result and the sent screen as a visitor meets them (issue 18, minor items): flags in two
// groups (contraindications, cautions) with their own heading and marker, each article linked
// once, nothing said twice on likely_candidate, "Clear my answers" and "Start over" for a shared
// device, and the referral form's one summary of its mistakes after Send.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::AnswerValue;
using ketascreen::Answers;
using ketascreen::ContentBundle;
using ketascreen::widgets::SemanticTree;
using widget_test::HeadlessWidget;
using namespace test_support;

namespace {

void answer_all(HeadlessWidget& w, const ContentBundle& bundle, const Answers& answers, const std::string& locale = "en") {
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    const std::string text = w.node("checklist/question").name;
    const auto q = std::find_if(bundle.screening.questions.begin(), bundle.screening.questions.end(),
                                [&](const auto& q) { return q.text.get(locale) == text; });
    REQUIRE_MESSAGE(q != bundle.screening.questions.end(), "no question with the text " << text);
    const AnswerValue& a = answers.at(q->id);
    if (auto b = std::get_if<bool>(&a)) w.click(*b ? "checklist/answer/yes" : "checklist/answer/no");
    else w.click("checklist/answer/" + std::get<std::string>(a));
    w.click("checklist/next");
  }
}

// Where node `id` is in reading order (-1: not on screen).
long position(const SemanticTree& tree, const std::string& id) {
  const auto it = std::find_if(tree.begin(), tree.end(), [&](const auto& n) { return n.id == id; });
  return it == tree.end() ? -1 : it - tree.begin();
}

std::vector<std::string> ids_with_role(const HeadlessWidget& w, const std::string& role) {
  std::vector<std::string> out;
  for (const auto& n : w.tree())
    if (w.role_of(n.id) == role) out.push_back(n.id);
  return out;
}

size_t nodes_saying(const HeadlessWidget& w, const std::string& words) {
  size_t count = 0;
  for (const auto& n : w.tree())
    if (n.name.find(words) != std::string::npos) ++count;
  return count;
}

// A pregnancy (a contraindication), liver disease and no earlier treatment (two cautions): the
// first two cite the same article.
Answers mixed_answers() {
  Answers a = all_clear_answers();
  a["pregnant_or_breastfeeding"] = true;
  a["liver_or_kidney_disease"] = true;
  a["tried_other_treatments"] = false;
  return a;
}

void to_sent_screen(HeadlessWidget& w, const ContentBundle& bundle) {
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  w.fill_referral();
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);
  w.answer_referral(201);
  w.settle();
}

}  // namespace

TEST_CASE("result: contraindications and cautions in two groups, each with its heading, and each article linked once") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, mixed_answers());
  const SemanticTree tree = w.tree();
  const auto stop = w.node("outcome/group/contraindication"), caution = w.node("outcome/group/caution");
  CHECK(stop.name == "Reasons to wait");
  CHECK(caution.name == "Things to discuss with a provider");
  CHECK(w.role_of("outcome/group/contraindication") == "heading");
  CHECK(stop.level == 3);
  CHECK(caution.level == 3);
  // Each flag under its own group's heading, the contraindication first.
  const long pregnancy = position(tree, "outcome/reason/pregnancy-or-breastfeeding");
  const long liver = position(tree, "outcome/reason/liver-or-kidney-disease");
  const long treatments = position(tree, "outcome/reason/no-prior-treatments");
  CHECK(position(tree, "outcome/group/contraindication") < pregnancy);
  CHECK(pregnancy < position(tree, "outcome/group/caution"));
  CHECK(position(tree, "outcome/group/caution") < liver);
  CHECK(liver < treatments);
  // The marker stands before the heading's text, and the group's flags line up with that text.
  CHECK(stop.rect.x > w.node("outcome/title").rect.x + 16);
  CHECK(w.node("outcome/reason/pregnancy-or-breastfeeding").rect.x == stop.rect.x);
  CHECK(w.node("outcome/reason/liver-or-kidney-disease").rect.x == caution.rect.x);

  // Pregnancy and liver disease cite the same article: linked under the first only.
  std::vector<std::string> articles;
  for (const auto& n : tree)
    if (n.id.size() > 8 && n.id.compare(n.id.size() - 8, 8, "/article") == 0) articles.push_back(n.name);
  CHECK(articles.size() == 2);
  CHECK(std::set<std::string>(articles.begin(), articles.end()).size() == articles.size());
  CHECK(w.has("outcome/reason/pregnancy-or-breastfeeding/article"));
  CHECK_FALSE(w.has("outcome/reason/liver-or-kidney-disease/article"));
  CHECK(w.has("outcome/reason/no-prior-treatments/article"));
}

TEST_CASE("result: cautions only show one group, in Spanish too") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle, {"es"});
  Answers answers = all_clear_answers();
  answers["liver_or_kidney_disease"] = true;
  answer_all(w, bundle, answers, "es");
  CHECK_FALSE(w.has("outcome/group/contraindication"));
  CHECK(w.node("outcome/group/caution").name == "Temas para hablar con un profesional");
  CHECK(w.has("outcome/reason/liver-or-kidney-disease/article"));
  CHECK(w.node("outcome/clear").name == "Borrar mis respuestas");
}

TEST_CASE("result: likely_candidate says that nothing rules the visitor out once, in English and Spanish") {
  const ContentBundle& bundle = real_bundle();
  for (const char* locale : {"en", "es"}) {
    CAPTURE(locale);
    HeadlessWidget w(bundle, {locale});
    answer_all(w, bundle, all_clear_answers(), locale);
    REQUIRE(w.has("outcome/title"));
    CHECK_FALSE(w.has("outcome/no-flags"));
    CHECK_FALSE(w.has("outcome/group/caution"));
    // The title says it; neither the body nor a line under it repeats it.
    const bool en = std::string(locale) == "en";
    CHECK(nodes_saying(w, en ? "rule" : "descart") == 1);
    CHECK(w.node("outcome/title").name.find(en ? "rules out" : "descarta") != std::string::npos);
    // Nor does a sentence of the body come back in the disclaimer or the next step.
    const std::string body = w.node("outcome/body").name;
    CHECK(nodes_saying(w, body.substr(0, body.find(':'))) == 1);
  }
}

TEST_CASE("result: Clear my answers starts over at question 1, with the answers, the form and the sent status gone") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  to_sent_screen(w, bundle);
  w.click("referral/back-to-result");
  REQUIRE(w.has("outcome/title"));
  CHECK(w.role_of("outcome/clear") == "link");
  // Below "Change my answers": the last thing on the result, not in the way of the next step.
  CHECK(position(w.tree(), "outcome/clear") > position(w.tree(), "outcome/change"));
  w.click("outcome/clear");
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  CHECK_FALSE(w.node("checklist/answer/yes").checked);
  CHECK_FALSE(w.has("checklist/back"));  // nothing behind question 1 either
  // Answered again: an empty form, not "Request sent".
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  CHECK(w.node("referral/name").value.empty());
  CHECK_FALSE(w.node("referral/consent").checked);
  CHECK_FALSE(w.has("referral/summary"));
}

TEST_CASE("sent screen: one heading with a success mark, then Back to my result and Start over, each link once") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  to_sent_screen(w, bundle);
  CHECK(ids_with_role(w, "heading") == std::vector<std::string>{"referral/status"});
  const auto heading = w.node("referral/status");
  CHECK(heading.name == "Request sent");
  CHECK(heading.level == 1);
  // The drawn check mark sits before the heading's text.
  CHECK(heading.rect.x > w.node("header/clinic").rect.x + 20);
  const auto links = ids_with_role(w, "link");
  CHECK(links == std::vector<std::string>{"referral/back-to-result", "referral/start-over", "nav/articles"});
  std::set<std::string> names;
  for (const auto& id : links) names.insert(w.node(id).name);
  CHECK(names.size() == links.size());
  CHECK(w.node("referral/back-to-result").name == "Back to my result");
  CHECK(w.node("referral/start-over").name == "Start over");

  w.click("referral/back-to-result");
  CHECK(w.has("outcome/title"));
  w.click("outcome/request");  // the request went: it says so again
  CHECK(w.node("referral/status").name == "Request sent");
  w.click("referral/start-over");
  CHECK(w.node("checklist/progress").name == "Question 1 of 15");
  CHECK_FALSE(w.node("checklist/answer/yes").checked);
}

TEST_CASE("referral: an empty Send gives one summary of the fields to fix, announced once per Send") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  CHECK_FALSE(w.has("referral/summary"));
  w.click("referral/send");
  const auto summary = w.node("referral/summary");
  CHECK(summary.name == "Please fix 5 fields: Name, Phone, ZIP code, Contact time, Consent.");
  CHECK(w.role_of("referral/summary") == "text");  // said by the host's live region, not an alert of its own
  CHECK(summary.live == ketascreen::widgets::Live::Summary);
  CHECK(summary.announce == 1);
  CHECK(summary.rect.y < w.node("referral/name").rect.y);  // at the top of the form
  // The only summary: each field's message is its description.
  for (const auto& n : w.tree()) {
    CAPTURE(n.id);
    CHECK((n.live != ketascreen::widgets::Live::Summary || n.id == "referral/summary"));
    CHECK((n.announce == 0 || n.id == "referral/summary"));
  }
  CHECK(w.node("referral/name").error == "Please enter your name.");

  // Edits update the words, not the announcement; another Send announces again.
  w.type_into("referral/name", "Ana Example");
  CHECK(w.node("referral/summary").name == "Please fix 4 fields: Phone, ZIP code, Contact time, Consent.");
  CHECK(w.node("referral/summary").announce == 1);
  w.click("referral/send");
  CHECK(w.node("referral/summary").announce == 2);
  w.type_into("referral/phone", "(555) 201-0142");
  w.type_into("referral/zip", "97477");
  w.click("referral/time/morning");
  w.click("referral/send");
  CHECK(w.node("referral/summary").name == "Please fix 1 field: Consent.");
  w.click("referral/consent");
  CHECK_FALSE(w.has("referral/summary"));
  CHECK(w.referrals.empty());

  // After a start over the count goes on, so the host hears the next summary as new.
  w.app().reset();
  w.settle();
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  w.click("referral/send");
  CHECK(w.node("referral/summary").announce == 4);
}

TEST_CASE("referral: the summary in Spanish") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle, {"es"});
  answer_all(w, bundle, all_clear_answers(), "es");
  w.click("outcome/request");
  w.click("referral/send");
  CHECK(w.node("referral/summary").name ==
        "Corrija 5 campos: Nombre, Teléfono, Código postal, Horario de contacto, Consentimiento.");
}

TEST_CASE("result: Print and Copy ask the host to keep the result, with what to say once it is copied") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, mixed_answers());
  REQUIRE(w.has("outcome/title"));
  const auto keeps = [&w] {
    std::vector<std::string> out;
    for (const auto& [type, detail] : w.events)
      if (type == "keep") out.push_back(detail.find("how")->as_string() + ":" + detail.find("done")->as_string());
    return out;
  };
  w.click("outcome/print");
  w.click("outcome/copy");
  CHECK(keeps() == std::vector<std::string>{"print:Your result was copied.", "copy:Your result was copied."});
}
