#pragma once
// The notifications a referral queues when it reaches someone, built with the change that routed it
// (same transaction). They say only that a request is waiting and where: no name, no contact
// details, no answers, no outcome.

#include <cstdint>
#include <string>
#include <vector>

#include "server_context.hpp"

namespace ketascreen::server {

// The inbox page of one referral.
std::string inbox_link(const ServerConfig& config, const std::string& referral_id);

// Webhook event types.
inline constexpr const char* kReferralReceived = "referral.received";      // a new referral, routed
inline constexpr const char* kReferralForwarded = "referral.forwarded";    // declined, expired or reassigned
inline constexpr const char* kReferralUnassigned = "referral.unassigned";  // nobody took it: a network admin's turn

// For a referral that has just reached `provider` ("" = nobody: it waits for a network admin):
// - email (when SMTP is configured) to that provider's intake address in the content's network;
//   to the configured recipients for a single clinic, a provider without an intake address, or an
//   unassigned referral (the network's own staff);
// - one signed webhook call per endpoint for every provider, and per endpoint scoped to this one.
std::vector<OutboxItem> notifications_for_routed_referral(const ServerContext& context, const std::string& referral_id,
                                                          const std::string& provider, const char* event_type,
                                                          std::int64_t now_ms);

}  // namespace ketascreen::server
