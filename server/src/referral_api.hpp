#pragma once
// POST /api/referrals as the widget sends it (shared/DESIGN.md "Referral server"), and its CORS
// preflight. Answers: 201 stored, 200 the first receipt again, 409 same key other body, 413, 415,
// 422 with field errors, 429 with Retry-After, 503 when the database cannot take it now.

#include <cstdint>

#include "http_message.hpp"
#include "server_context.hpp"

namespace ketascreen::server {

inline constexpr size_t kMaxReferralBody = 64 * 1024;
// The shortest time from the referral form opening to Send that a person can take (the widget
// sends when the form opened as "timing.form_opened_at"; payloads without it are accepted).
inline constexpr std::int64_t kMinFormMillis = 1000;

Response receive_referral(ServerContext& context, const Request& request);
Response referral_preflight(const ServerContext& context, const Request& request);

// The client address used for rate limiting (X-Forwarded-For's last hop only with trust_proxy).
std::string client_address(const ServerConfig& config, const Request& request);

}  // namespace ketascreen::server
