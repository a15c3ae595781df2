#pragma once
// The HTTP listener, GNU libmicrohttpd underneath: reads a request into a Request value (body
// capped, so an oversized or endless chunked body is refused with 413 without being buffered),
// hands it to the handler on one of a pool of threads, and writes the Response back.
// Slow clients: idle connections are closed after the timeout; connections per address are capped.

#include <functional>
#include <memory>
#include <string>

#include "http_message.hpp"

namespace ketascreen::server {

struct HttpOptions {
  std::string address = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests); port() tells which
  int threads = 16;
  int timeout_seconds = 15;
  size_t max_body = 64 * 1024;
  int connections_per_address = 128;
};

class HttpServer {
 public:
  using Handler = std::function<Response(const Request&)>;
  ~HttpServer();
  // Starts listening; nullptr and `error` set when the address cannot be bound.
  static std::unique_ptr<HttpServer> start(const HttpOptions& options, Handler handler, std::string& error);
  int port() const { return port_; }
  void stop();

  struct State;  // per-connection reading state (public for the C callbacks)

 private:
  HttpServer() = default;
  void* daemon_ = nullptr;
  int port_ = 0;
  HttpOptions options_;
  Handler handler_;
  friend struct Callbacks;
};

}  // namespace ketascreen::server
