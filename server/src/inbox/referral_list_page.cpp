#include "referral_list_page.hpp"

#include <algorithm>

#include "csv.hpp"
#include "html.hpp"
#include "inbox_words.hpp"
#include "ketascreen/content.hpp"
#include "ketascreen/json_value.hpp"
#include "referral_view.hpp"
#include "routing_page.hpp"

namespace ketascreen::server {
namespace {

constexpr std::int64_t kPageSize = 50;
constexpr std::int64_t kCsvLimit = 100000;

bool known_status(const std::string& s) {
  const auto& all = referral_statuses();
  return std::find(all.begin(), all.end(), s) != all.end();
}

// The filter from the query; unknown values are dropped (shown as "any") rather than trusted.
constexpr const char* kUnassigned = "unassigned";

ReferralFilter filter_from(const Request& request, const Viewer& viewer, const ProviderNetwork& network) {
  auto q = parse_form(request.query);
  ReferralFilter f;
  if (known_status(q["status"])) f.status = q["status"];
  if (outcome_from_string(q["outcome"])) f.outcome = q["outcome"];
  // Staff of one provider see that provider's, whatever the query says; the network's staff may
  // pick one provider, or those waiting for an admin.
  f.provider = viewer.user.provider;
  if (f.provider.empty() && q["provider"] == kUnassigned) f.unassigned = true;
  else if (f.provider.empty() && network.find(q["provider"])) f.provider = q["provider"];
  f.limit = kPageSize;
  f.offset = html::page_number(request.query) * kPageSize;
  return f;
}

std::string filter_query(const ReferralFilter& f) {
  std::string q;
  if (!f.status.empty()) q += "status=" + url_encode(f.status);
  if (!f.outcome.empty()) q += std::string(q.empty() ? "" : "&") + "outcome=" + url_encode(f.outcome);
  if (f.unassigned) q += std::string(q.empty() ? "" : "&") + "provider=" + kUnassigned;
  else if (!f.provider.empty()) q += std::string(q.empty() ? "" : "&") + "provider=" + url_encode(f.provider);
  return q;
}

std::string filter_detail(const ReferralFilter& f) {
  return "status=" + (f.status.empty() ? std::string("any") : f.status) +
         " outcome=" + (f.outcome.empty() ? std::string("any") : f.outcome) +
         " provider=" + (f.unassigned ? std::string(kUnassigned) : f.provider.empty() ? std::string("any") : f.provider);
}

std::string select(const char* name, const char* label, const std::vector<std::pair<std::string, std::string>>& options,
                   const std::string& chosen) {
  std::string out = std::string("<label for=\"") + name + "\">" + label + "</label><select id=\"" + name + "\" name=\"" +
                    name + "\"><option value=\"\">Any</option>";
  for (const auto& [value, text] : options)
    out += "<option value=\"" + html::escape(value) + "\"" + (value == chosen ? " selected" : "") + ">" +
           html::escape(text) + "</option>";
  return out + "</select>";
}

html::Frame list_frame(const Viewer& viewer) {
  return {"Requests", viewer.user.name, viewer.admin(), viewer.session.csrf, "list"};
}

}  // namespace

Response referral_list(ServerContext& context, const Request& request, const Viewer& viewer) {
  const html::Frame frame = list_frame(viewer);
  ReferralFilter f = filter_from(request, viewer, context.current().network);
  auto rows = context.store->list_referrals(f);
  ReferralFilter all_new;
  all_new.status = "new";
  all_new.provider = viewer.user.provider;
  auto new_count = context.store->count_referrals(all_new);
  auto total = context.store->count_referrals(f);
  if (!rows.ok() || !new_count.ok() || !total.ok()) return html::unavailable(frame);
  if (!audit(context, request, &viewer, "view_list", "",
             filter_detail(f) + " offset=" + std::to_string(f.offset) + " rows=" + std::to_string(rows.value->size())))
    return html::unavailable(frame);

  // The network's staff see whose each request is, and can pick one provider or the unassigned.
  const bool by_provider = viewer.user.provider.empty() && !context.current().network.empty();
  std::vector<std::pair<std::string, std::string>> statuses, outcomes, providers;
  for (const auto& s : referral_statuses()) statuses.emplace_back(s, status_label(s));
  for (Outcome o : kAllOutcomes) outcomes.emplace_back(std::string(to_string(o)), outcome_label(std::string(to_string(o))));

  const bool filtered = !f.status.empty() || !f.outcome.empty() || f.unassigned ||
                        (viewer.user.provider.empty() && !f.provider.empty());
  std::string body = "<h1>Consultation requests</h1>\n<p class=\"summary\"><strong>" + std::to_string(*new_count.value) +
                     " new</strong> · " + std::to_string(*total.value) + (filtered ? " match" : " in all") +
                     "</p>\n";
  std::string provider_filter;
  if (by_provider) {
    providers.emplace_back(kUnassigned, "Unassigned (for a network admin)");
    for (const Provider& p : context.current().network.providers) providers.emplace_back(p.id, p.name);
    provider_filter = select("provider", "Provider", providers, f.unassigned ? kUnassigned : f.provider);
  }
  body += "<form class=\"filters\" method=\"get\" action=\"/inbox\">" + select("status", "Status", statuses, f.status) +
          select("outcome", "Screening result", outcomes, f.outcome) + provider_filter +
          "<button type=\"submit\">Show</button></form>\n";
  std::string query = filter_query(f);
  body += "<p class=\"export\"><a href=\"/inbox/export.csv" + std::string(query.empty() ? "" : "?") + html::escape(query) +
          "\" download>Download these as CSV</a></p>\n";
  if (rows.value->empty()) {
    body += "<p class=\"empty\">No requests" + std::string(filtered ? " match this filter." : " yet.") + "</p>";
  } else {
    body += "<table class=\"requests\">\n<caption class=\"visually-hidden\">Requests, newest first</caption>\n"
            "<thead><tr><th scope=\"col\">Received</th><th scope=\"col\">Name</th><th scope=\"col\">Screening result</th>"
            "<th scope=\"col\">Status</th>" + std::string(by_provider ? "<th scope=\"col\">Provider</th>" : "") +
            "</tr></thead>\n<tbody>\n";
    for (const ReferralRecord& r : *rows.value) {
      std::string name = referral_name(context, r);
      body += "<tr class=\"status-" + html::escape(r.status) + "\"><td data-label=\"Received\">" +
              html::format_time(r.received_at) + "</td><td data-label=\"Name\"><a href=\"/inbox/referrals/" +
              html::escape(r.id) + "\">" + html::escape(name.empty() ? "(unreadable)" : name) +
              "</a></td><td data-label=\"Result\"><span class=\"outcome outcome-" + html::escape(r.outcome) + "\">" +
              html::escape(outcome_label(r.outcome)) + "</span></td><td data-label=\"Status\">" +
              html::escape(status_label(r.status)) +
              (r.close_reason.empty() ? "" : " (" + html::escape(close_reason_label(r.close_reason)) + ")") + "</td>" +
              (by_provider ? "<td data-label=\"Provider\">" +
                                 html::escape(r.provider.empty() ? "Unassigned" : provider_name(context, r.provider)) + "</td>"
                           : std::string()) +
              "</tr>\n";
    }
    body += "</tbody></table>\n";
  }
  std::int64_t page = f.offset / kPageSize;
  body += html::pager("/inbox?" + query + (query.empty() ? "" : "&") + "page=", page, f.offset + kPageSize < *total.value);
  return html::page(200, frame, body);
}

Response referral_csv(ServerContext& context, const Request& request, const Viewer& viewer) {
  const html::Frame frame = list_frame(viewer);
  ReferralFilter f = filter_from(request, viewer, context.current().network);
  f.offset = 0;
  f.limit = kCsvLimit;
  auto rows = context.store->list_referrals(f);
  if (!rows.ok()) return html::unavailable(frame);
  if (!audit(context, request, &viewer, "export_csv", "", filter_detail(f) + " rows=" + std::to_string(rows.value->size())))
    return html::unavailable(frame);
  std::string out = csv_row({"id", "received_at", "status", "close_reason", "outcome", "name", "phone", "email", "zip",
                             "preferred_time", "locale", "consent_version", "consent_given_at", "provider",
                             "routing_reason"});
  for (const ReferralRecord& r : *rows.value) {
    ReferralView v = read_referral_view(context, r);
    out += csv_row({r.id, format_rfc3339(r.received_at), r.status, r.close_reason, r.outcome, v.name, v.phone, v.email,
                    v.zip, v.preferred_time, r.locale, r.consent_version, format_rfc3339(r.consent_given_at), r.provider,
                    r.routing_reason});
  }
  Response resp;
  resp.body = std::move(out);
  resp.set("Content-Type", "text/csv; charset=utf-8");
  resp.set("Content-Disposition", "attachment; filename=\"consultation-requests.csv\"");
  html::add_security_headers(resp);
  return resp;
}

}  // namespace ketascreen::server
