#include "ketascreen/content.hpp"

namespace ketascreen {
namespace {

template <class Enum, size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [value, text] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <class Enum, size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return "?";
}

constexpr std::array<std::pair<Outcome, std::string_view>, 5> kOutcomeNames{{
    {Outcome::UrgentHelp, "urgent_help"},
    {Outcome::NotSuitableNow, "not_suitable_now"},
    {Outcome::DiscussWithProvider, "discuss_with_provider"},
    {Outcome::LikelyCandidate, "likely_candidate"},
    {Outcome::Incomplete, "incomplete"},
}};

constexpr std::array<std::pair<FlagSeverity, std::string_view>, 3> kSeverityNames{{
    {FlagSeverity::Urgent, "urgent"},
    {FlagSeverity::Contraindication, "contraindication"},
    {FlagSeverity::Caution, "caution"},
}};

constexpr std::array<std::pair<QuestionKind, std::string_view>, 3> kKindNames{{
    {QuestionKind::YesNo, "yes_no"},
    {QuestionKind::SingleChoice, "single_choice"},
    {QuestionKind::Number, "number"},
}};

}  // namespace

std::string_view to_string(Outcome outcome) { return name_of(kOutcomeNames, outcome); }
std::optional<Outcome> outcome_from_string(std::string_view name) { return lookup(kOutcomeNames, name); }
std::string_view to_string(FlagSeverity severity) { return name_of(kSeverityNames, severity); }
std::optional<FlagSeverity> severity_from_string(std::string_view name) { return lookup(kSeverityNames, name); }
std::string_view to_string(QuestionKind kind) { return name_of(kKindNames, kind); }
std::optional<QuestionKind> question_kind_from_string(std::string_view name) { return lookup(kKindNames, name); }

Outcome outcome_for(FlagSeverity severity) {
  switch (severity) {
    case FlagSeverity::Urgent: return Outcome::UrgentHelp;
    case FlagSeverity::Contraindication: return Outcome::NotSuitableNow;
    case FlagSeverity::Caution: return Outcome::DiscussWithProvider;
  }
  return Outcome::DiscussWithProvider;
}

const Question* Screening::find_question(std::string_view id) const {
  for (const auto& q : questions)
    if (q.id == id) return &q;
  return nullptr;
}

}  // namespace ketascreen
