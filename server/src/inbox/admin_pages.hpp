#pragma once
// Pages for administrators only (the router checks the role): the audit log (who saw or changed
// what, when, from where) and the notification outbox (every delivery attempt, and a replay).

#include <string>

#include "../http_message.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"

namespace ketascreen::server {

Response audit_log_page(ServerContext& context, const Request& request, const Viewer& viewer);
Response notifications_page(ServerContext& context, const Request& request, const Viewer& viewer);
Response replay_notification(ServerContext& context, const Request& request, const Viewer& viewer,
                             const std::string& outbox_id);

}  // namespace ketascreen::server
