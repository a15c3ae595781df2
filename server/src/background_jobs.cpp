#include "background_jobs.hpp"

#include <chrono>

#include "referral_routing.hpp"

namespace ketascreen::server {

std::optional<std::int64_t> purge_expired(ServerContext& context) {
  std::int64_t now = context.now_ms();
  std::int64_t cutoff = now - static_cast<std::int64_t>(context.config.retention_days) * 86400000;
  auto purged = context.store->purge_received_before(cutoff);
  if (!purged.ok()) {
    if (context.log) context.log("retention purge failed: " + purged.error.message);
    return std::nullopt;
  }
  if (*purged.value > 0 || !context.log) {
    context.store->audit({0, now, "system", "purge", "",
                          "deleted " + std::to_string(*purged.value) + " referrals received over " +
                              std::to_string(context.config.retention_days) + " days ago, with their notes",
                          "local"});
  }
  if (context.log && *purged.value > 0) context.log("retention: purged " + std::to_string(*purged.value) + " referrals");
  return *purged.value;
}

void BackgroundJobs::start() {
  for (const auto& p : notifier_.problems())
    if (context_.log) context_.log("notifications: " + p);
  thread_ = std::thread([this] { run(); });
}

void BackgroundJobs::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void BackgroundJobs::run() {
  std::int64_t next_purge = 0, next_session_sweep = 0, next_forward = 0;
  while (!stopping_) {
    std::int64_t now = context_.now_ms();
    notifier_.deliver_due(now);
    if (now >= next_session_sweep) {
      context_.store->delete_sessions_idle_since(now - context_.config.session_idle_minutes * 60000LL);
      next_session_sweep = now + 60000;
    }
    // Hours are what a provider is given; a minute late is nothing, and the query is cheap.
    if (now >= next_forward) {
      forward_overdue(context_);
      next_forward = now + 60000;
    }
    if (now >= next_purge) {
      purge_expired(context_);
      next_purge = now + 3600000;
    }
    for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace ketascreen::server
