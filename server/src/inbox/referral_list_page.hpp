#pragma once
// The list of requests (newest first, filtered by status and outcome, with the count of new ones)
// and its CSV export. A provider's staff see only that provider's requests.

#include "../http_message.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"

namespace ketascreen::server {

Response referral_list(ServerContext& context, const Request& request, const Viewer& viewer);
Response referral_csv(ServerContext& context, const Request& request, const Viewer& viewer);

}  // namespace ketascreen::server
