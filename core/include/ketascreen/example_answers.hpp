#pragma once
// Example answers that lead to a chosen outcome: for editors who want to see every result page of
// their screening (the desktop preview's outcome simulator) without clicking through it.

#include <optional>
#include <string>
#include <vector>

#include "ketascreen/screening_engine.hpp"

namespace ketascreen {

// Answers to the visible questions that produce `outcome`, or nullopt when the screening's rules
// cannot produce it (e.g. no rule of that severity). For likely_candidate every answer raises no
// flag; for the flagged outcomes one rule of that severity fires and nothing more severe;
// incomplete leaves the last required question unanswered.
std::optional<Answers> example_answers(const Screening& screening, Outcome outcome);

// A made-up visitor for the preview's persona menu: a name that says who it is, and their answers.
struct Persona {
  std::string name;  // "no concerns", "stops half-way", or "<severity>: <rule id>"
  Answers answers;
  Outcome outcome = Outcome::Incomplete;  // what the screening makes of these answers
};

// One visitor with no concerns, one who stops half-way, and one per rule whose answers raise that
// rule's flag with as few others as the screening allows, so an editor can read every reason and
// follow every article link a rule adds. A rule that no answers can raise gets no persona (the
// content report flags it).
std::vector<Persona> example_personas(const Screening& screening);

}  // namespace ketascreen
