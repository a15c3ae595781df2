// PostgreSQL behind SqlConnection (libpqxx 6.4). Several server processes may share one database:
// the queries in referral_store.cpp rely on row locks and unique indexes (INSERT ... ON CONFLICT),
// never on the process, so they behave the same here as on SQLite. A commit returns once the
// server reports it durable (synchronous_commit on; see prepare_session).
#include <pqxx/pqxx>

#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sql.hpp"

namespace ketascreen::server {
namespace {

// The fixed OIDs of PostgreSQL's built-in types (pg_type; the same in every version): the integer
// types become int64 and BYTEA a Blob, as SQLite hands them back; any other type is read as text.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kByteaOid = 17;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kOidOid = 26;

// ---- Keeping the password out of messages ----------------------------------------------------

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// libpq decodes %XX in a URL, so its messages may hold either spelling of the password.
std::string percent_decoded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The secrets a connection URL may carry: the password of user:password@host and a
// password=... query parameter, each as written and as decoded.
std::vector<std::string> secrets_in(const std::string& url) {
  std::vector<std::string> found;
  auto keep = [&](const std::string& raw) {
    if (raw.empty()) return;
    found.push_back(raw);
    std::string decoded = percent_decoded(raw);
    if (decoded != raw && !decoded.empty()) found.push_back(decoded);
  };
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t authority_end = url.find_first_of("/?", start);
  std::string authority = url.substr(start, authority_end == std::string::npos ? std::string::npos : authority_end - start);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    size_t colon = authority.find(':');
    if (colon < at) keep(authority.substr(colon + 1, at - colon - 1));
  }
  for (size_t p = url.find("password=", start); p != std::string::npos; p = url.find("password=", p + 1)) {
    size_t value = p + 9;
    size_t end = url.find('&', value);
    keep(url.substr(value, end == std::string::npos ? std::string::npos : end - value));
  }
  return found;
}

// `text` with every secret of `url` replaced by ***. Longer secrets first, so a decoded password
// that contains the raw one (or the other way round) leaves no tail behind.
std::string redacted(std::string text, const std::string& url) {
  auto secrets = secrets_in(url);
  std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& secret : secrets)
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  return text;
}

// ---- Errors as values ---------------------------------------------------------------------------

// SQLSTATEs worth a retry on a fresh connection (referral_store's with_connection discards the
// connection on a transient error): serialization failure and deadlock (the transaction lost a
// race), connection exceptions (class 08), the server shutting down or still starting (57P01-03),
// and a full connection table (53300), which frees up as other clients leave.
bool transient_sqlstate(const std::string& state) {
  return state == "40001" || state == "40P01" || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
         state == "57P03" || state == "53300";
}

// libpqxx's messages end in a newline and may span lines ("ERROR: ...\nDETAIL: ..."): one line,
// for the server's one-line log.
std::string one_line(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message)
    if (c == '\n' || c == '\t') c = ' ';
  return message;
}

std::string described(const std::string& what) { return "PostgreSQL: " + one_line(what); }

// Runs `work` and turns libpqxx's exceptions into SqlError values. libpqxx 6 throws the 40xxx
// states as transaction_rollback (not an sql_error, so without a SQLSTATE), and a COMMIT whose
// answer never came as in_doubt_error. In doubt is transient because the store's transactions may
// run again: a referral that did commit is then found by ON CONFLICT and answered as a replay (at
// worst a delivery attempt is logged twice).
// libpqxx also throws broken_connection for every class 08 state, including 08P01, the protocol
// violation of a wrong parameter count on a healthy connection: only a connection that is really
// gone makes it transient.
template <class T, class Work>
SqlResult<T> guarded(const pqxx::connection& connection, Work&& work) {
  try {
    SqlResult<T> r;
    r.value = work();
    return r;
  } catch (const pqxx::broken_connection& e) {
    bool lost = !connection.is_open();
    return SqlResult<T>::failure(described((lost ? "connection lost: " : "") + std::string(e.what())), lost);
  } catch (const pqxx::transaction_rollback& e) {
    return SqlResult<T>::failure(described(e.what()), true);
  } catch (const pqxx::in_doubt_error& e) {
    return SqlResult<T>::failure(described(std::string("commit outcome unknown: ") + e.what()), true);
  } catch (const pqxx::sql_error& e) {
    return SqlResult<T>::failure(described(e.what()), transient_sqlstate(e.sqlstate()));
  } catch (const std::exception& e) {
    return SqlResult<T>::failure(described(e.what()), false);
  }
}

// ---- Values in and out --------------------------------------------------------------------------

// Binds one parameter: NULL, an integer or text in text format (the server infers each type from
// where the $n stands), a Blob in binary format, so BYTEA goes over the wire as is, unescaped.
template <class Invocation>
void bind(Invocation& invocation, const SqlValue& value) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::nullptr_t>) {
          invocation();
        } else if constexpr (std::is_same_v<V, Blob>) {
          static const std::uint8_t kNothing = 0;  // memcpy wants a valid pointer even for 0 bytes
          invocation(pqxx::binarystring(v.empty() ? &kNothing : v.data(), v.size()));
        } else if constexpr (std::is_same_v<V, std::string>) {
          // libpq sends text parameters up to their first NUL; PostgreSQL's TEXT cannot hold one.
          if (v.find('\0') != std::string::npos) throw pqxx::argument_error("a text parameter holds a NUL byte");
          invocation(v);
        } else {
          invocation(v);
        }
      },
      value);
}

// One statement with $n parameters. libpqxx 6.4 offers a parameter list built at run time with a
// binary format per parameter only through parameterized(), deprecated in favour of exec_params,
// whose parameter count and types are fixed at compile time (libpqxx 7's pqxx::params is the
// replacement for both). Sent with PQexecParams: one round trip, no prepared statement kept.
pqxx::result execute(pqxx::transaction_base& tx, std::string_view sql, const Params& params) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  auto invocation = tx.parameterized(std::string(sql));
#pragma GCC diagnostic pop
  for (const auto& p : params) bind(invocation, p);
  return invocation.exec();
}

SqlValue value_of(const pqxx::field& f) {
  if (f.is_null()) return nullptr;
  switch (f.type()) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: return f.as<std::int64_t>();
    case kBoolOid: return std::int64_t{f.as<bool>() ? 1 : 0};
    case kByteaOid: {
      pqxx::binarystring bytes(f);  // results come in text format: this undoes the \x hex escaping
      return Blob(bytes.begin(), bytes.end());
    }
    default: return std::string(f.c_str(), f.size());
  }
}

Rows rows_of(const pqxx::result& result) {
  Rows rows;
  rows.reserve(result.size());
  for (const auto& r : result) {
    Row row;
    row.reserve(r.size());
    for (const auto& f : r) row.push_back(value_of(f));
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- The connection -----------------------------------------------------------------------------

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(std::unique_ptr<pqxx::connection> c) : connection_(std::move(c)) {}
  ~PostgresConnection() override { rollback(); }

  Dialect dialect() const override { return Dialect::Postgres; }

  SqlResult<Rows> query(std::string_view sql, const Params& params) override {
    auto r = in_transaction_or_alone<Rows>([&](pqxx::transaction_base& tx) { return rows_of(execute(tx, sql, params)); });
    note_failure(r);
    return r;
  }

  // The simple query protocol runs several ;-separated statements in one call (migrations).
  SqlStatus script(std::string_view sql) override {
    auto r = in_transaction_or_alone<bool>([&](pqxx::transaction_base& tx) {
      tx.exec(std::string(sql));
      return true;
    });
    note_failure(r);
    return r;
  }

  // A pqxx::work (BEGIN now, ROLLBACK if dropped) rather than BEGIN/COMMIT sent as text: libpqxx
  // then knows a transaction is open, refuses a second one on this connection, and reports a
  // COMMIT whose answer was lost as in doubt instead of as an ordinary failure. READ COMMITTED
  // (the default) is what the store's queries are written for: INSERT ... ON CONFLICT DO NOTHING
  // waits for a racing twin's commit and the following SELECT sees its row.
  SqlStatus begin() override {
    if (work_) return SqlStatus::failure("PostgreSQL: begin() while a transaction is open");
    failed_in_transaction_ = false;
    return guarded<bool>(*connection_, [&] {
      work_ = std::make_unique<pqxx::work>(*connection_);
      return true;
    });
  }

  // PostgreSQL answers COMMIT of a transaction with a failed statement with a silent ROLLBACK,
  // so such a commit is refused here rather than reported as stored.
  SqlStatus commit() override {
    if (!work_) return SqlStatus::failure("PostgreSQL: commit() without begin()");
    std::unique_ptr<pqxx::work> work = std::move(work_);
    if (failed_in_transaction_) {
      work->abort();
      return SqlStatus::failure("PostgreSQL: commit() after a failed statement; the transaction was rolled back");
    }
    return guarded<bool>(*connection_, [&] {
      work->commit();
      return true;
    });
  }

  void rollback() override {
    std::unique_ptr<pqxx::work> work = std::move(work_);
    if (!work) return;
    try {
      work->abort();  // sends ROLLBACK; a lost connection has rolled back on the server anyway
    } catch (const std::exception&) {
    }
  }

 private:
  // Inside begin()/commit() on the open work; otherwise on a nontransaction, where each
  // statement commits on its own (autocommit), as on SQLite outside a transaction.
  template <class T, class Work>
  SqlResult<T> in_transaction_or_alone(Work&& work) {
    return guarded<T>(*connection_, [&]() -> T {
      if (work_) return work(*work_);
      pqxx::nontransaction alone(*connection_);
      T value = work(alone);
      alone.commit();  // ends the nontransaction cleanly (no "never closed" notice); sends nothing
      return value;
    });
  }

  template <class T>
  void note_failure(const SqlResult<T>& r) {
    if (!r.ok() && work_) failed_in_transaction_ = true;
  }

  std::unique_ptr<pqxx::connection> connection_;  // declared first: outlives work_
  std::unique_ptr<pqxx::work> work_;              // the open transaction, between begin() and commit()
  bool failed_in_transaction_ = false;
};

// A server that is down or unreachable should fail the lease within seconds, not hang a request
// thread on the operating system's TCP timeout; an explicit connect_timeout in the URL wins.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

// Session settings every connection needs, whatever the database's defaults are: UTF-8 text,
// no NOTICE chatter on stderr ("relation exists, skipping"), and durable commits. Only an 'off'
// synchronous_commit is raised: 'local', 'remote_write', 'remote_apply' are already durable here.
void prepare_session(pqxx::connection& c) {
  c.set_client_encoding("UTF8");
  pqxx::nontransaction tx(c);
  tx.exec("SET client_min_messages TO warning");
  tx.exec("SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'");
  tx.commit();
}

}  // namespace

// Errors name the URL with its password replaced by ***: libpq may also quote parts of the URL
// back (a bad %-escape, a bad parameter), so the message is redacted too. A server that cannot be
// reached, or refuses connections for now (starting, shutting down, full), is worth a retry.
SqlResult<std::unique_ptr<SqlConnection>> open_postgres(const std::string& url) {
  using Opened = SqlResult<std::unique_ptr<SqlConnection>>;
  try {
    auto c = std::make_unique<pqxx::connection>(with_connect_timeout(url));
    prepare_session(*c);
    Opened r;
    r.value = std::make_unique<PostgresConnection>(std::move(c));
    return r;
  } catch (const std::exception& e) {
    bool transient = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
    return Opened::failure(
        "cannot open PostgreSQL database '" + redacted(url, url) + "': " + redacted(one_line(e.what()), url), transient);
  }
}

}  // namespace ketascreen::server
