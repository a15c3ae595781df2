#pragma once
// The referral request: contact details with per-field validation, and the payload of
// shared/DESIGN.md that the widget POSTs to the clinic.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen {

struct ReferralDraft {
  std::string name;
  std::string phone;
  std::string email;
  std::string zip;
  std::string preferred_time;    // a clinic contact_times id
  bool consent = false;
  std::string consent_given_at;  // RFC 3339, set when the box was ticked
  std::string form_opened_at;    // RFC 3339, when the form was first shown; "" for none (sent as "timing")
  // The provider the visitor chose: a provider id, "nearest" (whichever can see them soonest), or
  // "" for a bundle without a provider network (the payload then has no "provider").
  std::string provider;
};

enum class ReferralField { Name, Phone, Email, Zip, PreferredTime, Consent };

struct FieldError {
  ReferralField field;
  std::string message;  // in the person's locale
};

std::string_view to_string(ReferralField field);

// Every problem, one per field at most, in form order. Empty when the draft can be sent.
std::vector<FieldError> validate_referral(const ReferralDraft& draft, const Clinic& clinic, std::string_view locale);

// "+1NXXNXXXXXX" for a valid US number in any common format, nullopt otherwise.
std::optional<std::string> normalize_us_phone(std::string_view text);
bool is_valid_email(std::string_view text);
// The 5-digit ZIP of "12345" or "12345-6789", nullopt otherwise.
std::optional<std::string> normalize_zip(std::string_view text);

// The payload's word for "whichever provider can see me soonest".
inline constexpr std::string_view kNearestProvider = "nearest";

// Whether the widget may post referrals to `url`: https, or plain http on this machine only.
bool is_allowed_referral_endpoint(std::string_view url);

// A random (version 4) UUID from 16 random bytes supplied by the host.
std::string uuid_v4(std::array<uint8_t, 16> random_bytes);
// RFC 3339 UTC time ("2026-11-23T14:12:11Z") of a Unix time in milliseconds.
std::string format_rfc3339(int64_t unix_ms);

struct ReferralContext {
  std::string id;          // uuid_v4, made once per request so retries share it
  std::string created_at;  // RFC 3339
  std::string locale;
};

// The payload, or the reasons it cannot be built (field errors as diagnostics with the field as path,
// or an outcome that offers no referral: urgent_help and incomplete).
Result<json::Value> build_referral_payload(const ContentBundle& bundle, const Answers& answers,
                                           const ReferralDraft& draft, const ReferralContext& context);

}  // namespace ketascreen
