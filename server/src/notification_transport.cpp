#include "notification_transport.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

namespace ketascreen::server {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlFree {
  void operator()(char* text) const { curl_free(text); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using StringList = std::unique_ptr<curl_slist, ListDeleter>;

// curl_slist_append returns a new head (or nullptr, leaving the old list intact), so ownership
// moves to whatever it returns.
bool append(StringList& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (!head) return false;
  (void)list.release();
  list.reset(head);
  return true;
}

TransferResult not_started(const std::string& why) {
  TransferResult r;
  r.result = why;
  return r;
}

// Receivers may answer with a page; nobody reads it, and it must not pile up in memory.
size_t discard_body(char*, size_t size, size_t count, void*) { return size * count; }

struct Upload {
  const std::string* data = nullptr;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Options every transfer shares. NOSIGNAL because this runs beside the HTTP server's threads,
// where a SIGALRM from a resolver timeout would land on any of them.
void set_common(CURL* curl, const std::string& url, const char* protocols, long connect_timeout_ms, long timeout_ms,
                char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
}

// Short words for the outbox page and the log. Deliberately not curl's error buffer: that names
// the URL, and a webhook URL can carry a token in its path.
std::string failure_text(CURL* curl, CURLcode code) {
  long os_error = 0;
  curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_error);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    case CURLE_COULDNT_CONNECT: return os_error == ECONNREFUSED ? "connection refused" : "could not connect";
    case CURLE_COULDNT_RESOLVE_HOST: return "host not found";
    case CURLE_COULDNT_RESOLVE_PROXY: return "proxy not found";
    case CURLE_GOT_NOTHING: return "no answer (the connection was closed)";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: return "connection broken";
    case CURLE_PEER_FAILED_VERIFICATION: return "TLS: the server's certificate did not verify";
    case CURLE_SSL_CONNECT_ERROR: return "TLS handshake failed";
    case CURLE_USE_SSL_FAILED: return "the mail server offers no TLS, which a login needs";
    case CURLE_LOGIN_DENIED: return "login refused";
    case CURLE_UNSUPPORTED_PROTOCOL: return "unsupported URL scheme";
    default: return curl_easy_strerror(code);
  }
}

}  // namespace

void start_curl() {
  static std::once_flag started;
  std::call_once(started, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

TransferResult post_webhook(const WebhookPost& post) {
  start_curl();
  EasyHandle curl(curl_easy_init());
  StringList headers;
  bool listed = true;
  for (const auto& [name, value] : post.headers) listed = listed && append(headers, name + ": " + value);
  // An empty Expect stops curl from waiting for "100 Continue" before it sends the body.
  listed = listed && append(headers, "Expect:");
  if (!curl || !listed) return not_started("could not start the request (out of memory)");

  char error_buffer[CURL_ERROR_SIZE] = {0};
  set_common(curl.get(), post.url, "http,https", post.connect_timeout_ms, post.timeout_ms, error_buffer);
  // Redirects are a failure (Standard Webhooks "Delivery success and failure"): the operator
  // should fix the URL, and following them would send the signed call somewhere unconfigured.
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post.body.data());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "ketascreen-server");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard_body);

  CURLcode code = curl_easy_perform(curl.get());
  TransferResult r;
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status > 0) r.http_status = status;
  if (code != CURLE_OK) {
    r.result = failure_text(curl.get(), code);
    return r;
  }
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(curl.get(), CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
    r.retry_after_s = static_cast<std::int64_t>(retry_after);
  r.delivered = status >= 200 && status < 300;
  r.result = r.delivered ? "delivered" : "HTTP " + std::to_string(status);
  return r;
}

TransferResult send_smtp(const SmtpSubmission& submission) {
  start_curl();
  EasyHandle curl(curl_easy_init());
  StringList recipients;
  bool listed = true;
  for (const auto& to : submission.recipients) listed = listed && append(recipients, to);
  if (!curl || !listed) return not_started("could not start the submission (out of memory)");

  char error_buffer[CURL_ERROR_SIZE] = {0};
  set_common(curl.get(), submission.url, "smtp,smtps", submission.connect_timeout_ms, submission.timeout_ms,
             error_buffer);
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, submission.mail_from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  Upload upload{&submission.message, 0};
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  // smtps:// is TLS from the first byte; for smtp://, STARTTLS when offered, or required.
  bool implicit_tls = submission.url.rfind("smtps://", 0) == 0;
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL,
                   static_cast<long>(submission.require_tls || implicit_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!submission.username.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, submission.username.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, submission.password.c_str());
  }

  CURLcode code = curl_easy_perform(curl.get());
  TransferResult r;
  if (code == CURLE_OK) {
    r.delivered = true;
    r.result = "delivered";
    return r;
  }
  long reply = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply);
  r.result = failure_text(curl.get(), code);
  if (reply >= 400) r.result = "SMTP " + std::to_string(reply) + " (" + r.result + ")";
  return r;
}

bool url_host_is_loopback(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return false;
  char* raw_host = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &raw_host, 0) != CURLUE_OK) return false;
  std::unique_ptr<char, CurlFree> owned(raw_host);
  std::string host = raw_host;
  if (host == "localhost" || host == "[::1]") return true;
  // Only a literal 127.x.y.z counts: a name such as "127.example.com" could point anywhere.
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

}  // namespace ketascreen::server
