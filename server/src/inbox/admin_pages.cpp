#include "admin_pages.hpp"

#include <algorithm>

#include "html.hpp"

namespace ketascreen::server {
namespace {

constexpr std::int64_t kAuditPageSize = 100;
constexpr std::int64_t kOutboxPageSize = 50;

html::Frame frame(const Viewer& viewer, const char* title, const char* current) {
  return {title, viewer.user.name, viewer.admin(), viewer.session.csrf, current};
}

std::string referral_link(const std::string& id) {
  if (id.empty()) return "";
  return "<a href=\"/inbox/referrals/" + html::escape(id) + "\"><code>" + html::escape(id.substr(0, 8)) + "</code></a>";
}

}  // namespace

Response audit_log_page(ServerContext& context, const Request& request, const Viewer& viewer) {
  const std::int64_t page = html::page_number(request.query);
  // One more row than shown tells whether there is an older page.
  auto rows = context.store->audit_log(kAuditPageSize + 1, page * kAuditPageSize);
  if (!rows.ok() || !audit(context, request, &viewer, "view_audit", "", "page=" + std::to_string(page)))
    return html::unavailable(frame(viewer, "", ""));
  const bool more = static_cast<std::int64_t>(rows.value->size()) > kAuditPageSize;
  if (more) rows.value->pop_back();
  std::string body = "<h1>Audit log</h1>\n<p class=\"summary\">Every sign-in, view, change and export, newest first. "
                     "Entries never hold contact details or answers.</p>\n";
  body += "<table class=\"audit\">\n<caption class=\"visually-hidden\">Audit entries, newest first</caption>\n"
          "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>"
          "<th scope=\"col\">Request</th><th scope=\"col\">Detail</th><th scope=\"col\">From</th></tr></thead>\n<tbody>\n";
  for (const AuditEntry& e : *rows.value)
    body += "<tr><td data-label=\"When\">" + html::escape(html::format_time(e.at)) + "</td><td data-label=\"Who\">" +
            html::escape(e.user_name) + "</td><td data-label=\"What\">" + html::escape(e.action) +
            "</td><td data-label=\"Request\">" + referral_link(e.referral_id) + "</td><td data-label=\"Detail\">" +
            html::escape(e.detail) + "</td><td data-label=\"From\">" + html::escape(e.address) + "</td></tr>\n";
  body += "</tbody></table>\n" + html::pager("/inbox/audit?page=", page, more);
  return html::page(200, frame(viewer, "Audit log", "audit"), body);
}

Response notifications_page(ServerContext& context, const Request& request, const Viewer& viewer) {
  const std::int64_t page = html::page_number(request.query);
  auto items = context.store->notifications(kOutboxPageSize + 1, page * kOutboxPageSize);
  if (!items.ok() || !audit(context, request, &viewer, "view_notifications", "", "page=" + std::to_string(page)))
    return html::unavailable(frame(viewer, "", ""));
  const bool more = static_cast<std::int64_t>(items.value->size()) > kOutboxPageSize;
  if (more) items.value->pop_back();
  std::string body = "<h1>Notifications</h1>\n<p class=\"summary\">The emails and webhook calls sent for new requests, "
                     "with every attempt. They carry only the request's id and its inbox link.</p>\n";
  if (items.value->empty()) body += "<p class=\"empty\">Nothing sent yet (no email or webhook is configured, or no request came).</p>";
  for (const OutboxItem& item : *items.value) {
    auto attempts = context.store->attempts_of(item.id);
    if (!attempts.ok()) return html::unavailable(frame(viewer, "", ""));
    body += "<section class=\"outbox state-" + html::escape(item.state) + "\"><h2>" +
            html::escape(item.kind == "email" ? "Email to " : "Webhook to ") + html::escape(item.target) + "</h2>";
    body += "<p>" + html::escape(item.state) + " · queued " + html::escape(html::format_time(item.created_at)) + " · " +
            std::to_string(item.attempts) + " attempt(s)" +
            (item.state == "pending" ? " · next " + html::escape(html::format_time(item.next_attempt_at)) : "") +
            " · request " + referral_link(item.referral_id) + "</p>";
    if (!item.last_error.empty()) body += "<p class=\"error\">Last error: " + html::escape(item.last_error) + "</p>";
    if (!attempts.value->empty()) {
      body += "<ol class=\"attempts\">";
      for (const DeliveryAttempt& a : *attempts.value)
        body += "<li>" + html::escape(html::format_time(a.at)) + ": " + html::escape(a.result) + "</li>";
      body += "</ol>";
    }
    if (item.state != "pending")
      body += "<form method=\"post\" action=\"/inbox/notifications/" + std::to_string(item.id) + "/replay\">" +
              html::csrf_field(viewer.session.csrf) + "<button type=\"submit\">Send again</button></form>";
    body += "</section>\n";
  }
  body += html::pager("/inbox/notifications?page=", page, more);
  return html::page(200, frame(viewer, "Notifications", "notifications"), body);
}

Response replay_notification(ServerContext& context, const Request& request, const Viewer& viewer,
                             const std::string& outbox_id) {
  if (outbox_id.empty() || outbox_id.size() > 18 ||
      !std::all_of(outbox_id.begin(), outbox_id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return html::page(404, frame(viewer, "Not found", "notifications"), "<h1>No such notification</h1>");
  auto replayed = context.store->replay_notification(std::stoll(outbox_id), context.now_ms());
  if (!replayed.ok()) return html::unavailable(frame(viewer, "", ""));
  if (!*replayed.value) return html::page(404, frame(viewer, "Not found", "notifications"), "<h1>No such notification</h1>");
  audit(context, request, &viewer, "replay_notification", "", "outbox " + outbox_id);
  return html::redirect("/inbox/notifications");
}

}  // namespace ketascreen::server
