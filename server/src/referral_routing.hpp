#pragma once
// Moving a referral along its routing chain (shared/DESIGN.md "Provider network"): a provider's
// decline, a request nobody answered in time, an admin's reassignment. Each is one RouteMove in the
// store, with the next provider's notifications in the same transaction; the next provider is the
// nearest suitable one not yet asked (routing.hpp), else nobody (a network admin's turn).

#include <cstdint>
#include <optional>
#include <string>

#include "routing.hpp"
#include "server_context.hpp"

namespace ketascreen::server {

// The hop a routing decision opens, with its due time (none for a single clinic: there is nobody
// to forward to, so an unanswered request just stays).
RouteHop first_hop_for(const ServerContext& context, const std::string& referral_id, const RouteDecision& route,
                       std::int64_t now);

struct Forwarded {
  bool moved = false;  // false: the referral was no longer where the caller saw it; nothing changed
  std::string to;      // the provider it went to; "" = it waits for a network admin
  std::string reason;  // the new hop's reason, or the unassigned reason
};

// `seen` is the referral as the caller read it (its provider must still hold it). A decline closes
// the current request as rejected (reason from decline_reasons(), note sealed) and forwards it.
SqlResult<Forwarded> decline_referral(ServerContext& context, const ReferralRecord& seen, const std::string& user,
                                      const std::string& decline_reason, const std::string& note, std::int64_t now);

// A network admin sends the referral to `to` (a provider of the network), closing any open request.
SqlResult<Forwarded> reassign_referral(ServerContext& context, const ReferralRecord& seen, const std::string& to,
                                       const std::string& user, std::int64_t now);

// The background job: every request still unanswered past its due time expires and goes on to the
// next provider, each move in the audit log as "system". How many moved; nullopt when the database
// refused (logged).
std::optional<std::int64_t> forward_overdue(ServerContext& context);

}  // namespace ketascreen::server
