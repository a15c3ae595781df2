#include "routing_page.hpp"

#include <algorithm>

#include "../referral_routing.hpp"
#include "html.hpp"
#include "inbox_words.hpp"
#include "ketascreen/utf8.hpp"
#include "referral_access.hpp"
#include "referral_page.hpp"

namespace ketascreen::server {
namespace {

constexpr size_t kMaxDeclineNoteBytes = 1000;

bool network_mode(const ServerContext& context) { return !context.current().network.empty(); }

// The hop the referral is at: the last one, while the referral is still with its provider.
const RouteHop* current_hop(const ReferralRecord& record, const std::vector<RouteHop>& chain) {
  if (chain.empty() || record.provider.empty() || chain.back().provider != record.provider) return nullptr;
  return &chain.back();
}

// Accept and Decline are for the request to a provider of a network: a single clinic has nobody
// to pass a request on to, and takes it by working on it (status).
bool may_answer(const ServerContext& context, const Viewer& viewer, const ReferralRecord& record, const RouteHop* hop) {
  return hop && hop->state == "requested" && hop->reason != "single_clinic" && network_mode(context) &&
         acts_for(viewer, record.provider);
}

std::string answer_forms(const ReferralRecord& r, const std::string& csrf) {
  const std::string base = "/inbox/referrals/" + html::escape(r.id);
  std::string out = "<form class=\"answer\" method=\"post\" action=\"" + base + "/accept\">" + html::csrf_field(csrf) +
                    "<button type=\"submit\">Accept this request</button></form>";
  out += "<form class=\"answer\" method=\"post\" action=\"" + base + "/decline\">" + html::csrf_field(csrf) +
         "<fieldset><legend>Decline</legend><label for=\"decline-reason\">Why</label>"
         "<select id=\"decline-reason\" name=\"reason\" required><option value=\"\">Choose a reason</option>";
  for (const auto& reason : decline_reasons())
    out += "<option value=\"" + reason + "\">" + html::escape(decline_reason_label(reason)) + "</option>";
  out += "</select><label for=\"decline-note\">Note <span class=\"hint\">(optional, for the network; no health "
         "details)</span></label><textarea id=\"decline-note\" name=\"note\" rows=\"2\" maxlength=\"1000\"></textarea>"
         "<button type=\"submit\">Decline and pass it on</button></fieldset></form>";
  return out;
}

std::string reassign_form(const ServerContext& context, const ReferralRecord& r, const std::string& csrf) {
  std::string out = "<form class=\"reassign\" method=\"post\" action=\"/inbox/referrals/" + html::escape(r.id) +
                    "/reassign\">" + html::csrf_field(csrf) +
                    "<label for=\"reassign-to\">Send to another provider</label><select id=\"reassign-to\" "
                    "name=\"provider\" required><option value=\"\">Choose a provider</option>";
  for (const Provider& p : context.current().network.providers) {
    if (p.id == r.provider) continue;
    std::string where = p.telehealth_only ? "telehealth" : p.city + ", " + p.state;
    out += "<option value=\"" + html::escape(p.id) + "\">" + html::escape(p.name + " (" + where + ")") + "</option>";
  }
  out += "</select><button type=\"submit\">Reassign</button></form>";
  return out;
}

std::string chain_list(const ServerContext& context, const ReferralRecord& record, const std::vector<RouteHop>& chain) {
  std::string out = "<h3>Routing chain</h3><ol class=\"chain\">";
  for (const RouteHop& h : chain) {
    out += "<li><strong>" + html::escape(provider_name(context, h.provider)) + "</strong> · " +
           html::escape(routing_reason_label(h.reason)) + " · <span class=\"hop-" + html::escape(h.state) + "\">" +
           html::escape(hop_state_label(h.state)) + "</span><br><span class=\"meta\">asked " +
           html::escape(html::format_time(h.requested_at));
    if (h.decided_at)
      out += "; " + html::escape(hop_state_label(h.state)) + " " + html::escape(html::format_time(*h.decided_at)) +
             (h.decided_by.empty() ? "" : " by " + html::escape(h.decided_by));
    out += "</span>";
    if (!h.decline_reason.empty()) out += "<br>Reason: " + html::escape(decline_reason_label(h.decline_reason));
    if (!h.decline_note.empty()) {
      auto note = context.keys.open(h.decline_note, "decline:" + record.id + ":" + std::to_string(h.seq));
      out += "<br>Note: “" + html::escape(note.value_or("(this note could not be opened with this server's key)")) + "”";
    }
    out += "</li>";
  }
  if (record.provider.empty())
    out += "<li><strong>Network administrators</strong> · " + html::escape(routing_reason_label(record.routing_reason)) +
           "</li>";
  return out + "</ol>";
}

// After a write that changed nothing: gone from this viewer's reach (reassigned meanwhile) is
// "not found"; still here means it was answered meanwhile.
Response unchanged(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id,
                   const std::string& action) {
  bool failed = false;
  auto again = visible_referral(context, viewer, id, failed);
  if (failed) return referral_unavailable(viewer);
  audit(context, request, &viewer, "change_refused", id, action + ": no longer possible for this user");
  if (!again) return referral_not_found(viewer);
  return referral_detail(context, request, viewer, id, "This request is no longer waiting for that: look at it again.");
}

std::string moved_detail(const Forwarded& f) {
  return "-> " + (f.to.empty() ? std::string("unassigned") : f.to) + " (" + f.reason + ")";
}

}  // namespace

std::string provider_name(const ServerContext& context, const std::string& provider) {
  if (const Provider* p = context.current().network.find(provider)) return p->name;
  if (provider == context.current().clinic.id) return context.current().clinic.name;
  return provider;
}

std::string routing_section(const ServerContext& context, const Viewer& viewer, const ReferralRecord& record,
                            const std::vector<RouteHop>& chain) {
  const bool single = chain.empty() ? !record.provider.empty() : chain.back().reason == "single_clinic";
  if (!network_mode(context) && single) return "";
  const RouteHop* hop = current_hop(record, chain);
  std::string out = "<section aria-labelledby=\"routing\"><h2 id=\"routing\">Provider</h2>";
  if (record.provider.empty()) {
    out += "<p class=\"notice\" role=\"status\">Unassigned: " + html::escape(routing_reason_label(record.routing_reason)) +
           ". A network administrator can send it to a provider.</p>";
  } else {
    out += "<p>With <strong>" + html::escape(provider_name(context, record.provider)) + "</strong> · " +
           html::escape(routing_reason_label(record.routing_reason));
    if (hop) {
      out += " · " + html::escape(hop_state_label(hop->state));
      if (hop->state == "requested" && hop->due_at)
        out += " (goes on to the next provider " + html::escape(html::format_time(*hop->due_at)) + ")";
    }
    out += "</p>";
  }
  if (may_answer(context, viewer, record, hop)) out += answer_forms(record, viewer.session.csrf);
  if (viewer.admin() && network_mode(context)) out += reassign_form(context, record, viewer.session.csrf);
  // Which other providers were asked, and why they passed, is for the network, not for each provider.
  if (viewer.user.provider.empty() && !chain.empty()) out += chain_list(context, record, chain);
  return out + "</section>\n";
}

Response accept_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return referral_unavailable(viewer);
  if (!record) return referral_not_found(viewer);
  auto accepted = context.store->accept_hop(id, viewer.user.provider, viewer.user.name, context.now_ms());
  if (!accepted.ok()) return referral_unavailable(viewer);
  if (!*accepted.value) return unchanged(context, request, viewer, id, "accept");
  audit(context, request, &viewer, "accept", id, "accepted for " + record->provider);
  return html::redirect("/inbox/referrals/" + id);
}

Response decline_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  auto form = parse_form(request.body);
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return referral_unavailable(viewer);
  if (!record) return referral_not_found(viewer);
  const std::string reason = form["reason"];
  const auto& reasons = decline_reasons();
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    return referral_detail(context, request, viewer, id, "Choose why you decline the request.");
  std::string note = form["note"];
  note.erase(0, note.find_first_not_of(" \t\r\n"));
  note.erase(note.find_last_not_of(" \t\r\n") + 1);
  if (note.size() > kMaxDeclineNoteBytes || !is_valid_utf8(note))
    return referral_detail(context, request, viewer, id, "A note can have at most 1,000 characters of text.");
  // Only an unanswered request of a network is declined; anything else changes nothing below.
  if (!network_mode(context) || record->provider.empty())
    return unchanged(context, request, viewer, id, "decline");
  auto moved = decline_referral(context, *record, viewer.user.name, reason, note, context.now_ms());
  if (!moved.ok()) return referral_unavailable(viewer);
  if (!moved.value->moved) return unchanged(context, request, viewer, id, "decline");
  audit(context, request, &viewer, "decline", id,
        "declined for " + record->provider + ": " + reason + (note.empty() ? "" : " (with a note)") + " " +
            moved_detail(*moved.value));
  // The provider's own staff can no longer open it; the network's can, and see where it went.
  return html::redirect(viewer.user.provider.empty() ? "/inbox/referrals/" + id : std::string("/inbox"));
}

Response reassign_request(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  auto form = parse_form(request.body);
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return referral_unavailable(viewer);
  if (!record) return referral_not_found(viewer);
  const std::string to = form["provider"];
  if (!network_mode(context) || !context.current().network.find(to))
    return referral_detail(context, request, viewer, id, "Choose one of the network's providers.");
  if (to == record->provider)
    return referral_detail(context, request, viewer, id, "The request is already with this provider.");
  auto moved = reassign_referral(context, *record, to, viewer.user.name, context.now_ms());
  if (!moved.ok()) return referral_unavailable(viewer);
  if (!moved.value->moved) return unchanged(context, request, viewer, id, "reassign");
  audit(context, request, &viewer, "reassign", id,
        "from " + (record->provider.empty() ? std::string("unassigned") : record->provider) + " to " + to);
  return html::redirect("/inbox/referrals/" + id);
}

void add_routing(const ServerContext& context, const ReferralRecord& record, const std::vector<RouteHop>& chain,
                 fhir::IntakeProgress& progress) {
  if (!record.provider.empty()) {
    progress.owner_id = record.provider;
    progress.owner_name = provider_name(context, record.provider);
  }
  if (chain.empty()) return;
  // With a provider: its request. Unassigned: the last provider's answer (declined, or none in time).
  const RouteHop& last = chain.back();
  if (!record.provider.empty() && last.provider != record.provider) return;
  progress.hop_state = last.state;
  if (!last.decline_reason.empty()) progress.status_reason = decline_reason_label(last.decline_reason);
  else if (last.state == "expired") progress.status_reason = hop_state_label(last.state);
}

}  // namespace ketascreen::server
