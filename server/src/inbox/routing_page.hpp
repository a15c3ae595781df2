#pragma once
// The provider network on a referral's page: who has it and why; its provider's Accept and
// Decline (a reason from a fixed list, an optional note); a network admin's reassignment; and, for
// staff of every provider, the whole routing chain. Every change is in the audit log; a change the
// referral no longer allows (reassigned, already answered) writes nothing.

#include <string>
#include <vector>

#include "../http_message.hpp"
#include "../referral_store.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"
#include "ketascreen/fhir_referral.hpp"

namespace ketascreen::server {

// The section's HTML ("" for a single clinic's referral: there is nothing to route).
std::string routing_section(const ServerContext& context, const Viewer& viewer, const ReferralRecord& record,
                            const std::vector<RouteHop>& chain);

Response accept_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);
Response decline_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);
// Admins only (the router checks).
Response reassign_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id);

// The FHIR Task's part of the chain: the current hop's state, its owner, why it was declined.
void add_routing(const ServerContext& context, const ReferralRecord& record, const std::vector<RouteHop>& chain,
                 fhir::IntakeProgress& progress);

// A provider's name for staff: the network's, the clinic's for a single clinic, else its id.
std::string provider_name(const ServerContext& context, const std::string& provider);

}  // namespace ketascreen::server
