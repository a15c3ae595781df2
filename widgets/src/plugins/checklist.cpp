// The checklist: one question per step with its help text, answer tiles, progress and Back / Next.
// Answers live in the Session, so going back shows them again and show_if follows every change.

#include <cstdio>

#include "../crisis_panel.hpp"
#include "../plugin.hpp"
#include "../ui.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {
namespace {

class Checklist : public Plugin {
 public:
  explicit Checklist(bool show_progress) : show_progress_(show_progress) {}

  void on_show(Flow& flow) override { announce_step(flow); }
  void reset() override { number_text_.clear(); }
  bool places_crisis_panel() const override { return true; }

  void draw(Ui& ui, Flow& flow) override {
    Session& session = flow.session();
    if (session.finished()) session.go_to_step(session.step_count() ? session.step_count() - 1 : 0);
    const Question* q = session.current_question();
    if (!q) return;
    const std::string& locale = flow.locale();

    if (show_progress_) {
      const std::string label = fill(flow.text("checklist.progress"),
                                     {{"n", std::to_string(session.step() + 1)}, {"total", std::to_string(session.step_count())}});
      ui.progress("checklist/progress", session.step() + 1, session.step_count(), label);
    }
    ui.heading("checklist/question", q->text.get(locale), 2);
    if (!q->help.get(locale).empty()) ui.text("checklist/help", q->help.get(locale), TextStyle::Muted);
    ui.spacing(4);

    draw_answers(ui, flow, *q);
    // Crisis help goes right under the answers: the answer just tapped stays where it was (a box
    // above it pushed "Call 911" under the finger), and it is in view where the visitor looks.
    if (session.urgent()) {
      ui.spacing(6);
      draw_crisis_panel(ui, flow);
    }

    ui.spacing(8);
    const bool last = session.step() + 1 == session.step_count();
    if (session.step() > 0 && ui.button("checklist/back", flow.text("checklist.back"), ButtonKind::Secondary)) {
      session.back();
      announce_step(flow);
    }
    if (session.step() > 0) ImGui::SameLine();
    const bool can_next = session.can_go_next();
    if (ui.button("checklist/next", flow.text(last ? "checklist.finish" : "checklist.next"), ButtonKind::Primary, !can_next)) {
      session.next();
      if (session.finished()) {
        flow.show("outcome");
      } else {
        announce_step(flow);
      }
    }
  }

 private:
  void announce_step(Flow& flow) { flow.step_changed(flow.session().step() + 1); }

  void draw_answers(Ui& ui, Flow& flow, const Question& q) {
    Session& session = flow.session();
    const AnswerValue* current = session.answer_to(q.id);
    // The answers are one radio group, named by the question's heading.
    switch (q.kind) {
      case QuestionKind::YesNo:
        ui.begin_radio_group("checklist/answer", "checklist/question");
        for (bool value : {true, false}) {
          const bool selected = current && *current == AnswerValue(value);
          if (ui.choice(value ? "checklist/answer/yes" : "checklist/answer/no",
                        flow.text(value ? "answer.yes" : "answer.no"), selected))
            session.answer(q.id, value);
        }
        ui.end_radio_group();
        break;
      case QuestionKind::SingleChoice:
        ui.begin_radio_group("checklist/answer", "checklist/question");
        for (const auto& option : q.options) {
          const bool selected = current && *current == AnswerValue(option.id);
          if (ui.choice("checklist/answer/" + option.id, option.label.get(flow.locale()), selected))
            session.answer(q.id, option.id);
        }
        ui.end_radio_group();
        break;
      case QuestionKind::Number: draw_number(ui, flow, q, current); break;
    }
  }

  // Numbers are typed; the text is kept per question so a half-typed value survives Back / Next.
  void draw_number(Ui& ui, Flow& flow, const Question& q, const AnswerValue* current) {
    auto [it, inserted] = number_text_.try_emplace(q.id);
    std::string& text = it->second;
    if (inserted && current) text = json::format_number(std::get<double>(*current));
    std::string label = q.unit.get(flow.locale());
    if (label.empty()) label = std::string(flow.text("checklist.number"));
    std::string error;
    if (!text.empty()) {
      char* end = nullptr;
      const double value = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) {
        error = std::string(flow.text("checklist.number_invalid"));
      } else if (std::string why = flow.session().answer(q.id, value); !why.empty()) {
        error = fill(flow.text("checklist.number_range"),
                     {{"min", json::format_number(q.min)}, {"max", json::format_number(q.max)}});
      }
    }
    ui.text_field("checklist/answer/number", label, text, "number", error);
  }

  bool show_progress_;
  std::map<std::string, std::string> number_text_;
};

}  // namespace

std::unique_ptr<Plugin> create_checklist(PluginSettings& settings, const ContentBundle& /*bundle*/) {
  const bool show_progress = settings.boolean("show_progress", true);
  settings.finish();
  return std::make_unique<Checklist>(show_progress);
}

}  // namespace ketascreen::widgets
