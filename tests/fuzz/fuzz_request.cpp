// Fuzzes the server's request path: one HTTP request (method, path, query, headers, body) handed to
// handle_request, the function the HTTP listener calls, with no socket. Input: the request as text,
//   METHOD SP PATH[?QUERY] LF (NAME: VALUE LF)* LF BODY
// The server runs on a throw-away SQLite database with the shipped content and no users.
// Checks: every status is one the server documents; no inbox page but the login form, its
// stylesheet and icon answers anything but a redirect to the login or a refusal (nobody is signed
// in); every HTML answer carries the inbox's CSP; a 201 names the Idempotency-Key as its id and the
// same request again is a 200 with the same receipt (exactly once).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "app.hpp"
#include "connection_pool.hpp"
#include "fuzz_support.hpp"
#include "ketascreen/json_value.hpp"
#include "referral_store.hpp"
#include "server_context.hpp"

using namespace ketascreen;
using namespace ketascreen::server;

namespace {

struct FuzzServer {
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<ReferralStore> store;
  ServerContext context;

  FuzzServer() {
    namespace fs = std::filesystem;
    // One database per fuzzing process, removed at exit.
    static const std::string file = (fs::temp_directory_path() / ("ketascreen-fuzz-" + std::to_string(getpid()) + ".sqlite3")).string();
    std::atexit([] {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((file + suffix).c_str());
    });
    auto opened = ConnectionPool::open(file, 2);
    if (!opened.ok()) fuzz_support::die("cannot open " + file + ": " + opened.error.message);
    pool = std::move(*opened.value);
    store = std::make_unique<ReferralStore>(*pool);
    if (!store->migrate().ok()) fuzz_support::die("cannot migrate " + file);
    auto bundle = load_content(fuzz_support::shipped_source());
    if (!bundle) fuzz_support::die("content does not load", bundle.errors());
    context.bundles.push_back(std::move(bundle).value());
    context.config.allowed_origins = {"https://harborlight.example.com"};
    context.config.public_url = "https://intake.example.com";
    context.config.new_referrals_per_hour = 1000000;  // the limiter is tested elsewhere; here it would hide the rest
    context.config.referral_burst = 1000000;
    context.keys = KeyRing::from_bytes(std::vector<unsigned char>(32, 9));
    context.store = store.get();
    context.limiter = std::make_unique<RateLimiter>(context.config.new_referrals_per_hour, context.config.referral_burst);
    context.now_ms = system_now_ms;
  }
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Request parse(std::string_view text) {
  Request r;
  size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  size_t space = line.find(' ');
  r.method = std::string(line.substr(0, space));
  std::string_view target = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  while (!text.empty()) {
    end = text.find('\n');
    line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers[lower(line.substr(0, colon))] = std::string(value);
  }
  r.body = std::string(text);
  r.remote_address = "203.0.113.9";
  return r;
}

bool public_inbox_path(const std::string& path) {
  return path == "/inbox/login" || path == "/inbox/inbox.css" || path == "/inbox/favicon.svg";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FuzzServer server;
  const Request request = parse(std::string_view(reinterpret_cast<const char*>(data), size));
  const Response response = handle_request(server.context, request);

  static const std::set<int> documented = {200, 201, 204, 303, 401, 403, 404, 405, 409, 413, 415, 422, 429, 503};
  if (!documented.count(response.status)) std::abort();
  const bool inbox = request.path == "/inbox" || request.path.rfind("/inbox/", 0) == 0;
  if (inbox && !public_inbox_path(request.path) && response.status != 303 && response.status != 401 &&
      response.status != 405 && response.status != 503)
    std::abort();  // a protected page answered someone who is not signed in
  if (response.header("Content-Type").rfind("text/html", 0) == 0 &&
      response.header("Content-Security-Policy").find("default-src 'none'") == std::string::npos)
    std::abort();
  if (response.status == 201) {
    auto receipt = json::parse(response.body);
    if (!receipt || !receipt.value().find("id") || receipt.value().find("id")->as_string() != request.header("idempotency-key"))
      std::abort();
    const Response again = handle_request(server.context, request);
    if (again.status != 200 || again.body != response.body) std::abort();
  }
  return 0;
}
