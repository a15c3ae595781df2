// The structure a host reads from the semantics tree (issue 16): radio groups, what a node is drawn
// inside, which message describes which field, what is announced and how, what to autocomplete,
// the crisis resources and the widget's own frame are fields of the nodes, set by the helpers and
// plugins that draw them, never to be read out of the ids (web/overlay.js keeps ids opaque). The
// trees here are the JSON the host receives, on real screens.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"

using ketascreen::AnswerValue;
using ketascreen::Answers;
using ketascreen::ContentBundle;
using ketascreen::widgets::Live;
using ketascreen::widgets::SemanticNode;
using ketascreen::widgets::SemanticTree;
using widget_test::HeadlessWidget;
using namespace test_support;

namespace {

const ketascreen::Question& question_on_screen(const HeadlessWidget& w, const ContentBundle& bundle) {
  const std::string text = w.node("checklist/question").name;
  for (const auto& q : bundle.screening.questions)
    if (q.text.get("en") == text) return q;
  FAIL("no question with the text on screen: " << text);
  throw;
}

void choose(HeadlessWidget& w, const AnswerValue& value) {
  if (auto b = std::get_if<bool>(&value)) w.click(*b ? "checklist/answer/yes" : "checklist/answer/no");
  else w.click("checklist/answer/" + std::get<std::string>(value));
}

void answer_all(HeadlessWidget& w, const ContentBundle& bundle, const Answers& answers) {
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    choose(w, answers.at(question_on_screen(w, bundle).id));
    w.click("checklist/next");
  }
}

std::vector<SemanticNode> with_role(const HeadlessWidget& w, const std::string& role) {
  std::vector<SemanticNode> out;
  for (const auto& n : w.tree())
    if (w.role_of(n.id) == role) out.push_back(n);
  return out;
}

// The empty form after an all-clear result.
void open_form(HeadlessWidget& w, const ContentBundle& bundle) {
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  REQUIRE(w.has("referral/send"));
}

}  // namespace

TEST_CASE("semantics: the answers of every question are one radio group, named by the question's heading") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  const Answers answers = all_clear_answers();
  std::set<std::string> kinds;
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    const auto& q = question_on_screen(w, bundle);
    CAPTURE(q.id);
    kinds.insert(q.kind == ketascreen::QuestionKind::YesNo ? "yes_no" : "other");
    const auto radios = with_role(w, "radio");
    REQUIRE(radios.size() >= 2);
    for (const auto& r : radios) {
      CAPTURE(r.id);
      CHECK(r.group == "checklist/answer");  // one group: one Tab stop, the arrows choose
      CHECK(r.group_label == "checklist/question");
    }
    CHECK(w.role_of(radios.front().group_label) == "heading");
    // Only radios belong to a group.
    for (const auto& n : w.tree())
      if (w.role_of(n.id) != "radio") CHECK_MESSAGE(n.group.empty(), n.id);
    choose(w, answers.at(q.id));
    w.click("checklist/next");
  }
  CHECK(kinds == std::set<std::string>{"other", "yes_no"});  // single choice questions too
}

TEST_CASE("semantics: the form's contact times are a radio group named by their heading") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  open_form(w, bundle);
  const auto radios = with_role(w, "radio");
  REQUIRE_FALSE(radios.empty());
  for (const auto& r : radios) {
    CAPTURE(r.id);
    CHECK(r.group == "referral/time");
    CHECK(r.group_label == "referral/time");  // the heading above them
  }
  CHECK(w.role_of("referral/time") == "heading");
}

TEST_CASE("semantics: each field's message describes it, and a radio group's describes each of its radios") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  open_form(w, bundle);
  for (const auto& n : w.tree()) {  // no message before Send
    CHECK_MESSAGE(n.described_by.empty(), n.id);
    CHECK_MESSAGE(n.describes.empty(), n.id);
  }
  w.click("referral/send");

  std::set<std::string> described;
  for (const auto& n : w.tree()) {
    if (n.described_by.empty()) continue;
    CAPTURE(n.id);
    REQUIRE(w.has(n.described_by));  // points at a node on screen
    const SemanticNode message = w.node(n.described_by);
    CHECK(w.role_of(message.id) == "alert");  // drawn in the error colour
    // The message says whose it is: the field's own id, or the radio's group.
    CHECK(message.describes == (w.role_of(n.id) == "radio" ? n.group : n.id));
    if (w.role_of(n.id) != "radio") CHECK(n.invalid);
    described.insert(n.id);
  }
  const std::set<std::string> expected{"referral/name", "referral/phone", "referral/zip", "referral/consent",
                                       "referral/time/morning", "referral/time/afternoon", "referral/time/evening"};
  for (const auto& id : expected) CHECK_MESSAGE(described.count(id), id);
  // Every message describes something; the summary is not a message of one field.
  for (const auto& n : w.tree())
    if (!n.describes.empty()) CHECK_MESSAGE(!n.name.empty(), n.id);
  CHECK(w.node("referral/time/error").describes == "referral/time");
  CHECK(w.node("referral/summary").describes.empty());

  // Fixed: the message goes, and so does the description.
  w.type_into("referral/name", "Ana Example");
  CHECK(w.node("referral/name").described_by.empty());
  w.click("referral/time/morning");
  CHECK(w.node("referral/time/morning").described_by.empty());
  CHECK_FALSE(w.has("referral/time/error"));
}

TEST_CASE("semantics: the form's summary is said once per Send, its status line when its words change") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  open_form(w, bundle);
  w.click("referral/send");
  CHECK(w.node("referral/summary").live == Live::Summary);
  CHECK(w.node("referral/summary").announce == 1);
  for (const auto& n : w.tree())
    if (n.id != "referral/summary") CHECK_MESSAGE(n.live == Live::None, n.id);

  w.fill_referral();
  w.click("referral/send");
  CHECK(w.node("referral/status").live == Live::Status);  // "Sending..."
  CHECK(w.role_of("referral/status") == "text");
  CHECK(w.node("referral/status").announce == 0);
  // A failure is an alert, which says itself: not a status line as well.
  w.answer_referral(503);  // "Trying again in 1 s"
  CHECK(w.role_of("referral/status") == "alert");
  CHECK(w.node("referral/status").live == Live::None);
}

TEST_CASE("semantics: the form's fields say what the browser may fill in") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  open_form(w, bundle);
  CHECK(w.node("referral/name").autocomplete == "name");
  CHECK(w.node("referral/phone").autocomplete == "tel");
  CHECK(w.node("referral/email").autocomplete == "email");
  CHECK(w.node("referral/zip").autocomplete == "postal-code");
  CHECK(w.node("referral/zip").input_kind == "zip");  // the keyboard, apart from what is asked
  for (const auto& n : w.tree())
    if (w.role_of(n.id) != "textbox") CHECK_MESSAGE(n.autocomplete.empty(), n.id);
}

TEST_CASE("semantics: the crisis resources are flagged and drawn inside their alert") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  Answers answers = all_clear_answers();
  answers["thoughts_of_self_harm"] = true;
  for (int guard = 0; guard < 30 && !w.has("crisis"); ++guard) {
    choose(w, answers.at(question_on_screen(w, bundle).id));
    if (!w.has("crisis")) w.click("checklist/next");
  }
  REQUIRE(w.has("crisis"));
  const auto check_panel = [&] {
    const SemanticNode panel = w.node("crisis");
    CHECK(panel.crisis);
    CHECK(panel.parent.empty());
    size_t calls = 0;
    for (const auto& n : w.tree()) {
      CAPTURE(n.id);
      const bool in_panel = n.id.rfind("crisis/", 0) == 0;  // the test may read ids; the host may not
      CHECK(n.crisis == (in_panel || n.id == "crisis"));
      CHECK(n.parent == (in_panel ? "crisis" : ""));
      if (n.crisis && w.role_of(n.id) == "button") ++calls;
    }
    CHECK(calls == bundle.screening.crisis_resources.size());
    CHECK(w.node("crisis/title").crisis);  // a crisis heading: never the screen's
  };
  check_panel();  // under the answers
  w.click("checklist/next");
  answer_all(w, bundle, answers);
  REQUIRE(w.has("outcome/title"));
  check_panel();  // above the result
}

TEST_CASE("semantics: an article's links are drawn inside their paragraph") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  REQUIRE(w.app().show_screen("articles", "who-should-avoid-ketamine"));
  w.settle();
  const SemanticTree tree = w.tree();
  size_t links = 0;
  for (size_t i = 0; i < tree.size(); ++i) {
    const SemanticNode& n = tree[i];
    if (n.parent.empty()) continue;
    CAPTURE(n.id);
    CHECK(w.role_of(n.id) == "link");
    const auto parent = std::find_if(tree.begin(), tree.begin() + static_cast<long>(i),
                                     [&](const SemanticNode& p) { return p.id == n.parent; });
    REQUIRE(parent != tree.begin() + static_cast<long>(i));  // before it, in reading order
    CHECK(w.role_of(parent->id) == "text");
    CHECK(parent->name.find(n.name) != std::string::npos);  // the link's words are the paragraph's
    ++links;
  }
  CHECK(links > 0);
  // The links drawn on their own lines are nobody's children.
  CHECK(w.node("articles/back-to-list").parent.empty());
}

TEST_CASE("semantics: the footer is the widget's frame, not the screen's words") {
  const ContentBundle& bundle = real_bundle();
  HeadlessWidget w(bundle);
  CHECK(w.node("footer/disclaimer").chrome);
  CHECK(w.node("nav/articles").chrome);
  for (const auto& n : w.tree())
    if (n.id != "footer/disclaimer" && n.id != "nav/articles") CHECK_MESSAGE(!n.chrome, n.id);
  answer_all(w, bundle, all_clear_answers());
  REQUIRE(w.has("outcome/disclaimer"));
  CHECK_FALSE(w.node("outcome/disclaimer").chrome);  // the result's own words (copied with it)
  CHECK_FALSE(w.node("header/clinic").chrome);
}
