#include "http_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ketascreen::server {

struct HttpServer::State {
  Request request;
  bool started = false;
  size_t discarded = 0;
};

namespace {
constexpr size_t kMaxDiscarded = 1024 * 1024;
}

struct Callbacks {
  static MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
    auto* request = static_cast<Request*>(cls);
    std::string name(key ? key : "");
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, fresh] = request->headers.try_emplace(name, value ? value : "");
    if (!fresh) it->second += std::string(", ") + (value ? value : "");
    return MHD_YES;
  }

  static MHD_Result collect_argument(void* cls, MHD_ValueKind, const char* key, const char* value) {
    auto* query = static_cast<std::string*>(cls);
    if (!query->empty()) *query += '&';
    *query += url_encode(key ? key : "");
    if (value) *query += "=" + url_encode(value);
    return MHD_YES;
  }

  static MHD_Result send(MHD_Connection* connection, const Response& r) {
    MHD_Response* response =
        MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    for (const auto& [name, value] : r.headers) MHD_add_response_header(response, name.c_str(), value.c_str());
    MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(r.status), response);
    MHD_destroy_response(response);
    return queued;
  }

  static MHD_Result access(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                           const char* upload_data, size_t* upload_data_size, void** con_cls) {
    auto* server = static_cast<HttpServer*>(cls);
    auto* state = static_cast<HttpServer::State*>(*con_cls);
    if (!state) {
      state = new HttpServer::State();
      *con_cls = state;
      Request& q = state->request;
      q.method = method ? method : "";
      q.path = url ? url : "/";
      MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, &q);
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_argument, &q.query);
      if (const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
        char text[INET6_ADDRSTRLEN] = {0};
        const sockaddr* sa = info->client_addr;
        if (sa && sa->sa_family == AF_INET)
          inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
        else if (sa && sa->sa_family == AF_INET6)
          inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
        q.remote_address = text;
      }
      // A declared length over the limit is refused before a byte of the body is read.
      std::string length = q.header("content-length");
      if (!length.empty() && length.size() < 19 && std::all_of(length.begin(), length.end(), ::isdigit) &&
          std::stoull(length) > server->options_.max_body) {
        q.body_too_large = true;
        return send(connection, server->handler_(q));
      }
      if (length.size() >= 19) {
        q.body_too_large = true;
        return send(connection, server->handler_(q));
      }
      return MHD_YES;
    }
    Request& q = state->request;
    if (*upload_data_size > 0) {
      // Chunked, or longer than it said: keep reading but drop it (this MHD cannot answer in the
      // middle of a body), answer 413 at the end, and hang up on a flood.
      if (q.body_too_large || q.body.size() + *upload_data_size > server->options_.max_body) {
        q.body_too_large = true;
        state->discarded += *upload_data_size;
        q.body.clear();
        *upload_data_size = 0;
        return state->discarded > kMaxDiscarded ? MHD_NO : MHD_YES;
      }
      q.body.append(upload_data, *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (state->started) return MHD_YES;
    state->started = true;
    return send(connection, server->handler_(q));
  }

  static void completed(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    delete static_cast<HttpServer::State*>(*con_cls);
    *con_cls = nullptr;
  }
};

std::unique_ptr<HttpServer> HttpServer::start(const HttpOptions& options, Handler handler, std::string& error) {
  std::unique_ptr<HttpServer> server(new HttpServer());
  server->options_ = options;
  server->handler_ = std::move(handler);
  sockaddr_in address4{};
  sockaddr_in6 address6{};
  const sockaddr* address = nullptr;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (inet_pton(AF_INET, options.address.c_str(), &address4.sin_addr) == 1) {
    address4.sin_family = AF_INET;
    address4.sin_port = htons(static_cast<uint16_t>(options.port));
    address = reinterpret_cast<const sockaddr*>(&address4);
  } else if (inet_pton(AF_INET6, options.address.c_str(), &address6.sin6_addr) == 1) {
    address6.sin6_family = AF_INET6;
    address6.sin6_port = htons(static_cast<uint16_t>(options.port));
    address = reinterpret_cast<const sockaddr*>(&address6);
    flags |= MHD_USE_IPv6;
  } else {
    error = "listen address '" + options.address + "' is not an IPv4 or IPv6 address";
    return nullptr;
  }
  MHD_Daemon* daemon = MHD_start_daemon(
      flags, static_cast<uint16_t>(options.port), nullptr, nullptr, &Callbacks::access, server.get(),
      MHD_OPTION_SOCK_ADDR, address, MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(std::max(1, options.threads)),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(options.timeout_seconds), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      static_cast<unsigned>(options.connections_per_address), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      static_cast<size_t>(128 * 1024), MHD_OPTION_NOTIFY_COMPLETED, &Callbacks::completed, nullptr, MHD_OPTION_END);
  if (!daemon) {
    error = "cannot listen on " + options.address + ":" + std::to_string(options.port) + " (in use, or not allowed)";
    return nullptr;
  }
  server->daemon_ = daemon;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  server->port_ = info ? info->port : options.port;
  return server;
}

void HttpServer::stop() {
  if (daemon_) MHD_stop_daemon(static_cast<MHD_Daemon*>(daemon_));
  daemon_ = nullptr;
}

HttpServer::~HttpServer() { stop(); }

}  // namespace ketascreen::server
