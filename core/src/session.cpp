#include "ketascreen/session.hpp"

#include <algorithm>

namespace ketascreen {

Session::Session(const ContentBundle& bundle) : bundle_(&bundle) {}

std::string Session::answer(const std::string& question_id, AnswerValue value) {
  const Question* question = bundle_->screening.find_question(question_id);
  if (!question) return "unknown question \"" + question_id + "\"";
  if (std::string why = check_answer(*question, value); !why.empty()) return why;
  answers_[question_id] = std::move(value);
  return {};
}

const AnswerValue* Session::answer_to(const std::string& question_id) const {
  auto it = answers_.find(question_id);
  return it == answers_.end() ? nullptr : &it->second;
}

Answers Session::effective_answers() const {
  Answers shown;
  for (const Question* q : steps()) {
    if (auto it = answers_.find(q->id); it != answers_.end()) shown.insert(*it);
  }
  return shown;
}

bool Session::urgent() const {
  const Evaluation e = evaluation();
  return std::any_of(e.flags.begin(), e.flags.end(), [](const Flag& f) { return f.severity == FlagSeverity::Urgent; });
}

const Question* Session::current_question() const {
  const auto shown = steps();
  return step_ < shown.size() ? shown[step_] : nullptr;
}

bool Session::can_go_next() const {
  const Question* q = current_question();
  return q && (!q->required || answers_.count(q->id) > 0);
}

bool Session::next() {
  if (!can_go_next()) return false;
  ++step_;
  return true;
}

bool Session::back() {
  if (step_ == 0) return false;
  // A changed answer can hide questions, so the count may have shrunk under a finished session.
  step_ = std::min(step_, step_count()) - 1;
  return true;
}

void Session::go_to_step(size_t index) { step_ = std::min(index, step_count()); }

void Session::reset() {
  answers_.clear();
  step_ = 0;
  referral_ = {};
  referral_context_.reset();
}

}  // namespace ketascreen
