#pragma once
// Delivers queued notifications (outbox rows written with each referral): email through the
// configured SMTP server and Standard Webhooks 1.0 signed POSTs, with retries, backoff and jitter
// for up to 3 days; a 410 disables the endpoint; every attempt is recorded. A failing delivery
// never touches the referral itself.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "server_context.hpp"

namespace ketascreen::server {

class Notifier {
 public:
  explicit Notifier(ServerContext& context);
  // Problems found reading secrets at start (a missing secret file); empty when ready.
  const std::vector<std::string>& problems() const { return problems_; }
  // Attempts every item due at `now_ms`; returns how many were attempted.
  int deliver_due(std::int64_t now_ms);

 private:
  ServerContext& context_;
  std::vector<std::string> problems_;
  std::map<std::string, std::vector<unsigned char>> webhook_secrets_;  // by URL
  std::string smtp_password_;
};

}  // namespace ketascreen::server
