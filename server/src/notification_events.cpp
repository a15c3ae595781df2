#include "notification_events.hpp"

#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"

namespace ketascreen::server {

std::string inbox_link(const ServerConfig& config, const std::string& referral_id) {
  return config.public_url + "/inbox/referrals/" + referral_id;
}

std::vector<OutboxItem> notifications_for_new_referral(const ServerContext& context, const std::string& referral_id,
                                                       std::int64_t now_ms) {
  std::vector<OutboxItem> items;
  const ServerConfig& config = context.config;
  if (!config.email.smtp_url.empty() && !config.email.to.empty()) {
    json::Value body = json::Value::object();
    body.set("referral_id", referral_id);
    body.set("inbox_url", inbox_link(config, referral_id));
    std::string to;
    for (const auto& address : config.email.to) to += (to.empty() ? "" : ",") + address;
    items.push_back({0, "email", to, "msg_" + random_token(18), referral_id, json::serialize(body), now_ms, now_ms, 0,
                     "pending", ""});
  }
  for (const auto& hook : config.webhooks) {
    // The exact body that is signed and sent on every attempt (Standard Webhooks: id, timestamp
    // and body are what the receiver verifies).
    json::Value data = json::Value::object();
    data.set("referral_id", referral_id);
    data.set("inbox_url", inbox_link(config, referral_id));
    json::Value event = json::Value::object();
    event.set("type", "referral.received");
    event.set("timestamp", format_rfc3339(now_ms));
    event.set("data", std::move(data));
    items.push_back({0, "webhook", hook.url, "msg_" + random_token(18), referral_id, json::serialize(event), now_ms,
                     now_ms, 0, "pending", ""});
  }
  return items;
}

}  // namespace ketascreen::server
