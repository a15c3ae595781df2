#include "ketascreen/page_events.hpp"

namespace ketascreen {

json::Value step_event_detail(size_t step_number) {
  json::Value detail = json::Value::object();
  detail.set("step", static_cast<double>(step_number));
  return detail;
}

json::Value outcome_event_detail(Outcome outcome, bool detailed) {
  json::Value detail = json::Value::object();
  detail.set("completed", true);
  // urgent_help must be indistinguishable from a completion without detail: naming it would tell
  // an analytics provider that this visitor may be in crisis.
  if (detailed && outcome != Outcome::UrgentHelp) detail.set("outcome", std::string(to_string(outcome)));
  return detail;
}

}  // namespace ketascreen
