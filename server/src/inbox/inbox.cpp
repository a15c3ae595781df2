#include "inbox.hpp"

namespace ketascreen::server {

Response handle_inbox(ServerContext&, const Request&) { return text_response(404, "not yet\n"); }

}  // namespace ketascreen::server
