#include "routing.hpp"

#include "ketascreen/referral.hpp"
#include "ketascreen/zip_centroids.hpp"

namespace ketascreen::server {
namespace {

// The nearest suitable provider for the visitor at `zip`, any service: the payload does not say
// which one the visitor was after, and a provider near them that offers something is a better
// first call than nobody.
std::optional<std::string> nearest(const ProviderNetwork& network, const std::string& zip,
                                   const std::vector<std::string>& exclude) {
  const std::string zip5 = normalize_zip(zip).value_or(zip);
  ProviderQuery query;
  query.state = state_of_zip(zip5).value_or("");
  query.exclude = exclude;
  query.limit = 1;
  // A ZIP with no known place (a new or unassigned prefix) leaves `from` unset: nobody is near,
  // but a telehealth provider licensed in its state (known from the prefix) may still take it.
  if (auto place = locate_zip(zip5)) query.from = place->centre;
  const std::vector<RankedProvider> ranked = rank_providers(network, query);
  if (ranked.empty()) return std::nullopt;
  return ranked.front().provider->id;
}

}  // namespace

RouteDecision route_new_referral(const ProviderNetwork& network, const std::string& clinic_id, const std::string& chosen,
                                 const std::string& zip) {
  if (network.empty()) return {clinic_id, "single_clinic"};
  if (!chosen.empty() && chosen != kNearestProvider && network.find(chosen)) return {chosen, "visitor_choice"};
  const bool gone = !chosen.empty() && chosen != kNearestProvider;
  if (auto id = nearest(network, zip, {})) return {*id, gone ? "chosen_provider_gone" : "nearest"};
  return {"", "no_provider_near"};
}

std::optional<std::string> next_provider(const ProviderNetwork& network, const std::string& zip,
                                         const std::vector<std::string>& tried) {
  if (network.empty()) return std::nullopt;
  return nearest(network, zip, tried);
}

}  // namespace ketascreen::server
