#pragma once
// The generated table's shape (scripts/gen-zip-centroids.py writes the rows).

#include <cstddef>
#include <cstdint>

namespace ketascreen::zipdata {

struct ZctaRow {
  std::int32_t zip;      // 66209 for "66209"
  std::int32_t lat_e6;   // micro-degrees, exactly the data set's six decimals
  std::int32_t lon_e6;
};

extern const ZctaRow kZctaRows[];  // sorted by zip
extern const std::size_t kZctaRowCount;

}  // namespace ketascreen::zipdata
