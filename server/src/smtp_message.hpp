#pragma once
// The email that tells the clinic a request is waiting: an RFC 5322 message whose only content is
// the inbox link. Nothing about the visitor (name, contact, answers, outcome) ever goes in it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ketascreen::server {

struct NewReferralEmail {
  std::string from;             // as configured: "intake@clinic.example" or "Intake <intake@clinic.example>"
  std::vector<std::string> to;  // the same forms
  std::string inbox_url;
  std::string event_id;         // the outbox item's id, reused in Message-ID so a resend is recognisable
  std::int64_t now_ms = 0;
};

inline constexpr const char* kNewReferralSubject = "A new consultation request is waiting";

// "Wed, 03 Dec 2025 22:13:20 +0000" (RFC 5322 section 3.3, always UTC).
std::string rfc5322_date(std::int64_t unix_ms);

// The bare address of a mailbox for the SMTP envelope (MAIL FROM / RCPT TO): "<a@b>".
// nullopt when there is no address in it.
std::optional<std::string> envelope_address(const std::string& mailbox);

// The whole message with CRLF line ends; nullopt with `problem` when an address or the link would
// break the header or body (a line break in a configured address must not add headers).
std::optional<std::string> compose_new_referral_email(const NewReferralEmail& email, std::string& problem);

}  // namespace ketascreen::server
