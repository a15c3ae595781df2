#pragma once
// Signing in and out of the inbox: argon2id passwords, lockout after repeated failures, an
// optional authenticator code, and a login form protected by its own CSRF token.

#include <optional>

#include "../http_message.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"

namespace ketascreen::server {

Response login_form(ServerContext& context, const Request& request, int status = 200, const std::string& message = "");
Response login(ServerContext& context, const Request& request);
// 429 (with Retry-After) once an address has made too many sign-in attempts; nullopt otherwise.
std::optional<Response> sign_in_refused(ServerContext& context, const Request& request);
Response logout(ServerContext& context, const Request& request, const Viewer& viewer);

}  // namespace ketascreen::server
