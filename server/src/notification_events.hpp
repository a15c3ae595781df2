#pragma once
// The notifications a new referral queues, built when it is stored (same transaction). They say
// only that a request is waiting and where: no name, no contact details, no answers, no outcome.

#include <cstdint>
#include <string>
#include <vector>

#include "server_context.hpp"

namespace ketascreen::server {

// The inbox page of one referral.
std::string inbox_link(const ServerConfig& config, const std::string& referral_id);

// One email item for the configured recipients (if any) and one item per webhook endpoint.
std::vector<OutboxItem> notifications_for_new_referral(const ServerContext& context, const std::string& referral_id,
                                                       std::int64_t now_ms);

}  // namespace ketascreen::server
