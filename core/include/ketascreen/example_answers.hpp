#pragma once
// Example answers that lead to a chosen outcome: for editors who want to see every result page of
// their screening (the desktop preview's outcome simulator) without clicking through it.

#include <optional>

#include "ketascreen/screening_engine.hpp"

namespace ketascreen {

// Answers to the visible questions that produce `outcome`, or nullopt when the screening's rules
// cannot produce it (e.g. no rule of that severity). For likely_candidate every answer raises no
// flag; for the flagged outcomes one rule of that severity fires and nothing more severe;
// incomplete leaves the last required question unanswered.
std::optional<Answers> example_answers(const Screening& screening, Outcome outcome);

}  // namespace ketascreen
