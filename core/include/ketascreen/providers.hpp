#pragma once
// The provider network: the providers a bundle lists (content/providers.json), where a ZIP code is,
// and who is nearest. Plain values and pure functions: the widget ranks from 3-digit ZIP prefix
// centroids in the browser (no ZIP leaves before Send), the server from the 5-digit centroids it is
// given (ketascreen_zipdata), both with the same code. A bundle without providers.json is a single
// clinic: a network of one, routed to the clinic itself.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/localized_text.hpp"

namespace ketascreen {

// What a provider offers. The ids are the content format's and the payload's.
enum class Service { IvKetamine, Esketamine, Kap, Telehealth };
inline constexpr Service kAllServices[] = {Service::IvKetamine, Service::Esketamine, Service::Kap,
                                           Service::Telehealth};
std::string_view to_string(Service service);  // "iv_ketamine", "esketamine", "kap", "telehealth"
std::optional<Service> parse_service(std::string_view id);

struct GeoPoint {
  double lat = 0;  // degrees
  double lon = 0;
  friend bool operator==(const GeoPoint& a, const GeoPoint& b) { return a.lat == b.lat && a.lon == b.lon; }
};

// Great-circle distance in statute miles (haversine on a sphere of the Earth's mean radius,
// 3,958.8 mi), the measure both the widget and the server rank by.
double distance_miles(GeoPoint a, GeoPoint b);

// The two-letter state (or territory) whose USPS 3-digit ZIP prefix `zip` starts with, e.g. "KS"
// for "66209"; nullopt for an unassigned prefix or a malformed ZIP. Military (AA/AE/AP) prefixes
// give nullopt: no telehealth licence covers them.
std::optional<std::string> state_of_zip(std::string_view zip);

struct ProviderIntake {
  std::string email;  // where "a new request is waiting" goes (no health data)
  std::string phone;  // for the network's staff, not shown to visitors
};

struct Provider {
  std::string id;      // ^[a-z0-9][a-z0-9_-]*$, stable: stored with every referral routed here
  std::string name;
  std::string address;  // street line
  std::string city;
  std::string state;    // two letters, e.g. "KS"
  std::string zip;      // 5 digits
  std::string phone;
  std::string website;  // https, optional
  std::vector<Service> offers;
  // Telehealth: the states it is licensed in (two-letter codes); empty when it offers none.
  std::vector<std::string> telehealth_states;
  bool telehealth_only = false;  // no site visitors can go to; distance is not shown
  std::vector<std::string> languages;  // two-letter codes, "en" first when spoken
  bool takes_insurance = false;
  LocalizedText accessibility;  // optional, e.g. step-free entrance
  ProviderIntake intake;
  GeoPoint location;  // the centroid of `zip`, filled in when bundling

  bool offers_service(Service s) const;
  bool licensed_in(std::string_view state) const;  // for telehealth
};

// A 3-digit ZIP prefix and the centroid of its ZIP areas (the mean of their centroids): the most
// precise place the widget knows before Send (HIPAA Safe Harbor allows 3 digits).
struct ZipPrefixCentroid {
  std::string prefix;  // "662"
  GeoPoint centre;
};

struct ProviderNetwork {
  double radius_miles = 60;  // "near": providers farther than this are not offered as nearby
  std::vector<Provider> providers;
  // Only the prefixes the widget may need: those with a provider within radius_miles (bundled; the
  // widget falls back to telehealth and the phone for any other prefix).
  std::vector<ZipPrefixCentroid> prefixes;

  bool empty() const { return providers.empty(); }
  const Provider* find(std::string_view id) const;
  const ZipPrefixCentroid* find_prefix(std::string_view prefix) const;
};

// What the visitor asked for: providers offering `service` (any service when nullopt).
struct ProviderQuery {
  // Where the visitor is; nullopt when that is unknown (a ZIP whose prefix has no place in the
  // data): then nobody counts as near, and only the telehealth providers licensed in `state` are
  // listed, by name (distance from nowhere means nothing).
  std::optional<GeoPoint> from;
  std::string state;                // the visitor's state, for telehealth licensure; may be empty
  std::optional<Service> service;   // filter
  std::vector<std::string> exclude;  // provider ids already tried (forwarding after a decline)
  size_t limit = 5;
};

struct RankedProvider {
  const Provider* provider = nullptr;
  double miles = 0;         // from the query point to the provider's location
  bool by_telehealth = false;  // offered because it is licensed in the visitor's state, not near
};

// In-person providers within the radius, nearest first, then the telehealth providers licensed in
// the visitor's state that are not already listed (nearest first, by_telehealth), at most `limit`
// in all. Ties (equal miles to 1e-9) are broken by provider id, so the order never depends on the
// directory's order. Empty when neither exists: the widget then offers the network's phone.
// Without `from`: only those licensed in the state, by name and then id.
std::vector<RankedProvider> rank_providers(const ProviderNetwork& network, const ProviderQuery& query);

}  // namespace ketascreen
