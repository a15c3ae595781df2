#pragma once
// The intake inbox at /inbox: server-rendered HTML behind a login.

#include "../http_message.hpp"
#include "../server_context.hpp"

namespace ketascreen::server {

Response handle_inbox(ServerContext& context, const Request& request);

}  // namespace ketascreen::server
