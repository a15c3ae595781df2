#pragma once
// The inbox's own words for stored codes (statuses, close reasons, outcomes, flag severities), for
// staff: short and plain. One place, so the list, the detail page and the CSV say the same.

#include <string>

namespace ketascreen::server {

std::string status_label(const std::string& status);
std::string close_reason_label(const std::string& reason);
std::string outcome_label(const std::string& outcome);
std::string severity_label(const std::string& severity);

}  // namespace ketascreen::server
