#include "html.hpp"

#include <algorithm>
#include <ctime>

namespace ketascreen::server::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void add_security_headers(Response& response) {
  // No script may run at all; styles only from our own stylesheet; forms post only back here.
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
               "base-uri 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with the inbox's
  // own form posts, and the origin check needs the real one. Other sites still get nothing.
  response.set("Referrer-Policy", "same-origin");
  response.set("Cache-Control", "no-store");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Cross-Origin-Resource-Policy", "same-origin");
}

std::string csrf_field(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">";
}

namespace {

std::string nav_link(const Frame& frame, const char* key, const char* href, const char* label) {
  std::string attrs = frame.current == key ? " aria-current=\"page\"" : "";
  return std::string("<a href=\"") + href + "\"" + attrs + ">" + label + "</a>";
}

}  // namespace

Response page(int status, const Frame& frame, const std::string& body) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<title>" + escape(frame.title) + " · KetaScreen intake</title>\n"
      "<link rel=\"stylesheet\" href=\"/inbox/inbox.css\">\n<link rel=\"icon\" href=\"/inbox/favicon.svg\">\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"top\">\n"
      "<span class=\"brand\">KetaScreen intake</span>\n";
  if (!frame.user.empty()) {
    out += "<nav aria-label=\"Inbox\">" + nav_link(frame, "list", "/inbox", "Requests");
    if (frame.admin) {
      out += nav_link(frame, "audit", "/inbox/audit", "Audit log");
      out += nav_link(frame, "notifications", "/inbox/notifications", "Notifications");
    }
    out += "</nav>\n<form class=\"logout\" method=\"post\" action=\"/inbox/logout\">" + csrf_field(frame.csrf) +
           "<span class=\"who\">" + escape(frame.user) + "</span> <button type=\"submit\">Sign out</button></form>\n";
  }
  out += "</header>\n<main id=\"main\">\n" + body + "\n</main>\n</body>\n</html>\n";
  Response r;
  r.status = status;
  r.body = std::move(out);
  r.set("Content-Type", "text/html; charset=utf-8");
  add_security_headers(r);
  return r;
}

Response unavailable(const Frame& frame) {
  Frame f = frame;
  f.title = "Unavailable";
  return page(503, f, "<h1>The inbox cannot reach its database</h1><p>Nothing was changed. Try again in a moment.</p>");
}

Response redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.set("Location", location);
  r.set("Content-Type", "text/plain; charset=utf-8");
  r.body = "see " + location + "\n";
  add_security_headers(r);
  return r;
}

std::int64_t page_number(std::string_view query) {
  auto q = parse_form(query);
  const std::string& p = q["page"];
  if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
  return std::stoll(p);
}

std::string pager(const std::string& href_before_number, std::int64_t page, bool more) {
  std::string out = "<nav class=\"pages\" aria-label=\"Pages\">";
  if (page > 0) out += "<a href=\"" + escape(href_before_number + std::to_string(page - 1)) + "\">Newer</a>";
  if (more) out += "<a href=\"" + escape(href_before_number + std::to_string(page + 1)) + "\">Older</a>";
  return out + "</nav>";
}

std::string format_time(std::int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &tm);
  return buffer;
}

}  // namespace ketascreen::server::html
