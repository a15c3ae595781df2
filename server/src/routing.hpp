#pragma once
// Where a referral goes in a provider network: pure decisions over the content's network and the
// visitor's 5-digit ZIP (its centroid from ketascreen_zipdata; the widget only ever had 3 digits),
// with core's rank_providers, so the server's "nearest" is the widget's. The store keeps what is
// decided (RouteHop); referral_routing.hpp moves referrals along the chain.

#include <optional>
#include <string>
#include <vector>

#include "ketascreen/providers.hpp"

namespace ketascreen::server {

struct RouteDecision {
  std::string provider;  // "" = nobody: the referral waits for a network admin
  std::string reason;    // a hop reason, or an unassigned reason when provider is ""
};

// At receipt. `chosen` is the payload's provider: "" (none sent), "nearest", or an id. The
// visitor's choice stands while that provider is in the network (even if farther than the
// radius: the visitor saw the distance and chose); otherwise the nearest suitable provider. A
// bundle without a network is a single clinic: everything goes to the clinic.
RouteDecision route_new_referral(const ProviderNetwork& network, const std::string& clinic_id, const std::string& chosen,
                                 const std::string& zip);

// After a decline or an expiry: the nearest suitable provider for `zip` that is not in `tried`;
// nullopt when nobody is left.
std::optional<std::string> next_provider(const ProviderNetwork& network, const std::string& zip,
                                         const std::vector<std::string>& tried);

}  // namespace ketascreen::server
