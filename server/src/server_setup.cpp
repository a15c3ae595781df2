#include "server_setup.hpp"

#include <fstream>
#include <sstream>

#include "ketascreen/bundle.hpp"

namespace ketascreen::server {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<ServerConfig> load_config_file(const std::string& path) {
  std::string error;
  auto text = read_file(path, error);
  if (!text) return Result<ServerConfig>::failure({{DiagnosticLevel::Error, path, 0, "", error}});
  return parse_config(*text, path);
}

std::unique_ptr<LoadedServer> load_server(const ServerConfig& config, std::string& error) {
  auto loaded = std::make_unique<LoadedServer>();
  ServerContext& c = loaded->context;
  c.config = config;
  std::vector<std::string> files = {config.content};
  files.insert(files.end(), config.previous_content.begin(), config.previous_content.end());
  for (const auto& name : files) {
    std::string path = resolve_path(config, name);
    auto text = read_file(path, error);
    if (!text) {
      error += " (the content bundle: run 'ketascreen bundle content -o " + name + "')";
      return nullptr;
    }
    auto bundle = parse_bundle(*text, path);
    if (!bundle) {
      error = "content bundle '" + path + "' is not valid:";
      for (const auto& d : bundle.errors()) error += "\n  " + d.to_string();
      return nullptr;
    }
    c.bundles.push_back(bundle.value());
  }
  // A webhook scoped to a provider the network no longer lists would never hear of anything.
  if (auto wrong = check_webhook_providers(config, c.current()); !wrong.empty()) {
    error = "server.json names providers the content does not have:";
    for (const auto& d : wrong) error += "\n  " + d.to_string();
    return nullptr;
  }
  auto keys = KeyRing::load_file(resolve_path(config, config.key_file), error);
  if (!keys) return nullptr;
  c.keys = *keys;
  auto pool = ConnectionPool::open(resolve_path(config, config.database), static_cast<size_t>(config.threads) + 4);
  if (!pool.ok()) {
    error = pool.error.message;
    return nullptr;
  }
  loaded->pool = std::move(*pool.value);
  loaded->store = std::make_unique<ReferralStore>(*loaded->pool);
  auto migrated = loaded->store->migrate();
  if (!migrated.ok()) {
    error = "database schema: " + migrated.error.message;
    return nullptr;
  }
  c.store = loaded->store.get();
  c.limiter = std::make_unique<RateLimiter>(config.new_referrals_per_hour, config.referral_burst);
  c.sign_in_limiter = std::make_unique<RateLimiter>(kSignInsPerHour, kSignInBurst);
  c.now_ms = system_now_ms;
  return loaded;
}

}  // namespace ketascreen::server
