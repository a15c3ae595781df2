#include "referral_routing.hpp"

#include "ketascreen/json_value.hpp"
#include "notification_events.hpp"

namespace ketascreen::server {
namespace {

constexpr std::int64_t kHourMs = 3600000;
// Overdue requests moved per round of the background job; the rest wait for the next round.
constexpr std::int64_t kOverdueBatch = 50;

// The visitor's ZIP, from the sealed payload (kept nowhere in the clear); "" when it cannot be
// opened, which leaves only providers that need no place (none: the referral waits for an admin).
std::string visitor_zip(const ServerContext& context, const ReferralRecord& record) {
  auto plain = context.keys.open(record.sealed, "referral:" + record.id);
  if (!plain) return "";
  auto parsed = json::parse(*plain);
  if (!parsed) return "";
  const json::Value* contact = parsed.value().find("contact");
  const json::Value* zip = contact ? contact->find("zip") : nullptr;
  return zip && zip->is_string() ? zip->as_string() : "";
}

struct Step {
  std::string closing_state;  // "rejected" | "expired" | "reassigned"
  bool require_requested = true;
  std::string decided_by;
  std::string decline_reason;
  std::string note;
  std::string next_reason;          // the next hop's reason
  std::optional<std::string> to;    // a chosen provider (reassignment); else the nearest not yet asked
  std::int64_t from_seq = 0;        // expiry: the overdue hop (else the chain's last)
  std::int64_t due_by = 0;          // expiry: that hop must still be due by then
};

SqlResult<Forwarded> move(ServerContext& context, const ReferralRecord& seen, const Step& step, std::int64_t now) {
  auto chain = context.store->hops_of(seen.id);
  if (!chain.ok()) return sql_failed<Forwarded>(chain);
  RouteMove m;
  m.referral_id = seen.id;
  m.from_provider = seen.provider;
  if (!chain.value->empty() && chain.value->back().provider == seen.provider && !seen.provider.empty())
    m.from_seq = chain.value->back().seq;
  if (step.from_seq > 0) m.from_seq = step.from_seq;
  m.due_by = step.due_by;
  m.require_requested = step.require_requested;
  m.closing_state = step.closing_state;
  m.decided_by = step.decided_by;
  m.decline_reason = step.decline_reason;
  if (!step.note.empty())
    m.decline_note = context.keys.seal(step.note, "decline:" + seen.id + ":" + std::to_string(m.from_seq));
  m.now = now;

  std::optional<std::string> to = step.to;
  if (!to) {
    // Every provider asked before is out, including the one that just declined or let it lapse.
    std::vector<std::string> tried;
    for (const RouteHop& h : *chain.value) tried.push_back(h.provider);
    if (!seen.provider.empty()) tried.push_back(seen.provider);
    to = next_provider(context.current().network, visitor_zip(context, seen), tried);
  }
  Forwarded result;
  if (to) {
    m.next = first_hop_for(context, seen.id, {*to, step.next_reason}, now);
    result = {false, *to, step.next_reason};
  } else {
    m.unassigned_reason = "no_provider_left";
    result = {false, "", m.unassigned_reason};
  }
  auto moved = context.store->move_referral(
      m, notifications_for_routed_referral(context, seen.id, result.to, to ? kReferralForwarded : kReferralUnassigned, now));
  if (!moved.ok()) return sql_failed<Forwarded>(moved);
  result.moved = *moved.value;
  return sql_success(result);
}

}  // namespace

RouteHop first_hop_for(const ServerContext& context, const std::string& referral_id, const RouteDecision& route,
                       std::int64_t now) {
  RouteHop hop;
  hop.referral_id = referral_id;
  hop.provider = route.provider;
  hop.reason = route.reason;
  hop.requested_at = now;
  if (route.reason != "single_clinic")
    hop.due_at = now + static_cast<std::int64_t>(context.config.network.accept_within_hours) * kHourMs;
  return hop;
}

SqlResult<Forwarded> decline_referral(ServerContext& context, const ReferralRecord& seen, const std::string& user,
                                      const std::string& decline_reason, const std::string& note, std::int64_t now) {
  Step step;
  step.closing_state = "rejected";
  step.decided_by = user;
  step.decline_reason = decline_reason;
  step.note = note;
  step.next_reason = "forwarded_after_decline";
  return move(context, seen, step, now);
}

SqlResult<Forwarded> reassign_referral(ServerContext& context, const ReferralRecord& seen, const std::string& to,
                                       const std::string& user, std::int64_t now) {
  Step step;
  step.closing_state = "reassigned";
  step.require_requested = false;
  step.decided_by = user;
  step.next_reason = "reassigned";
  step.to = to;
  return move(context, seen, step, now);
}

std::optional<std::int64_t> forward_overdue(ServerContext& context) {
  const std::int64_t now = context.now_ms();
  auto due = context.store->overdue_hops(now, kOverdueBatch);
  if (!due.ok()) {
    if (context.log) context.log("routing: cannot read overdue requests: " + due.error.message);
    return std::nullopt;
  }
  std::int64_t count = 0;
  for (const RouteHop& hop : *due.value) {
    auto found = context.store->find_referral(hop.referral_id);
    if (!found.ok()) return std::nullopt;
    // Gone (purged), or no longer with this hop's provider: nothing of this hop's to expire.
    if (!*found.value || (*found.value)->provider != hop.provider) continue;
    Step step;
    step.closing_state = "expired";
    step.decided_by = "system";
    step.next_reason = "forwarded_after_expiry";
    step.from_seq = hop.seq;
    step.due_by = now;
    auto moved = move(context, **found.value, step, now);
    if (!moved.ok()) {
      if (context.log) context.log("routing: cannot forward " + hop.referral_id + ": " + moved.error.message);
      return std::nullopt;
    }
    // Another server process (PostgreSQL), or the provider's answer just now, came first.
    if (!moved.value->moved) continue;
    ++count;
    const Forwarded& f = *moved.value;
    context.store->audit({0, now, "system", "forward_expired", hop.referral_id,
                          "unanswered by " + hop.provider + " within " +
                              std::to_string(context.config.network.accept_within_hours) + " h -> " +
                              (f.to.empty() ? "unassigned (" + f.reason + ")" : f.to + " (" + f.reason + ")"),
                          "local"});
  }
  if (count > 0 && context.log) context.log("routing: forwarded " + std::to_string(count) + " unanswered referrals");
  return count;
}

}  // namespace ketascreen::server
