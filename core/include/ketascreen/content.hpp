#pragma once
// The content model: what a clinic publishes (profile, screening definition, articles).
// Plain value types; loading and validation live in content_reader / bundle / authoring.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ketascreen/localized_text.hpp"

namespace ketascreen {

// ---- clinic ----------------------------------------------------------------------------------

struct ChoiceOption {
  std::string id;
  LocalizedText label;
};

struct BrandColours {
  std::string primary;       // "#rrggbb", used on light backgrounds
  std::string primary_dark;  // used on dark backgrounds
  std::string accent;
};

struct ReferralSettings {
  std::string endpoint;
  std::string consent_version;
  LocalizedText consent_text;
  std::vector<ChoiceOption> contact_times;
};

struct Clinic {
  std::string id;
  std::string name;
  std::string phone;
  std::string email;
  std::string address;
  LocalizedText hours;
  std::string website;
  std::vector<std::string> locales;  // first is the default; always contains "en"
  BrandColours brand;
  ReferralSettings referral;
};

// ---- screening -------------------------------------------------------------------------------

// An answer: yes/no -> bool, single choice -> option id, number -> double.
using AnswerValue = std::variant<bool, std::string, double>;

enum class QuestionKind { YesNo, SingleChoice, Number };

struct SimpleCondition {
  enum class Op { Equals, NotEquals, LessThan, AtLeast, Answered };
  std::string question;
  Op op = Op::Equals;
  AnswerValue value = true;  // unused for Answered
};

// One simple condition, or all / any of several (one level, as FHIR enableWhen allows).
struct Condition {
  enum class Combine { All, Any };
  Combine combine = Combine::All;
  std::vector<SimpleCondition> terms;
};

struct Question {
  std::string id;  // stable; also the FHIR linkId
  QuestionKind kind = QuestionKind::YesNo;
  bool required = true;
  LocalizedText text;
  LocalizedText help;
  std::optional<Condition> show_if;
  std::vector<ChoiceOption> options;  // single_choice
  double min = 0, max = 0;            // number
  LocalizedText unit;                 // number, optional
};

enum class FlagSeverity { Urgent, Contraindication, Caution };

struct Rule {
  std::string id;
  Condition when;
  FlagSeverity severity = FlagSeverity::Caution;
  LocalizedText reason;
  std::string article;  // optional article id
};

enum class Outcome { UrgentHelp, NotSuitableNow, DiscussWithProvider, LikelyCandidate, Incomplete };
inline constexpr std::array<Outcome, 5> kAllOutcomes = {Outcome::UrgentHelp, Outcome::NotSuitableNow,
                                                        Outcome::DiscussWithProvider, Outcome::LikelyCandidate,
                                                        Outcome::Incomplete};

struct OutcomeText {
  LocalizedText title;
  LocalizedText body;
};

struct CrisisResource {
  std::string id;
  LocalizedText label;
  LocalizedText detail;
  std::string href;  // tel:, sms: or https:
};

struct Screening {
  std::vector<Question> questions;
  std::vector<Rule> rules;
  std::array<OutcomeText, 5> outcomes;  // indexed by Outcome
  LocalizedText disclaimer;
  std::vector<CrisisResource> crisis_resources;

  const Question* find_question(std::string_view id) const;
  const OutcomeText& outcome_text(Outcome o) const { return outcomes[static_cast<size_t>(o)]; }
};

// ---- articles --------------------------------------------------------------------------------

// A run of text with one style; a paragraph is a list of runs.
struct TextRun {
  std::string text;
  bool bold = false;
  bool italic = false;
  std::string href;  // non-empty for links; "article:<id>" links to another article
  friend bool operator==(const TextRun& a, const TextRun& b) {
    return a.text == b.text && a.bold == b.bold && a.italic == b.italic && a.href == b.href;
  }
};

struct Block {
  enum class Kind { Heading, Paragraph, List, ListItem };
  Kind kind = Kind::Paragraph;
  int level = 0;          // heading level 1-6
  bool ordered = false;   // list
  std::vector<TextRun> runs;      // heading, paragraph
  std::vector<Block> children;    // list -> items, item -> blocks
  friend bool operator==(const Block& a, const Block& b) {
    return a.kind == b.kind && a.level == b.level && a.ordered == b.ordered && a.runs == b.runs &&
           a.children == b.children;
  }
};

struct Source {
  std::string title;
  std::string url;
};

struct Article {
  std::string id;
  std::string locale;
  std::string title;
  std::string summary;
  std::string reviewed_by;
  std::string last_reviewed;  // YYYY-MM-DD
  std::vector<Source> sources;
  std::vector<Block> blocks;
};

// ---- names -----------------------------------------------------------------------------------

std::string_view to_string(Outcome outcome);
std::optional<Outcome> outcome_from_string(std::string_view name);
std::string_view to_string(FlagSeverity severity);
std::optional<FlagSeverity> severity_from_string(std::string_view name);
std::string_view to_string(QuestionKind kind);
std::optional<QuestionKind> question_kind_from_string(std::string_view name);
Outcome outcome_for(FlagSeverity severity);

}  // namespace ketascreen
