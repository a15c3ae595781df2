#pragma once
// One delivery attempt over the network with libcurl: a Standard Webhooks POST or an SMTP
// submission. Only transport here; what to send, retries and bookkeeping are the Notifier's.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ketascreen::server {

struct TransferResult {
  bool delivered = false;                      // 2xx, or the mail server accepted the message
  std::optional<std::int64_t> http_status;     // when an HTTP answer came
  std::string result;                          // "delivered", "HTTP 500", "timeout", "connection refused", ...
  std::optional<std::int64_t> retry_after_s;   // a Retry-After the receiver sent with its answer
};

struct WebhookPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent byte for byte: it is what was signed
  long connect_timeout_ms = 5000;
  long timeout_ms = 10000;
};

struct SmtpSubmission {
  std::string url;  // smtp://host[:port] or smtps://host[:port]
  std::string mail_from;                // "<a@b>"
  std::vector<std::string> recipients;  // "<a@b>" each
  std::string message;                  // RFC 5322, CRLF line ends
  std::string username;                 // empty: no login
  std::string password;
  bool require_tls = false;             // refuse to go on without TLS (a login to a remote server)
  long connect_timeout_ms = 10000;
  long timeout_ms = 30000;
};

// curl_global_init, once per process; call before the first transfer from any thread.
void start_curl();

TransferResult post_webhook(const WebhookPost& post);
TransferResult send_smtp(const SmtpSubmission& submission);

// Whether the URL's host is this machine (127.0.0.0/8, ::1, localhost): the only place a login
// may go without TLS.
bool url_host_is_loopback(const std::string& url);

}  // namespace ketascreen::server
