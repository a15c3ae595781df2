#include "referral_api.hpp"

#include <algorithm>
#include <cctype>

#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/referral_intake.hpp"
#include "notification_events.hpp"
#include "referral_routing.hpp"
#include "routing.hpp"

namespace ketascreen::server {
namespace {

bool origin_allowed(const ServerConfig& config, const std::string& origin) {
  return std::find(config.allowed_origins.begin(), config.allowed_origins.end(), origin) != config.allowed_origins.end();
}

// CORS headers for an allowed Origin; nothing for a request without one (not from a browser).
void add_cors(const ServerConfig& config, const Request& request, Response& response) {
  std::string origin = request.header("origin");
  response.set("Vary", "Origin");
  if (!origin.empty() && origin_allowed(config, origin)) response.set("Access-Control-Allow-Origin", origin);
}

Response finish(const ServerConfig& config, const Request& request, Response response) {
  add_cors(config, request, response);
  response.set("Cache-Control", "no-store");
  return response;
}

Response errors_response(int status, const std::vector<std::pair<std::string, std::string>>& errors) {
  json::Value list = json::Value::array();
  for (const auto& [field, message] : errors) {
    json::Value e = json::Value::object();
    e.set("field", field);
    e.set("message", message);
    list.push_back(std::move(e));
  }
  json::Value body = json::Value::object();
  body.set("errors", std::move(list));
  return json_response(status, json::serialize(body));
}

Response error_response(int status, const std::string& message) {
  json::Value body = json::Value::object();
  body.set("error", message);
  return json_response(status, json::serialize(body));
}

Response receipt(int status, const std::string& id, std::int64_t received_at) {
  json::Value body = json::Value::object();
  body.set("id", id);
  body.set("received_at", format_rfc3339(received_at));
  return json_response(status, json::serialize(body));
}

// Header lists are compared without case and spaces ("content-type, idempotency-key").
bool only_allowed_headers(std::string list) {
  std::transform(list.begin(), list.end(), list.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == ' ' || c == '\t'; }), name.end());
    if (!name.empty() && name != "content-type" && name != "idempotency-key") return false;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return true;
}

}  // namespace

std::string client_address(const ServerConfig& config, const Request& request) {
  if (config.trust_proxy) {
    std::string forwarded = request.header("x-forwarded-for");
    if (!forwarded.empty()) {
      // The proxy appends the address it saw last; earlier entries are the client's to forge.
      std::string last = forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1);
      last.erase(std::remove(last.begin(), last.end(), ' '), last.end());
      if (!last.empty()) return last;
    }
  }
  return request.remote_address;
}

Response referral_preflight(const ServerContext& context, const Request& request) {
  Response r;
  r.status = 204;
  std::string origin = request.header("origin");
  bool ok = !origin.empty() && origin_allowed(context.config, origin) &&
            request.header("access-control-request-method") == "POST" &&
            only_allowed_headers(request.header("access-control-request-headers"));
  r.set("Vary", "Origin");
  if (!ok) {
    r.status = 403;
    return r;
  }
  r.set("Access-Control-Allow-Origin", origin);
  r.set("Access-Control-Allow-Methods", "POST");
  r.set("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key");
  r.set("Access-Control-Max-Age", "600");
  return r;
}

Response receive_referral(ServerContext& context, const Request& request) {
  const ServerConfig& config = context.config;
  std::string origin = request.header("origin");
  // A browser on another site: refused before anything is read (the widget's pages are listed).
  if (!origin.empty() && !origin_allowed(config, origin))
    return finish(config, request, error_response(403, "origin " + origin + " may not send referrals here"));
  if (request.body_too_large || request.body.size() > kMaxReferralBody)
    return finish(config, request, error_response(413, "the body is over 64 KiB"));
  if (media_type(request.header("content-type")) != "application/json")
    return finish(config, request, error_response(415, "expected Content-Type: application/json"));
  std::string key = request.header("idempotency-key");
  if (!is_uuid_v4(key))
    return finish(config, request,
                  errors_response(422, {{"Idempotency-Key", "required: the payload id, a lowercase version 4 UUID"}}));

  const std::string body_mac = context.keys.mac("referral-body", request.body);
  // A retry is answered from what is stored, before any check that could have changed since
  // (content updates, the rate limit): the visitor's first acknowledged request stands.
  auto existing = context.store->find_referral(key);
  if (!existing.ok()) {
    if (context.log) context.log("referral " + key + ": database unavailable: " + existing.error.message);
    return finish(config, request, error_response(503, "the referral could not be stored now; try again").set("Retry-After", "2"));
  }
  if (*existing.value) {
    const ReferralRecord& stored = **existing.value;
    if (stored.body_mac != body_mac)
      return finish(config, request, error_response(409, "this Idempotency-Key was used with another body"));
    return finish(config, request, receipt(200, stored.id, stored.received_at));
  }

  auto parsed = json::parse(request.body, {"request body"});
  if (!parsed) {
    std::vector<std::pair<std::string, std::string>> errors;
    for (const auto& d : parsed.errors()) errors.emplace_back("$", d.to_string());
    return finish(config, request, errors_response(422, errors));
  }
  std::string content_hash;
  if (const json::Value* screening = parsed.value().find("screening"))
    if (const json::Value* hash = screening->find("content_hash"); hash && hash->is_string()) content_hash = hash->as_string();
  auto referral = read_referral_payload(context.bundle_for(content_hash), parsed.value());
  if (!referral) {
    std::vector<std::pair<std::string, std::string>> errors;
    for (const auto& d : referral.errors()) errors.emplace_back(d.path, d.message);
    return finish(config, request, errors_response(422, errors));
  }
  if (referral->id != key)
    return finish(config, request, errors_response(422, {{"id", "must equal the Idempotency-Key header"}}));
  // Nobody reads the form, types a name and a phone, picks a time, ticks consent and presses Send
  // within a second of the form opening; a script posting what it captured does. (A retry of a
  // stored request never gets here: it was answered above.)
  if (referral->form_opened_at_ms &&
      referral->created_at_ms - referral->form_opened_at_ms < kMinFormMillis)
    return finish(config, request,
                  errors_response(422, {{"timing.form_opened_at", "sent within a second of the form opening"}}));

  std::int64_t now = context.now_ms();
  if (context.limiter) {
    if (int wait = context.limiter->admit(client_address(config, request), key, now)) {
      return finish(config, request,
                    error_response(429, "too many new requests from this address").set("Retry-After", std::to_string(wait)));
    }
  }

  // Routed with the current network (a provider that left since the widget's content was cached
  // is gone), in the same transaction as the referral: stored means it is with someone.
  const RouteDecision route = route_new_referral(context.current().network, referral->clinic,
                                                 referral->draft.provider, referral->draft.zip);
  ReferralRecord record;
  record.id = key;
  record.clinic = referral->clinic;
  record.provider = route.provider;
  record.routing_reason = route.reason;
  record.locale = referral->locale;
  record.outcome = std::string(to_string(referral->evaluation.outcome));
  record.created_at = referral->created_at_ms;
  record.received_at = now;
  record.updated_at = now;
  record.consent_version = referral->consent_version;
  record.consent_given_at = referral->consent_given_at_ms;
  record.body_mac = body_mac;
  record.sealed = context.keys.seal(request.body, "referral:" + key);

  std::optional<RouteHop> first_hop;
  if (!route.provider.empty()) first_hop = first_hop_for(context, key, route, now);
  auto stored = context.store->insert_referral(
      record,
      notifications_for_routed_referral(context, key, route.provider,
                                        route.provider.empty() ? kReferralUnassigned : kReferralReceived, now),
      first_hop);
  if (!stored.ok()) {
    if (context.log) context.log("referral " + key + ": not stored: " + stored.error.message);
    return finish(config, request, error_response(503, "the referral could not be stored now; try again").set("Retry-After", "2"));
  }
  switch (stored.value->outcome) {
    case InsertOutcome::Created:
      if (context.log) context.log("referral " + key + ": stored");
      return finish(config, request, receipt(201, key, stored.value->received_at));
    case InsertOutcome::Replayed:  // a racing twin won; same body, so its receipt is ours
      return finish(config, request, receipt(200, key, stored.value->received_at));
    case InsertOutcome::Conflict:
      break;
  }
  return finish(config, request, error_response(409, "this Idempotency-Key was used with another body"));
}

}  // namespace ketascreen::server
