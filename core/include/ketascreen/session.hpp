#pragma once
// A visitor's session with the widget: their answers, where they are in the checklist, and their
// referral draft. Plain state plus the navigation rules, so every host and the headless tests
// walk the checklist the same way. No UI here: plugins read and change it.

#include <optional>
#include <string>
#include <vector>

#include "ketascreen/bundle.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen {

class Session {
 public:
  // `bundle` must outlive the session.
  explicit Session(const ContentBundle& bundle);

  const ContentBundle& bundle() const { return *bundle_; }

  // ---- answers ----
  const Answers& answers() const { return answers_; }
  // Records an answer (checked against the question; a wrong type or unknown id is ignored and
  // the reason returned). Answers to questions that become hidden are kept, so going back and
  // changing one's mind restores them, but they never count (visible_questions / evaluate).
  std::string answer(const std::string& question_id, AnswerValue value);
  const AnswerValue* answer_to(const std::string& question_id) const;
  // Only the answers to questions visible now: what is evaluated and sent.
  Answers effective_answers() const;
  Evaluation evaluation() const { return evaluate(bundle_->screening, effective_answers()); }
  // True as soon as any answer raises an urgent flag (crisis resources show at once).
  bool urgent() const;

  // ---- checklist steps ----
  std::vector<const Question*> steps() const { return visible_questions(bundle_->screening, answers_); }
  size_t step_count() const { return steps().size(); }
  size_t step() const { return step_; }  // 0-based index into steps(); == step_count() when done
  const Question* current_question() const;
  // Next is allowed once the current question is answered (or it is optional).
  bool can_go_next() const;
  bool next();  // false when not allowed
  bool back();  // false on the first step
  void go_to_step(size_t index);
  bool finished() const { return step_ >= step_count(); }

  // ---- referral ----
  ReferralDraft& referral() { return referral_; }
  const ReferralDraft& referral() const { return referral_; }
  // The id and time of the request, made once when it is first sent so that retries and a second
  // press of Send after a failure reuse them (the clinic de-duplicates on the id).
  const std::optional<ReferralContext>& referral_context() const { return referral_context_; }
  void set_referral_context(ReferralContext context) { referral_context_ = std::move(context); }

  // Back to the first question with nothing answered.
  void reset();

 private:
  const ContentBundle* bundle_;
  Answers answers_;
  size_t step_ = 0;
  ReferralDraft referral_;
  std::optional<ReferralContext> referral_context_;
};

}  // namespace ketascreen
