#pragma once
// server.json: everything an operator sets, read strictly with the content's exact errors
// ("server.json:12 $.email.to[0]: expected a string, found number"). Paths are relative to the
// file's folder. Secrets (SMTP password, webhook secrets) are never inline: the file names files.

#include <cstdint>
#include <string>
#include <vector>

#include "ketascreen/diagnostic.hpp"

namespace ketascreen {
struct ContentBundle;
}

namespace ketascreen::server {

struct WebhookConfig {
  std::string url;
  std::string secret_file;  // holds "whsec_<base64>" (Standard Webhooks)
  // A provider id: this endpoint hears only of referrals routed to that provider (its own EHR or
  // intake system). Empty: every referral, whoever it is routed to (the network's own).
  std::string provider = "";
  int provider_line = 0;  // where `provider` is in the file, for the check against the content
};

// The provider network's rules (shared/DESIGN.md "Provider network").
struct NetworkConfig {
  // A request a provider has neither accepted nor declined by then goes on to the next one.
  int accept_within_hours = 48;
};

struct EmailConfig {
  std::string smtp_url;  // "smtp://host:25", "smtps://host:465"; empty = no email
  std::string from;
  std::vector<std::string> to;
  std::string username;
  std::string password_file;
};

struct ServerConfig {
  std::string file;  // where it was read from
  std::string listen_address = "127.0.0.1";
  int port = 8080;
  std::string public_url = "http://127.0.0.1:8080";  // for links in notifications
  std::string database;   // SQLite path or postgresql:// URL
  std::string key_file;
  std::string content;    // the content bundle the widget runs (ketascreen bundle)
  std::vector<std::string> previous_content;  // older bundles still accepted while cached widgets run them
  std::string static_dir; // optional: files served under / (the demo pages)
  std::vector<std::string> allowed_origins;
  bool trust_proxy = false;  // take the client address from X-Forwarded-For (behind a proxy only)
  int threads = 16;
  int request_timeout_seconds = 15;
  int new_referrals_per_hour = 20;  // per client address; retries of a known key are never counted
  int referral_burst = 10;
  int session_idle_minutes = 15;
  int session_max_hours = 12;
  int max_failed_logins = 5;
  int lockout_minutes = 15;
  int retention_days = 730;
  bool require_totp = false;
  EmailConfig email;
  std::vector<WebhookConfig> webhooks;
  NetworkConfig network;
};

// Reads and checks the file. `text` is its contents (the caller did the I/O).
Result<ServerConfig> parse_config(std::string_view text, const std::string& file);

// The webhooks' provider ids checked against the content's provider network (a single clinic's
// only provider is the clinic itself), as `file:line $.webhooks[i].provider: message` errors.
Diagnostics check_webhook_providers(const ServerConfig& config, const ContentBundle& content);

// A path from the config, made absolute against the config's folder.
std::string resolve_path(const ServerConfig& config, const std::string& path);

}  // namespace ketascreen::server
