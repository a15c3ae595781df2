#pragma once
// The intake inbox at /inbox: server-rendered HTML behind a login. This file is the router and
// the gate: every route but the login form and the stylesheet needs a session; every POST needs
// the same origin and the session's CSRF token; admin pages need the admin role.

#include "../http_message.hpp"
#include "../server_context.hpp"

namespace ketascreen::server {

Response handle_inbox(ServerContext& context, const Request& request);

}  // namespace ketascreen::server
