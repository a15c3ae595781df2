#include "notification_events.hpp"

#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"

namespace ketascreen::server {
namespace {

// The configured recipients, comma-joined as the outbox keeps them.
std::string configured_recipients(const EmailConfig& email) {
  std::string to;
  for (const auto& address : email.to) to += (to.empty() ? "" : ",") + address;
  return to;
}

// Where the email about a referral at `provider` goes.
std::string email_target(const ServerContext& context, const std::string& provider) {
  if (const Provider* p = provider.empty() ? nullptr : context.current().network.find(provider))
    if (!p->intake.email.empty() && p->intake.email.find(',') == std::string::npos) return p->intake.email;
  return configured_recipients(context.config.email);
}

}  // namespace

std::string inbox_link(const ServerConfig& config, const std::string& referral_id) {
  return config.public_url + "/inbox/referrals/" + referral_id;
}

std::vector<OutboxItem> notifications_for_routed_referral(const ServerContext& context, const std::string& referral_id,
                                                          const std::string& provider, const char* event_type,
                                                          std::int64_t now_ms) {
  std::vector<OutboxItem> items;
  const ServerConfig& config = context.config;
  const std::string to = config.email.smtp_url.empty() ? "" : email_target(context, provider);
  if (!to.empty()) {
    json::Value body = json::Value::object();
    body.set("referral_id", referral_id);
    body.set("inbox_url", inbox_link(config, referral_id));
    items.push_back({0, "email", to, "msg_" + random_token(18), referral_id, json::serialize(body), now_ms, now_ms, 0,
                     "pending", ""});
  }
  for (const auto& hook : config.webhooks) {
    if (!hook.provider.empty() && hook.provider != provider) continue;
    // The exact body that is signed and sent on every attempt (Standard Webhooks: id, timestamp
    // and body are what the receiver verifies).
    json::Value data = json::Value::object();
    data.set("referral_id", referral_id);
    data.set("inbox_url", inbox_link(config, referral_id));
    if (!provider.empty()) data.set("provider", provider);
    json::Value event = json::Value::object();
    event.set("type", event_type);
    event.set("timestamp", format_rfc3339(now_ms));
    event.set("data", std::move(data));
    items.push_back({0, "webhook", hook.url, "msg_" + random_token(18), referral_id, json::serialize(event), now_ms,
                     now_ms, 0, "pending", ""});
  }
  return items;
}

}  // namespace ketascreen::server
