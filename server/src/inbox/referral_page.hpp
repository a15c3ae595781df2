#pragma once
// One request: its detail page (contact, preferred time, result with each flag's reason and the
// answer that raised it, every answer, consent), the staff's work on it (status, notes) and its
// FHIR R4 export, and its provider (routing_page.hpp). Another provider's request is "not found",
// the same as one that does not exist.

#include <string>

#include "../http_message.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"

namespace ketascreen::server {

Response referral_detail(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id,
                         const std::string& message = "");
Response change_status(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);
Response add_referral_note(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);
Response referral_fhir(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);

}  // namespace ketascreen::server
