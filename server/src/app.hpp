#pragma once
// The server's routes: the referral API, the intake inbox and (for the demo) static files. A pure
// function of the Request and the context, so tests and the fuzz target call it without a socket.

#include "http_message.hpp"
#include "server_context.hpp"

namespace ketascreen::server {

Response handle_request(ServerContext& context, const Request& request);

}  // namespace ketascreen::server
