#pragma once
// The receiving side's check of a referral payload: is this exactly what the widget would have built
// from these answers and this form? It rebuilds the payload with build_referral_payload (the same
// code the widget runs) and compares, so there is no second copy of any rule.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen {

// A payload that passed: its parts as values, plus the payload itself.
struct ReceivedReferral {
  std::string id;
  std::string created_at;
  std::int64_t created_at_ms = 0;
  std::string clinic;
  std::string locale;
  ReferralDraft draft;  // contact and consent as sent
  std::string consent_version;
  std::int64_t consent_given_at_ms = 0;
  std::int64_t form_opened_at_ms = 0;  // 0 when the payload has no "timing"
  Answers answers;
  Evaluation evaluation;  // re-evaluated here; its outcome equals the payload's
  json::Value payload;
};

// Checks a parsed payload against the bundle the widget ran. Errors are diagnostics whose path is
// the payload field ("contact.phone", "screening.outcome", ...), messages in the payload's locale
// where the widget has one (else English).
Result<ReceivedReferral> read_referral_payload(const ContentBundle& bundle, const json::Value& payload);

// Unix milliseconds of an RFC 3339 date-time ("2026-11-23T14:12:11Z", "...11.5+01:00"), or nullopt.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// Whether text is a lowercase version 4 UUID as uuid_v4 makes them.
bool is_uuid_v4(std::string_view text);

// The first path at which two JSON values differ (objects compared regardless of member order), or
// nullopt when they are equal. `path` is the prefix for the result ("" for the root).
std::optional<std::string> first_difference(const json::Value& a, const json::Value& b, const std::string& path = "");

}  // namespace ketascreen
