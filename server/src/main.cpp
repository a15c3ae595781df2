// ketascreen-server: the receiving side of the widget's referrals.
//   ketascreen-server --check CONFIG
//   ketascreen-server init [--config CONFIG]               creates the key file and the database
//   ketascreen-server user add NAME --role intake|admin [--provider ID] [--password-stdin] [--config CONFIG]
//   ketascreen-server user totp NAME [--config CONFIG]     turns on NAME's authenticator code (prints the link)
//   ketascreen-server purge [--config CONFIG]              deletes referrals past retention_days now
//   ketascreen-server [serve] [--config CONFIG] [--port N]
// CONFIG defaults to $KETASCREEN_SERVER_CONFIG, else ./server.json. Exit codes: 0 ok, 1 failure, 2 usage.
#include <signal.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app.hpp"
#include "background_jobs.hpp"
#include "http_server.hpp"
#include "inbox/totp.hpp"
#include "ketascreen/referral.hpp"
#include "server_setup.hpp"

using namespace ketascreen;
using namespace ketascreen::server;

namespace {

constexpr const char* kUsage =
    "usage: ketascreen-server --check CONFIG\n"
    "       ketascreen-server init [--config CONFIG]\n"
    "       ketascreen-server user add NAME --role intake|admin [--provider ID] [--password-stdin] [--config CONFIG]\n"
    "       ketascreen-server user totp NAME [--config CONFIG]\n"
    "       ketascreen-server purge [--config CONFIG]\n"
    "       ketascreen-server [serve] [--config CONFIG] [--port N]\n";

int usage(const std::string& problem) {
  std::cerr << "ketascreen-server: " << problem << "\n" << kUsage;
  return 2;
}

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

std::mutex g_log_mutex;
void log_line(const std::string& line) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  std::cerr << format_rfc3339(system_now_ms()) << " " << line << std::endl;
}

struct Args {
  std::vector<std::string> positional;
  std::string config;
  std::string role;
  std::string provider;
  int port = -1;
  bool password_stdin = false;
};

std::optional<Args> parse_args(int argc, char** argv, std::string& problem) {
  Args a;
  const char* env = std::getenv("KETASCREEN_SERVER_CONFIG");
  a.config = env && *env ? env : "server.json";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) {
        problem = arg + " needs a value";
        return false;
      }
      into = argv[++i];
      return true;
    };
    std::string port;
    if (arg == "--config" || arg == "--check") {
      if (!value(a.config)) return std::nullopt;
      if (arg == "--check") a.positional.insert(a.positional.begin(), "--check");
    } else if (arg == "--role") {
      if (!value(a.role)) return std::nullopt;
    } else if (arg == "--provider") {
      if (!value(a.provider)) return std::nullopt;
    } else if (arg == "--port") {
      if (!value(port)) return std::nullopt;
      a.port = std::atoi(port.c_str());
      if (a.port < 0 || a.port > 65535 || port.find_first_not_of("0123456789") != std::string::npos) {
        problem = "--port takes a number from 0 to 65535";
        return std::nullopt;
      }
    } else if (arg == "--password-stdin") {
      a.password_stdin = true;
    } else if (arg.rfind("--", 0) == 0) {
      problem = "unknown option " + arg;
      return std::nullopt;
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

std::optional<ServerConfig> checked_config(const std::string& path) {
  auto config = load_config_file(path);
  for (const auto& d : config.warnings()) std::cerr << d.to_string() << " (warning)\n";
  if (!config) {
    for (const auto& d : config.errors()) std::cerr << d.to_string() << "\n";
    return std::nullopt;
  }
  return config.value();
}

std::string read_password(bool from_stdin) {
  std::string password;
  if (!from_stdin && isatty(STDIN_FILENO)) {
    termios old {};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    std::cerr << "password (at least 12 characters): " << std::flush;
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  } else {
    std::getline(std::cin, password);
  }
  return password;
}

int command_init(const ServerConfig& config) {
  std::string key_path = resolve_path(config, config.key_file);
  if (access(key_path.c_str(), F_OK) == 0) {
    std::cout << "key file " << key_path << " exists; kept\n";
  } else {
    std::string error = KeyRing::create_file(key_path);
    if (!error.empty()) {
      std::cerr << "ketascreen-server: " << error << "\n";
      return 1;
    }
    std::cout << "created key file " << key_path
              << " (mode 600). Back it up apart from the database: without it no stored referral can be read.\n";
  }
  std::string error;
  auto loaded = load_server(config, error);
  if (!loaded) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  std::cout << "database ready: " << (is_postgres_url(config.database) ? "PostgreSQL" : resolve_path(config, config.database))
            << "\n";
  return 0;
}

int command_user_add(const ServerConfig& config, const Args& args) {
  if (args.positional.size() != 3) return usage("user add takes one NAME");
  const std::string& name = args.positional[2];
  if (args.role != "intake" && args.role != "admin") return usage("--role must be intake or admin");
  // The audit log and the notifications span every provider: an admin cannot be scoped to one.
  if (args.role == "admin" && !args.provider.empty())
    return usage("--provider is for intake users; an admin sees every provider's audit log and notifications");
  if (name.empty() || name.size() > 64 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-@") != std::string::npos)
    return usage("a user name is 1 to 64 of a-z 0-9 . _ - @");
  std::string error;
  auto loaded = load_server(config, error);
  if (!loaded) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  // A typo would make an account that sees nothing; the content says which providers there are.
  const ContentBundle& content = loaded->context.current();
  if (!args.provider.empty() && !content.network.empty() && !content.network.find(args.provider)) {
    std::string known;
    for (const auto& p : content.network.providers) known += (known.empty() ? "" : ", ") + p.id;
    std::cerr << "ketascreen-server: no provider '" << args.provider << "' in the content's providers.json (there are: "
              << known << ")\n";
    return 1;
  }
  std::string password = read_password(args.password_stdin);
  if (password.size() < 12) {
    std::cerr << "ketascreen-server: the password must have at least 12 characters\n";
    return 1;
  }
  auto hash = hash_password(password);
  if (!hash) {
    std::cerr << "ketascreen-server: could not hash the password (out of memory?)\n";
    return 1;
  }
  User user;
  user.name = name;
  user.role = args.role;
  user.provider = args.provider;
  user.password_hash = *hash;
  user.created_at = system_now_ms();
  auto added = loaded->store->add_user(user);
  if (!added.ok()) {
    std::cerr << "ketascreen-server: " << added.error.message << "\n";
    return 1;
  }
  if (!*added.value) {
    std::cerr << "ketascreen-server: a user named '" << name << "' exists already\n";
    return 1;
  }
  loaded->store->audit({0, user.created_at, "cli", "user_add", "", "added " + name + " as " + user.role, "local"});
  std::cout << "added " << args.role << " user " << name << "\n";
  return 0;
}

// A new TOTP secret for NAME, sealed in the database; the otpauth:// link goes to stdout once, for
// the person to add to an authenticator app (a QR code generator reads the same link).
int command_user_totp(const ServerConfig& config, const Args& args) {
  if (args.positional.size() != 3) return usage("user totp takes one NAME");
  const std::string& name = args.positional[2];
  std::string error;
  auto loaded = load_server(config, error);
  if (!loaded) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  auto user = loaded->store->find_user(name);
  if (!user.ok() || !*user.value) {
    std::cerr << "ketascreen-server: " << (user.ok() ? "no user named '" + name + "'" : user.error.message) << "\n";
    return 1;
  }
  const std::string secret = random_bytes(20);  // 160 bits, as RFC 4226 recommends
  auto saved = loaded->store->set_totp(name, loaded->context.keys.seal(secret, "totp:" + name));
  if (!saved.ok()) {
    std::cerr << "ketascreen-server: " << saved.error.message << "\n";
    return 1;
  }
  loaded->store->audit({0, system_now_ms(), "cli", "user_totp", "", "authenticator code turned on for " + name, "local"});
  std::cout << totp_uri(loaded->context.current().clinic.name + " intake", name, secret) << "\n";
  return 0;
}

int command_purge(const ServerConfig& config) {
  std::string error;
  auto loaded = load_server(config, error);
  if (!loaded) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  auto purged = purge_expired(loaded->context);
  if (!purged) return 1;
  std::cout << "purged " << *purged << " referrals older than " << config.retention_days << " days\n";
  return 0;
}

int command_serve(ServerConfig config, const Args& args) {
  if (args.port >= 0) config.port = args.port;
  std::string error;
  auto loaded = load_server(config, error);
  if (!loaded) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  ServerContext& context = loaded->context;
  context.log = log_line;
  HttpOptions http;
  http.address = config.listen_address;
  http.port = config.port;
  http.threads = config.threads;
  http.timeout_seconds = config.request_timeout_seconds;
  auto server = HttpServer::start(http, [&](const Request& r) { return handle_request(context, r); }, error);
  if (!server) {
    std::cerr << "ketascreen-server: " << error << "\n";
    return 1;
  }
  BackgroundJobs jobs(context);
  jobs.start();
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGPIPE, SIG_IGN);
  std::cout << "ketascreen-server: listening on http://" << config.listen_address << ":" << server->port()
            << " (referrals: POST /api/referrals, inbox: /inbox)" << std::endl;
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  log_line("stopping");
  server->stop();
  jobs.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The database, its WAL and the key file hold health data: readable by this user only.
  umask(077);
  std::string problem;
  auto args = parse_args(argc, argv, problem);
  if (!args) return usage(problem);
  if (!crypto_ready()) {
    std::cerr << "ketascreen-server: libsodium could not start\n";
    return 1;
  }
  std::string command = args->positional.empty() ? "serve" : args->positional[0];
  if (command == "help") {
    std::cout << kUsage;
    return 0;
  }
  auto config = checked_config(args->config);
  if (!config) return 1;
  if (command == "--check") {
    std::cout << args->config << ": ok\n";
    return 0;
  }
  if (command == "init") return command_init(*config);
  if (command == "user") {
    if (args->positional.size() >= 2 && args->positional[1] == "add") return command_user_add(*config, *args);
    if (args->positional.size() >= 2 && args->positional[1] == "totp") return command_user_totp(*config, *args);
    return usage("user takes 'add' or 'totp'");
  }
  if (command == "purge") return command_purge(*config);
  if (command == "serve") return command_serve(*config, *args);
  return usage("unknown command '" + command + "'");
}
