// Fuzzes the run-time bundle reader: any bytes must give a bundle or diagnostics, never a crash,
// and an accepted bundle must survive a serialise/parse round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ketascreen/bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bundle = ketascreen::parse_bundle(text, "fuzz.json");
  if (!bundle) {
    if (bundle.errors().empty()) std::abort();  // a failure must say why
    for (const auto& e : bundle.errors()) (void)e.to_string();
    return 0;
  }
  ketascreen::ContentBundle copy = bundle.value();
  std::string once = ketascreen::serialize_bundle(copy);
  auto again = ketascreen::parse_bundle(once, "fuzz.json");
  if (!again) std::abort();
  ketascreen::ContentBundle copy2 = again.value();
  if (ketascreen::serialize_bundle(copy2) != once) std::abort();
  return 0;
}
