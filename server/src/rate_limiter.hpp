#pragma once
// Per-address limit on new referrals: a token bucket per client address. A key that was already
// charged (a visitor's retry after a lost answer or a 5xx) is never charged again, so the limit
// cannot stand between a visitor and their own retries. In memory, per process: with several
// processes the limit is per process (see README).

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ketascreen::server {

class RateLimiter {
 public:
  // `per_hour` == 0 turns the limit off.
  RateLimiter(int per_hour, int burst) : per_hour_(per_hour), burst_(burst) {}

  // 0 when `key` from `address` may go ahead (and is charged if new), else the seconds to wait.
  int admit(const std::string& address, const std::string& key, std::int64_t now_ms);

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
    std::deque<std::string> charged;  // the last keys charged, newest last
  };
  int per_hour_;
  int burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ketascreen::server
