#include "referral_page.hpp"

#include <algorithm>
#include <map>

#include "html.hpp"
#include "inbox_words.hpp"
#include "ketascreen/fhir_referral.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/utf8.hpp"
#include "referral_access.hpp"
#include "referral_view.hpp"
#include "routing_page.hpp"

namespace ketascreen::server {
namespace {

constexpr size_t kMaxNoteBytes = 4000;

Response not_found(const Viewer& viewer) { return referral_not_found(viewer); }
Response unavailable(const Viewer& viewer) { return referral_unavailable(viewer); }

// A write refused in SQL: the referral is no longer this viewer's (reassigned, declined) since
// the page was read. Recorded, and answered as for any referral the viewer may not see.
Response refused_write(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id,
                       const std::string& action) {
  audit(context, request, &viewer, "change_refused", id, action + ": no longer with this user's provider");
  return not_found(viewer);
}

std::string row(const std::string& label, const std::string& value_html) {
  return "<div class=\"field\"><dt>" + html::escape(label) + "</dt><dd>" + value_html + "</dd></div>";
}

std::string contact_section(const ReferralView& v) {
  std::string out = "<section aria-labelledby=\"contact\"><h2 id=\"contact\">Contact</h2><dl class=\"fields\">";
  out += row("Name", html::escape(v.name));
  if (!v.phone.empty()) {
    std::string dial = normalize_us_phone(v.phone).value_or("");
    out += row("Phone", dial.empty() ? html::escape(v.phone)
                                     : "<a href=\"tel:" + html::escape(dial) + "\">" + html::escape(v.phone) + "</a>");
  }
  if (!v.email.empty())
    out += row("Email", "<a href=\"mailto:" + html::escape(url_encode(v.email)) + "\">" + html::escape(v.email) + "</a>");
  out += row("ZIP code", html::escape(v.zip));
  out += row("Best time to call", html::escape(v.preferred_time));
  out += "</dl></section>\n";
  return out;
}

std::string result_section(const ReferralView& v) {
  std::string out = "<section aria-labelledby=\"result\"><h2 id=\"result\">Screening result</h2>";
  out += "<p><span class=\"outcome outcome-" + html::escape(v.record.outcome) + "\">" +
         html::escape(outcome_label(v.record.outcome)) + "</span></p><p class=\"shown\">The person was shown: “" +
         html::escape(v.outcome_title) + "”</p>";
  out += "<p class=\"hint\">A screening aid, not a diagnosis: a qualified provider decides.</p>";
  if (!v.flags.empty()) {
    out += "<h3>Why</h3><ul class=\"flags\">";
    for (const FlagLine& f : v.flags)
      out += "<li class=\"flag severity-" + html::escape(f.severity) + "\"><strong>" + html::escape(severity_label(f.severity)) +
             ":</strong> " + html::escape(f.reason) + "<br><span class=\"raised\">Answer: " +
             html::escape(f.raised_by.question) + " — <strong>" + html::escape(f.raised_by.answer) + "</strong></span></li>";
    out += "</ul>";
  }
  out += "</section>\n";
  return out;
}

std::string answers_section(const ReferralView& v) {
  std::string out = "<section aria-labelledby=\"answers\"><h2 id=\"answers\">Every answer</h2><dl class=\"answers\">";
  for (const AnswerLine& a : v.answers) out += row(a.question, html::escape(a.answer));
  out += "</dl></section>\n";
  return out;
}

std::string consent_section(const ReferralView& v) {
  const ReferralRecord& r = v.record;
  std::string out = "<section aria-labelledby=\"consent\"><h2 id=\"consent\">Consent and record</h2><dl class=\"fields\">";
  out += row("Consent text version", html::escape(r.consent_version));
  out += row("Consent given", html::escape(html::format_time(r.consent_given_at)));
  out += row("Sent", html::escape(html::format_time(r.created_at)));
  out += row("Received", html::escape(html::format_time(r.received_at)));
  out += row("Language", html::escape(r.locale));
  out += row("Request id", "<code>" + html::escape(r.id) + "</code>");
  out += "</dl></section>\n";
  return out;
}

std::string work_section(const ReferralView& v, const std::string& csrf) {
  const ReferralRecord& r = v.record;
  std::string out = "<section aria-labelledby=\"work\"><h2 id=\"work\">Status</h2>";
  out += "<p>Now: <strong>" + html::escape(status_label(r.status)) + "</strong>" +
         (r.close_reason.empty() ? "" : " (" + html::escape(close_reason_label(r.close_reason)) + ")") + " · changed " +
         html::escape(html::format_time(r.updated_at)) + "</p>";
  out += "<form class=\"status\" method=\"post\" action=\"/inbox/referrals/" + html::escape(r.id) + "/status\">" +
         html::csrf_field(csrf) + "<label for=\"new-status\">New status</label><select id=\"new-status\" name=\"status\">";
  for (const auto& s : referral_statuses())
    out += "<option value=\"" + s + "\"" + (s == r.status ? " selected" : "") + ">" + status_label(s) + "</option>";
  out += "</select><label for=\"reason\">Reason <span class=\"hint\">(when closing)</span></label>"
         "<select id=\"reason\" name=\"reason\"><option value=\"\">—</option>";
  for (const auto& c : close_reasons())
    out += "<option value=\"" + c + "\"" + (c == r.close_reason ? " selected" : "") + ">" + close_reason_label(c) + "</option>";
  out += "</select><button type=\"submit\">Save status</button></form></section>\n";
  return out;
}

std::string notes_section(ServerContext& context, const ReferralRecord& r, const std::vector<Note>& notes,
                          const std::string& csrf) {
  std::string out = "<section aria-labelledby=\"notes\"><h2 id=\"notes\">Notes</h2>";
  if (notes.empty()) out += "<p class=\"empty\">No notes yet.</p>";
  else {
    out += "<ol class=\"notes\">";
    for (const Note& n : notes) {
      auto text = context.keys.open(n.sealed, "note:" + r.id);
      out += "<li><p class=\"meta\">" + html::escape(n.author) + " · " + html::escape(html::format_time(n.at)) + "</p><p>" +
             html::escape(text.value_or("(this note could not be opened with this server's key)")) + "</p></li>";
    }
    out += "</ol>";
  }
  out += "<form class=\"note\" method=\"post\" action=\"/inbox/referrals/" + html::escape(r.id) + "/notes\">" +
         html::csrf_field(csrf) + "<label for=\"note-text\">Add a note</label>"
         "<textarea id=\"note-text\" name=\"text\" rows=\"3\" maxlength=\"4000\" required></textarea>"
         "<button type=\"submit\">Add note</button></form></section>\n";
  return out;
}

// The notes a viewer may read. Notes are one organisation's working notes: when a request moves
// along the chain, the next provider's staff must not read what the previous provider wrote. So a
// provider's staff see the notes of network staff (no provider) and of their own provider only; an
// author who no longer exists is treated as another provider's.
SqlResult<std::vector<Note>> readable_notes(ServerContext& context, const Viewer& viewer, std::vector<Note> notes) {
  SqlResult<std::vector<Note>> result;
  if (viewer.user.provider.empty()) {
    result.value = std::move(notes);
    return result;
  }
  std::map<std::string, bool> readable;  // author -> may this viewer read their notes
  std::vector<Note> out;
  for (auto& note : notes) {
    auto known = readable.find(note.author);
    if (known == readable.end()) {
      auto author = context.store->find_user(note.author);
      if (!author.ok()) return SqlResult<std::vector<Note>>::failure(author.error.message, author.error.transient);
      bool same_side = author.value->has_value() &&
                       ((*author.value)->provider.empty() || (*author.value)->provider == viewer.user.provider);
      known = readable.emplace(note.author, same_side).first;
    }
    if (known->second) out.push_back(std::move(note));
  }
  result.value = std::move(out);
  return result;
}

}  // namespace

Response referral_detail(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id,
                         const std::string& message) {
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return unavailable(viewer);
  if (!record) {
    audit(context, request, &viewer, "view_referral_denied", id, "no such request for this user");
    return not_found(viewer);
  }
  auto all_notes = context.store->notes_of(id);
  auto notes = all_notes.ok() ? readable_notes(context, viewer, std::move(*all_notes.value)) : std::move(all_notes);
  auto chain = context.store->hops_of(id);
  if (!notes.ok() || !chain.ok() || !audit(context, request, &viewer, "view_referral", id)) return unavailable(viewer);
  ReferralView v = read_referral_view(context, *record);

  std::string body = "<p class=\"back\"><a href=\"/inbox\">← All requests</a></p>\n<h1>" +
                     html::escape(v.name.empty() ? "Request" : v.name) + "</h1>\n";
  if (!message.empty()) body += "<p class=\"error\" role=\"alert\">" + html::escape(message) + "</p>\n";
  if (!v.problem.empty()) body += "<p class=\"notice\" role=\"status\">" + html::escape(v.problem) + "</p>\n";
  body += "<div class=\"columns\"><div>" + contact_section(v) + routing_section(context, viewer, *record, *chain.value) +
          result_section(v) + work_section(v, viewer.session.csrf) +
          notes_section(context, *record, *notes.value, viewer.session.csrf) + "</div><div>" + answers_section(v) +
          consent_section(v);
  if (v.received)
    body += "<p class=\"export\"><a href=\"/inbox/referrals/" + html::escape(id) +
            "/fhir.json\" download>Download for the EHR (FHIR R4 Bundle)</a></p>";
  body += "</div></div>";
  return html::page(message.empty() ? 200 : 422, {v.name.empty() ? "Request" : v.name, viewer.user.name, viewer.admin(),
                                                   viewer.session.csrf, "list"},
                    body);
}

Response change_status(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  auto form = parse_form(request.body);
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return unavailable(viewer);
  if (!record) return not_found(viewer);
  const std::string status = form["status"];
  std::string reason = form["reason"];
  const auto& statuses = referral_statuses();
  const auto& reasons = close_reasons();
  if (std::find(statuses.begin(), statuses.end(), status) == statuses.end())
    return referral_detail(context, request, viewer, id, "Choose one of the listed statuses.");
  if (status == "closed" && std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    return referral_detail(context, request, viewer, id, "Choose why the request is closed.");
  if (status != "closed") reason.clear();
  auto changed = context.store->set_status(id, viewer.user.provider, status, reason, context.now_ms(), viewer.user.name);
  if (!changed.ok()) return unavailable(viewer);
  if (!*changed.value) return refused_write(context, request, viewer, id, "set_status");
  audit(context, request, &viewer, "set_status", id,
        record->status + " -> " + status + (reason.empty() ? "" : " (" + reason + ")"));
  return html::redirect("/inbox/referrals/" + id);
}

Response add_referral_note(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  auto form = parse_form(request.body);
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return unavailable(viewer);
  if (!record) return not_found(viewer);
  std::string text = form["text"];
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  if (text.empty()) return referral_detail(context, request, viewer, id, "A note cannot be empty.");
  if (text.size() > kMaxNoteBytes || !is_valid_utf8(text))
    return referral_detail(context, request, viewer, id, "A note can have at most 4,000 characters of text.");
  Note note{0, id, viewer.user.name, context.now_ms(), context.keys.seal(text, "note:" + id)};
  auto added = context.store->add_note(note, viewer.user.provider);
  if (!added.ok()) return unavailable(viewer);
  if (!*added.value) return refused_write(context, request, viewer, id, "add_note");
  audit(context, request, &viewer, "add_note", id, std::to_string(text.size()) + " bytes");
  return html::redirect("/inbox/referrals/" + id + "#notes");
}

Response referral_fhir(ServerContext& context, const Request& request, const Viewer& viewer, const std::string& id) {
  bool failed = false;
  auto record = visible_referral(context, viewer, id, failed);
  if (failed) return unavailable(viewer);
  if (!record) return not_found(viewer);
  ReferralView v = read_referral_view(context, *record);
  if (!v.received)
    return referral_detail(context, request, viewer, id, "This request cannot be exported: " + v.problem);
  auto chain = context.store->hops_of(id);
  if (!chain.ok() || !audit(context, request, &viewer, "export_fhir", id)) return unavailable(viewer);
  fhir::IntakeProgress progress;
  progress.status = record->status;
  progress.close_reason = record->close_reason;
  progress.last_modified = format_rfc3339(record->updated_at);
  add_routing(context, *record, *chain.value, progress);
  Response r;
  r.body = json::serialize(fhir::referral_bundle(context.bundle_for(v.content_hash), *v.received, progress), 2);
  r.set("Content-Type", "application/fhir+json; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"referral-" + id + ".fhir.json\"");
  html::add_security_headers(r);
  return r;
}

}  // namespace ketascreen::server
