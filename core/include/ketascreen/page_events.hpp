#pragma once
// What the widget tells the host page (DESIGN.md "Page embed"). Pages often forward these events
// to third-party analytics, so no event, and no sequence or count of events, may let the page infer
// an answer, and above all not a crisis answer:
//   - steps count the questions every visitor is asked (those without show_if), so a question that
//     an answer adds is never announced and the numbers never depend on answers;
//   - the outcome event says only that a result was shown, in every mode and for every outcome;
//   - data-events="detailed" adds only what the visitor did that every outcome offering it
//     shares: opening the provider list or the referral form (which urgent_help, incomplete and
//     not_suitable_now all lack alike).
// Answers, typed values and the outcome category are never included.

#include <cstddef>
#include <string_view>

#include "ketascreen/content.hpp"
#include "ketascreen/json_value.hpp"

namespace ketascreen {

// {"step": n} with n counted from 1.
json::Value step_event_detail(size_t step_number);
// The step number the page hears for `question`: its position (from 1) among the questions that
// have no show_if; 0 for a question with show_if (or not in `screening`), which is not announced.
size_t announced_step(const Screening& screening, const Question& question);
// {"completed": true}, whatever the outcome.
json::Value outcome_event_detail();
// The same: neither the outcome nor detailed events change it (kept for existing callers).
inline json::Value outcome_event_detail(Outcome /*outcome*/, bool /*detailed*/) { return outcome_event_detail(); }
// Detailed events only: {"screen": "providers" | "referral"} when the visitor opens that screen;
// whether it is reported at all is is_reported_screen.
json::Value screen_event_detail(std::string_view screen);
bool is_reported_screen(std::string_view screen);

}  // namespace ketascreen
