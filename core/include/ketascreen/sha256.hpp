#pragma once
// SHA-256 (FIPS 180-4), for the bundle's content hash. Small and dependency-free so the
// WebAssembly build can verify a bundle without a crypto library.

#include <string>
#include <string_view>

namespace ketascreen {

std::string sha256_hex(std::string_view data);

}  // namespace ketascreen
