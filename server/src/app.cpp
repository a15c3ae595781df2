#include "app.hpp"

#include "inbox/inbox.hpp"
#include "referral_api.hpp"
#include "static_files.hpp"

namespace ketascreen::server {

Response handle_request(ServerContext& context, const Request& request) {
  const std::string& path = request.path;
  if (path == "/api/referrals") {
    if (request.method == "OPTIONS") return referral_preflight(context, request);
    if (request.method == "POST") return receive_referral(context, request);
    Response r = text_response(405, "use POST\n");
    r.set("Allow", "POST, OPTIONS");
    return r;
  }
  if (path == "/inbox" || path.rfind("/inbox/", 0) == 0) return handle_inbox(context, request);
  if (path == "/healthz") return text_response(200, "ok\n");
  if (!context.config.static_dir.empty() && (request.method == "GET" || request.method == "HEAD"))
    return serve_static(resolve_path(context.config, context.config.static_dir), request);
  return text_response(404, "not found\n");
}

}  // namespace ketascreen::server
