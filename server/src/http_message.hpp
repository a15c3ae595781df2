#pragma once
// HTTP requests and responses as plain values: the HTTP library fills a Request and sends back a
// Response, and everything in between (routing, the API, the inbox) is a function of values, so it
// is tested and fuzzed without a socket.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ketascreen::server {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query, e.g. "/inbox/referrals/abc"
  std::string query;   // raw query string without '?'
  std::map<std::string, std::string> headers;  // names lower-cased; repeated headers joined with ", "
  std::string body;
  std::string remote_address;  // the peer's IP address
  bool body_too_large = false;  // the HTTP layer stopped reading past the limit

  // Header value or "" (name in lower case).
  std::string header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set(std::string name, std::string value);
  std::string header(std::string_view name) const;  // first value or "" (case-insensitive)
};

Response json_response(int status, std::string body);
Response text_response(int status, std::string text);

// application/x-www-form-urlencoded and query strings: name -> value (the last of repeats).
std::map<std::string, std::string> parse_form(std::string_view text);
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space);
std::string url_encode(std::string_view text);
// Cookie header -> name -> value.
std::map<std::string, std::string> parse_cookies(std::string_view header);
// The media type of a Content-Type header, lower case, without parameters.
std::string media_type(std::string_view content_type);

}  // namespace ketascreen::server
