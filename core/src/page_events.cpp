#include "ketascreen/page_events.hpp"

#include <string>

namespace ketascreen {

json::Value step_event_detail(size_t step_number) {
  json::Value detail = json::Value::object();
  detail.set("step", static_cast<double>(step_number));
  return detail;
}

size_t announced_step(const Screening& screening, const Question& question) {
  if (question.show_if) return 0;
  size_t n = 0;
  for (const Question& q : screening.questions) {
    if (!q.show_if) ++n;
    if (&q == &question || q.id == question.id) return n;
  }
  return 0;
}

json::Value outcome_event_detail() {
  // The outcome is never named: a category (or its absence, as urgent_help once had) would tell an
  // analytics provider which visitors may be in crisis.
  json::Value detail = json::Value::object();
  detail.set("completed", true);
  return detail;
}

bool is_reported_screen(std::string_view screen) { return screen == "providers" || screen == "referral"; }

json::Value screen_event_detail(std::string_view screen) {
  json::Value detail = json::Value::object();
  detail.set("screen", std::string(screen));
  return detail;
}

}  // namespace ketascreen
