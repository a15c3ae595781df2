#include "server_context.hpp"

#include <chrono>

namespace ketascreen::server {

const ContentBundle& ServerContext::bundle_for(const std::string& content_hash) const {
  for (const auto& b : bundles)
    if (b.content_hash == content_hash) return b;
  return current();
}

std::int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace ketascreen::server
