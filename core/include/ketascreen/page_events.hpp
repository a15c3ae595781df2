#pragma once
// What the widget tells the host page (DESIGN.md "Page embed"). Pages often forward these events
// to third-party analytics, so the details carry no health information by default; with
// data-events="detailed" the outcome category is included, except urgent_help, which always reads
// as a plain completion. Answers are never included.

#include <cstddef>

#include "ketascreen/content.hpp"
#include "ketascreen/json_value.hpp"

namespace ketascreen {

// {"step": n} with n counted from 1.
json::Value step_event_detail(size_t step_number);
// {"completed": true}, plus {"outcome": "..."} when detailed and the outcome is not urgent_help.
json::Value outcome_event_detail(Outcome outcome, bool detailed);

}  // namespace ketascreen
