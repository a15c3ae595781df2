// The result: the outcome in plain words, each flag with the answer that raised it and the
// article that covers it, the next step that fits the outcome (DESIGN.md "Screening"), and the
// reminder that a qualified provider decides. urgent_help shows the crisis resources (drawn by
// the host above every screen) and nothing that sells. Flags come in two groups, told apart by
// heading, icon and colour: contraindications ("reasons to wait") before cautions (relative, or a
// "Not sure" for a provider to check).

#include <algorithm>

#include "../plugin.hpp"
#include "../ui.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {
namespace {

std::string answer_text(const Question& q, const AnswerValue& a, const Flow& flow) {
  if (auto b = std::get_if<bool>(&a)) return std::string(flow.text(*b ? "answer.yes" : "answer.no"));
  if (auto id = std::get_if<std::string>(&a)) {
    for (const auto& o : q.options)
      if (o.id == *id) return o.label.get(flow.locale());
    return *id;
  }
  std::string number = json::format_number(std::get<double>(a));
  const std::string& unit = q.unit.get(flow.locale());
  return unit.empty() ? number : number + " " + unit;
}

class OutcomeScreen : public Plugin {
 public:
  void on_show(Flow& flow) override { flow.outcome_shown(flow.session().evaluation().outcome); }

  void draw(Ui& ui, Flow& flow) override {
    const Evaluation e = flow.session().evaluation();
    const std::string& locale = flow.locale();
    const Screening& screening = flow.bundle().screening;
    const OutcomeText& words = screening.outcome_text(e.outcome);

    ui.heading("outcome/title", words.title.get(locale), 1);
    ui.text("outcome/body", words.body.get(locale));

    if (e.outcome != Outcome::Incomplete && e.outcome != Outcome::UrgentHelp) draw_reasons(ui, flow, e);
    ui.spacing(6);
    draw_next_step(ui, flow, e);

    ui.spacing(6);
    ui.text("outcome/disclaimer", screening.disclaimer.get(locale), TextStyle::Small);
    // To take to a provider: the host prints the screen, or copies its text (disclaimer included).
    if (e.outcome != Outcome::Incomplete) {
      if (ui.link("outcome/print", flow.text("outcome.print"))) flow.keep_result("print");
      if (ui.link("outcome/copy", flow.text("outcome.copy"))) flow.keep_result("copy");
    }
    if (ui.link("outcome/change", flow.text("outcome.change_answers"))) {
      flow.session().go_to_step(0);
      flow.show("checklist");
    }
    // Last, apart from the way on: for whoever uses this device next, not a step of the visitor's.
    if (ui.link("outcome/clear", flow.text("outcome.clear"))) flow.start_over();
  }

 private:
  // Nothing when there is no flag: the likely_candidate title already says nothing rules the
  // visitor out, and a line under it saying so again read as an echo.
  void draw_reasons(Ui& ui, Flow& flow, const Evaluation& e) {
    std::vector<std::string> linked;  // articles already linked: several flags may cite one
    draw_group(ui, flow, e, FlagSeverity::Contraindication, linked);
    draw_group(ui, flow, e, FlagSeverity::Caution, linked);
  }

  void draw_group(Ui& ui, Flow& flow, const Evaluation& e, FlagSeverity severity, std::vector<std::string>& linked) {
    const bool stop = severity == FlagSeverity::Contraindication;
    bool open = false;
    for (const Flag& flag : e.flags) {
      if (flag.severity != severity) continue;
      if (!open) {
        ui.spacing(4);
        ui.begin_group(stop ? "outcome/group/contraindication" : "outcome/group/caution",
                       flow.text(stop ? "outcome.contraindications" : "outcome.cautions"), stop ? Marker::Stop : Marker::Caution);
        open = true;
      }
      draw_flag(ui, flow, flag, linked);
    }
    if (open) ui.end_group();
  }

  static void draw_flag(Ui& ui, Flow& flow, const Flag& flag, std::vector<std::string>& linked) {
    const std::string& locale = flow.locale();
    const std::string id = "outcome/reason/" + flag.rule;
    ui.text(id, flag.source->reason.get(locale), TextStyle::Strong);
    const Question* q = flow.bundle().screening.find_question(flag.question);
    const AnswerValue* a = q ? flow.session().answer_to(q->id) : nullptr;
    if (q && a)
      ui.text(id + "/answer",
              fill(flow.text("outcome.your_answer"), {{"question", q->text.get(locale)}, {"answer", answer_text(*q, *a, flow)}}),
              TextStyle::Muted);
    const std::string& cited = flag.source->article;
    // Under the first flag that cites it only: the same link again says nothing new.
    if (!cited.empty() && flow.has("articles") && std::find(linked.begin(), linked.end(), cited) == linked.end()) {
      linked.push_back(cited);
      if (const Article* article = flow.bundle().find_article(cited, locale)) {
        if (ui.link(id + "/article", fill(flow.text("outcome.read"), {{"title", article->title}})))
          flow.open_article(article->id);
      }
    }
    ui.spacing(4);
  }

  void draw_next_step(Ui& ui, Flow& flow, const Evaluation& e) {
    const Clinic& clinic = flow.bundle().clinic;
    switch (e.outcome) {
      case Outcome::UrgentHelp: break;  // the crisis resources above are the only next step
      case Outcome::Incomplete:
        if (ui.button("outcome/answer-remaining", flow.text("outcome.answer_remaining"))) {
          go_to_first_unanswered(flow, e);
          flow.show("checklist");
        }
        break;
      case Outcome::NotSuitableNow:
        // No push to book: the clinic's phone for questions, nothing more.
        ui.text("outcome/call", fill(flow.text("outcome.questions_call"), {{"phone", clinic.phone}}));
        if (ui.link("outcome/call-link", fill(flow.text("outcome.call"), {{"phone", clinic.phone}})))
          flow.open_url(tel_href(clinic.phone));
        break;
      case Outcome::DiscussWithProvider:
      case Outcome::LikelyCandidate: {
        // A referral network: first who is near (the request goes straight to whichever can see
        // the visitor soonest too, one step shorter).
        const bool network = flow.has("providers") && !flow.bundle().network.empty();
        if (network && ui.button("outcome/providers", flow.text("outcome.find_providers"), ButtonKind::Primary, false, true))
          flow.show("providers");
        if (flow.has("referral") && ui.button("outcome/request", flow.text("outcome.request"),
                                              network ? ButtonKind::Secondary : ButtonKind::Primary, false, true))
          flow.show("referral");
        if (ui.link("outcome/call-link", fill(flow.text("outcome.call"), {{"phone", clinic.phone}})))
          flow.open_url(tel_href(clinic.phone));
        break;
      }
    }
  }

  static void go_to_first_unanswered(Flow& flow, const Evaluation& e) {
    Session& session = flow.session();
    const auto steps = session.steps();
    for (size_t i = 0; i < steps.size(); ++i) {
      if (!e.unanswered.empty() && steps[i]->id == e.unanswered.front()) {
        session.go_to_step(i);
        return;
      }
    }
    session.go_to_step(0);
  }
};

}  // namespace

std::unique_ptr<Plugin> create_outcome(PluginSettings& settings, const ContentBundle& /*bundle*/) {
  settings.finish();
  return std::make_unique<OutcomeScreen>();
}

}  // namespace ketascreen::widgets
