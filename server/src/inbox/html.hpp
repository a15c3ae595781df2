#pragma once
// Building the inbox's HTML safely: every piece of text that did not come from this file goes
// through escape() (names, notes, answers, error messages), and every page is wrapped by page(),
// which sets the headers that keep a browser strict (CSP without scripts, no framing, no caching).

#include <string>
#include <string_view>

#include "../http_message.hpp"

namespace ketascreen::server::html {

// Text for an element or a double-quoted attribute: & < > " ' escaped.
std::string escape(std::string_view text);

// What the page frame needs to know about who is looking.
struct Frame {
  std::string title;        // escaped by page()
  std::string user;         // "" on the login page
  bool admin = false;       // shows the admin links
  std::string csrf;         // for the logout form
  std::string current;      // "list" | "audit" | "notifications" (marks the nav link)
};

// A whole HTML document around `body` (already safe HTML), as a response with the inbox's
// security headers.
Response page(int status, const Frame& frame, const std::string& body);

// 503: the database did not answer; nothing was changed. Also what a page that shows health data
// answers when its audit row cannot be written.
Response unavailable(const Frame& frame);

// 303 See Other to a path of this server (after a POST, so a reload does not post again).
Response redirect(const std::string& location);

// The headers every inbox response carries, also for CSV and JSON exports.
void add_security_headers(Response& response);

// <input type="hidden" name="csrf" ...> for a form.
std::string csrf_field(const std::string& csrf);

// The page a list shows: ?page=N from a query string, 0 for anything but up to five digits.
std::int64_t page_number(std::string_view query);

// Newer/Older links of a paged list; `href_before_number` ends in "page=" (its query escaped here).
std::string pager(const std::string& href_before_number, std::int64_t page, bool more);

// "2026-12-01 10:00 UTC" for Unix ms.
std::string format_time(std::int64_t unix_ms);

}  // namespace ketascreen::server::html
