#include "ketascreen/providers.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ketascreen {

std::string_view to_string(Service service) {
  switch (service) {
    case Service::IvKetamine: return "iv_ketamine";
    case Service::Esketamine: return "esketamine";
    case Service::Kap: return "kap";
    case Service::Telehealth: return "telehealth";
  }
  return "";
}

std::optional<Service> parse_service(std::string_view id) {
  for (Service s : kAllServices)
    if (to_string(s) == id) return s;
  return std::nullopt;
}

double distance_miles(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadiusMiles = 3958.8;
  constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
  double lat1 = a.lat * kRadiansPerDegree, lat2 = b.lat * kRadiansPerDegree;
  double dlat = lat2 - lat1, dlon = (b.lon - a.lon) * kRadiansPerDegree;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMiles * std::asin(std::sqrt(std::min(1.0, h)));
}

namespace {

// USPS 3-digit ZIP prefixes by state (the National Five-Digit ZIP Code and Post Office Directory's
// sectional centers), as inclusive ranges. Gaps are unassigned prefixes; military prefixes (090-099
// AE, 340 AA, 962-966 AP) are left out on purpose: no state licence covers them.
struct PrefixRange {
  int first, last;
  const char* state;
};
constexpr PrefixRange kPrefixStates[] = {
    {5, 5, "NY"},       {6, 7, "PR"},       {8, 8, "VI"},       {9, 9, "PR"},       {10, 27, "MA"},
    {28, 29, "RI"},     {30, 38, "NH"},     {39, 49, "ME"},     {50, 54, "VT"},     {55, 55, "MA"},
    {56, 59, "VT"},     {60, 69, "CT"},     {70, 89, "NJ"},     {100, 149, "NY"},   {150, 196, "PA"},
    {197, 199, "DE"},   {200, 200, "DC"},   {201, 201, "VA"},   {202, 205, "DC"},   {206, 219, "MD"},
    {220, 246, "VA"},   {247, 268, "WV"},   {270, 289, "NC"},   {290, 299, "SC"},   {300, 319, "GA"},
    {320, 339, "FL"},   {341, 349, "FL"},   {350, 369, "AL"},   {370, 385, "TN"},   {386, 397, "MS"},
    {398, 399, "GA"},   {400, 427, "KY"},   {430, 459, "OH"},   {460, 479, "IN"},   {480, 499, "MI"},
    {500, 528, "IA"},   {530, 549, "WI"},   {550, 567, "MN"},   {569, 569, "DC"},   {570, 577, "SD"},
    {580, 588, "ND"},   {590, 599, "MT"},   {600, 629, "IL"},   {630, 658, "MO"},   {660, 679, "KS"},
    {680, 693, "NE"},   {700, 715, "LA"},   {716, 729, "AR"},   {730, 732, "OK"},   {733, 733, "TX"},
    {734, 749, "OK"},   {750, 799, "TX"},   {800, 816, "CO"},   {820, 831, "WY"},   {832, 838, "ID"},
    {840, 847, "UT"},   {850, 865, "AZ"},   {870, 884, "NM"},   {885, 885, "TX"},   {889, 898, "NV"},
    {900, 961, "CA"},   {967, 968, "HI"},   {969, 969, "GU"},   {970, 979, "OR"},   {980, 994, "WA"},
    {995, 999, "AK"},
};

// Territories that share a prefix with a state or each other, told apart by the full ZIP: American
// Samoa inside Hawaii's 967, and the Pacific islands of 969 that are not Guam.
struct ZipRange {
  int first, last;
  const char* state;
};
constexpr ZipRange kZipExceptions[] = {
    {96799, 96799, "AS"}, {96939, 96940, "PW"}, {96941, 96944, "FM"}, {96950, 96952, "MP"}, {96960, 96960, "MH"},
    {96970, 96970, "MH"},
};

}  // namespace

std::optional<std::string> state_of_zip(std::string_view zip) {
  if (zip.size() < 3) return std::nullopt;
  int prefix = 0;
  for (size_t i = 0; i < 3; ++i) {
    if (zip[i] < '0' || zip[i] > '9') return std::nullopt;
    prefix = prefix * 10 + (zip[i] - '0');
  }
  if (zip.size() >= 5 && std::all_of(zip.begin(), zip.begin() + 5, [](char c) { return c >= '0' && c <= '9'; })) {
    int full = prefix * 100 + (zip[3] - '0') * 10 + (zip[4] - '0');
    for (const auto& range : kZipExceptions)
      if (full >= range.first && full <= range.last) return std::string(range.state);
  }
  for (const auto& range : kPrefixStates)
    if (prefix >= range.first && prefix <= range.last) return std::string(range.state);
  return std::nullopt;
}

bool Provider::offers_service(Service s) const { return std::find(offers.begin(), offers.end(), s) != offers.end(); }

bool Provider::licensed_in(std::string_view st) const {
  return offers_service(Service::Telehealth) &&
         std::find(telehealth_states.begin(), telehealth_states.end(), st) != telehealth_states.end();
}

const Provider* ProviderNetwork::find(std::string_view id) const {
  for (const auto& p : providers)
    if (p.id == id) return &p;
  return nullptr;
}

const ZipPrefixCentroid* ProviderNetwork::find_prefix(std::string_view prefix) const {
  auto at = std::lower_bound(prefixes.begin(), prefixes.end(), prefix,
                             [](const ZipPrefixCentroid& p, std::string_view x) { return p.prefix < x; });
  return at != prefixes.end() && at->prefix == prefix ? &*at : nullptr;
}

std::vector<RankedProvider> rank_providers(const ProviderNetwork& network, const ProviderQuery& query) {
  auto excluded = [&](const Provider& p) {
    return std::find(query.exclude.begin(), query.exclude.end(), p.id) != query.exclude.end();
  };
  // Telehealth counts as what fits whatever service was asked for only when it was asked for; a
  // telehealth provider offered by licence still has to offer the service asked for.
  auto fits = [&](const Provider& p) { return !query.service || p.offers_service(*query.service); };
  // Nearest first, ties by id; from an unknown place, by name and then id. (One comparator, so
  // one std::sort in the wasm.)
  const bool placed = query.from.has_value();
  auto order = [placed](const RankedProvider& a, const RankedProvider& b) {
    if (!placed) return std::tie(a.provider->name, a.provider->id) < std::tie(b.provider->name, b.provider->id);
    if (std::abs(a.miles - b.miles) > 1e-9) return a.miles < b.miles;
    return a.provider->id < b.provider->id;
  };

  std::vector<RankedProvider> near, by_licence;
  for (const auto& p : network.providers) {
    if (excluded(p) || !fits(p)) continue;
    double miles = placed ? distance_miles(*query.from, p.location) : 0;
    if (placed && !p.telehealth_only && miles <= network.radius_miles) {
      near.push_back({&p, miles, false});
    } else if (!query.state.empty() && p.licensed_in(query.state)) {
      by_licence.push_back({&p, miles, true});
    }
  }
  std::sort(near.begin(), near.end(), order);
  std::sort(by_licence.begin(), by_licence.end(), order);
  near.insert(near.end(), by_licence.begin(), by_licence.end());
  if (near.size() > query.limit) near.resize(query.limit);
  return near;
}

}  // namespace ketascreen
