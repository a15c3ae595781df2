#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace ketascreen::server {

namespace {
constexpr size_t kKeysRemembered = 64;
constexpr size_t kBucketsBeforeSweep = 100000;
}  // namespace

int RateLimiter::admit(const std::string& address, const std::string& key, std::int64_t now_ms) {
  if (per_hour_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  const double per_ms = per_hour_ / 3600000.0;
  if (buckets_.size() > kBucketsBeforeSweep) {
    // Buckets that have refilled completely carry no state worth keeping.
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = (it->second.tokens + (now_ms - it->second.updated_ms) * per_ms >= burst_) ? buckets_.erase(it) : std::next(it);
  }
  auto [it, fresh] = buckets_.try_emplace(address);
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = burst_;
    b.updated_ms = now_ms;
  }
  if (std::find(b.charged.begin(), b.charged.end(), key) != b.charged.end()) return 0;
  b.tokens = std::min<double>(burst_, b.tokens + std::max<std::int64_t>(0, now_ms - b.updated_ms) * per_ms);
  b.updated_ms = now_ms;
  if (b.tokens < 1) return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_ms / 1000)));
  b.tokens -= 1;
  b.charged.push_back(key);
  if (b.charged.size() > kKeysRemembered) b.charged.pop_front();
  return 0;
}

}  // namespace ketascreen::server
