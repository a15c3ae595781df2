#pragma once
// One referral as intake staff read it: the sealed payload opened, checked again with core's rules
// against the content the visitor was screened with, and every code turned into the words the
// widget showed (question texts, option labels, flag reasons) in the staff's language. Pure: no
// HTML here, so the page, the CSV and the FHIR export read the same values.

#include <optional>
#include <string>
#include <vector>

#include "../referral_store.hpp"
#include "../server_context.hpp"
#include "ketascreen/referral_intake.hpp"

namespace ketascreen::server {

struct AnswerLine {
  std::string question_id;
  std::string question;  // the question's text
  std::string answer;    // "Yes", the option's label, "42 years"
};

struct FlagLine {
  std::string severity;  // "urgent" | "contraindication" | "caution"
  std::string reason;    // the rule's reason
  AnswerLine raised_by;  // the answer that raised it
};

struct ReferralView {
  ReferralRecord record;
  // Empty when every part below was read; otherwise what could not be (the values that could
  // still be read are filled in).
  std::string problem;
  std::string name, phone, email, zip;
  std::string preferred_time;  // the contact time's label
  std::string outcome_title;   // e.g. "Worth discussing with a provider"
  std::vector<FlagLine> flags;
  std::vector<AnswerLine> answers;  // in question order, visible questions only
  std::string content_hash;                  // of the content the visitor was screened with
  std::optional<ReceivedReferral> received;  // the checked payload (for the FHIR export)
};

// The staff's language: the clinic's first locale.
std::string staff_locale(const ServerContext& context);

// Opens and reads `record`. Never fails: a payload that cannot be opened (wrong key) or no longer
// matches any loaded content still shows what is known, with `problem` saying what is missing.
ReferralView read_referral_view(const ServerContext& context, const ReferralRecord& record);

// Just the contact name (for the list), or "" when it cannot be opened.
std::string referral_name(const ServerContext& context, const ReferralRecord& record);

}  // namespace ketascreen::server
