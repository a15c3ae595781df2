#pragma once
// The inbox's own words for stored codes (statuses, close reasons, outcomes, flag severities,
// routing reasons and states), for
// staff: short and plain. One place, so the list, the detail page and the CSV say the same.

#include <string>

namespace ketascreen::server {

std::string status_label(const std::string& status);
std::string close_reason_label(const std::string& reason);
std::string outcome_label(const std::string& outcome);
std::string severity_label(const std::string& severity);
// The provider network: why a referral went where it is (a hop reason or an unassigned reason),
// a hop's state, and why a provider declined.
std::string routing_reason_label(const std::string& reason);
std::string hop_state_label(const std::string& state);
std::string decline_reason_label(const std::string& reason);

}  // namespace ketascreen::server
