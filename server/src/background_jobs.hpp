#pragma once
// What the server does besides answering requests, on one thread of its own: delivers due
// notifications every second, ends idle inbox sessions, forwards requests no provider answered in
// time (referral_routing.hpp), and purges referrals past retention.

#include <atomic>
#include <cstdint>
#include <optional>
#include <thread>

#include "notifier.hpp"
#include "server_context.hpp"

namespace ketascreen::server {

// Deletes referrals received more than retention_days ago and writes the count to the audit log;
// nullopt when the database refused (logged).
std::optional<std::int64_t> purge_expired(ServerContext& context);

class BackgroundJobs {
 public:
  explicit BackgroundJobs(ServerContext& context) : context_(context), notifier_(context) {}
  ~BackgroundJobs() { stop(); }
  void start();
  void stop();

 private:
  void run();
  ServerContext& context_;
  Notifier notifier_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ketascreen::server
