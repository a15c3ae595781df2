#pragma once
// What every request handler may use: the configuration, the content the widget runs, the keys,
// the store and the clock. Built once in main (or by a test) and shared by the HTTP threads.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "crypto.hpp"
#include "ketascreen/bundle.hpp"
#include "rate_limiter.hpp"
#include "referral_store.hpp"

namespace ketascreen::server {

// Sign-in attempts per client address: enough for a front desk behind one address, far too few
// for password spraying (each attempt costs an argon2id hash, 64 MiB, on a request thread).
inline constexpr int kSignInsPerHour = 120;
inline constexpr int kSignInBurst = 30;

struct ServerContext {
  ServerConfig config;
  std::vector<ContentBundle> bundles;  // [0] is the current content; older ones follow
  KeyRing keys;
  ReferralStore* store = nullptr;
  std::unique_ptr<RateLimiter> limiter;          // new referrals per client address
  std::unique_ptr<RateLimiter> sign_in_limiter;  // inbox sign-in attempts per client address
  std::function<std::int64_t()> now_ms;     // Unix ms; tests set their own clock
  std::function<void(const std::string&)> log;  // one line, never with contact details or answers

  const ContentBundle& current() const { return bundles.front(); }
  // The bundle the widget ran, by the payload's content hash; the current one when unknown.
  const ContentBundle& bundle_for(const std::string& content_hash) const;
};

std::int64_t system_now_ms();

}  // namespace ketascreen::server
