#include "ketascreen/zip_centroids.hpp"

#include <algorithm>
#include <cstdlib>

#include "zip_centroid_table.hpp"

namespace ketascreen {
namespace {

using zipdata::kZctaRowCount;
using zipdata::kZctaRows;
using zipdata::ZctaRow;

const ZctaRow* rows_begin() { return kZctaRows; }
const ZctaRow* rows_end() { return kZctaRows + kZctaRowCount; }

GeoPoint point_of(const ZctaRow& row) { return {row.lat_e6 / 1e6, row.lon_e6 / 1e6}; }

std::string five_digits(std::int32_t zip) {
  std::string s = std::to_string(zip);
  return std::string(5 - std::min<size_t>(5, s.size()), '0') + s;
}

std::optional<std::int32_t> parse_digits(std::string_view text, size_t count) {
  if (text.size() != count) return std::nullopt;
  std::int32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The rows whose ZIP starts with the 3-digit prefix `prefix` (as a number, 0-999).
std::pair<const ZctaRow*, const ZctaRow*> prefix_rows(std::int32_t prefix) {
  auto by_zip = [](const ZctaRow& row, std::int32_t zip) { return row.zip < zip; };
  const ZctaRow* first = std::lower_bound(rows_begin(), rows_end(), prefix * 100, by_zip);
  const ZctaRow* last = std::lower_bound(first, rows_end(), (prefix + 1) * 100, by_zip);
  return {first, last};
}

GeoPoint mean_of(const ZctaRow* first, const ZctaRow* last) {
  double lat = 0, lon = 0;
  for (const ZctaRow* r = first; r != last; ++r) {
    lat += r->lat_e6;
    lon += r->lon_e6;
  }
  double n = static_cast<double>(last - first);
  return {lat / n / 1e6, lon / n / 1e6};
}

}  // namespace

std::optional<ZipLocation> locate_zip(std::string_view zip5) {
  auto zip = parse_digits(zip5, 5);
  if (!zip) return std::nullopt;
  auto [first, last] = prefix_rows(*zip / 100);
  if (first == last) return std::nullopt;
  auto at = std::lower_bound(first, last, *zip, [](const ZctaRow& row, std::int32_t z) { return row.zip < z; });
  if (at != last && at->zip == *zip) return ZipLocation{point_of(*at), five_digits(at->zip), true};
  // No ZCTA of its own (a PO box, a single building): the numerically nearest ZCTA of the same
  // prefix, the lower one on a tie, since ZIPs are assigned along delivery routes within a prefix.
  const ZctaRow* best = at == last ? at - 1 : at;
  if (at != first && at != last && (*zip - (at - 1)->zip) <= (at->zip - *zip)) best = at - 1;
  return ZipLocation{point_of(*best), five_digits(best->zip), false};
}

std::optional<GeoPoint> zip_prefix_centroid(std::string_view prefix3) {
  auto prefix = parse_digits(prefix3, 3);
  if (!prefix) return std::nullopt;
  auto [first, last] = prefix_rows(*prefix);
  if (first == last) return std::nullopt;
  return mean_of(first, last);
}

const std::vector<ZipPrefixCentroid>& all_zip_prefix_centroids() {
  static const std::vector<ZipPrefixCentroid> all = [] {
    std::vector<ZipPrefixCentroid> out;
    for (std::int32_t prefix = 0; prefix < 1000; ++prefix) {
      auto [first, last] = prefix_rows(prefix);
      if (first == last) continue;
      out.push_back({five_digits(prefix).substr(2), mean_of(first, last)});
    }
    return out;
  }();
  return all;
}

std::size_t zcta_count() { return kZctaRowCount; }

}  // namespace ketascreen
