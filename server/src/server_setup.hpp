#pragma once
// Turning a checked configuration into a running context: reads the content bundles and the key
// file, opens the database and brings its schema up to date. Shared by `serve`, `init`, `user`
// and the tests, so each starts the same way and fails with the same messages.

#include <memory>
#include <string>

#include "connection_pool.hpp"
#include "server_context.hpp"

namespace ketascreen::server {

struct LoadedServer {
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<ReferralStore> store;
  ServerContext context;
};

// Reads the file; errors as `file:line $.path: message` lines.
Result<ServerConfig> load_config_file(const std::string& path);

// Everything `serve` needs. `error` says what is wrong and where.
std::unique_ptr<LoadedServer> load_server(const ServerConfig& config, std::string& error);

// Reads a whole file; nullopt with `error` set when it cannot.
std::optional<std::string> read_file(const std::string& path, std::string& error);

}  // namespace ketascreen::server
