// SQLite behind SqlConnection: WAL with synchronous=FULL, so a commit is on disk before the
// server answers 201, and several processes may share the file (busy_timeout waits for the lock).
// Within one process, writers queue on a mutex per database file instead: SQLite's busy handler
// waits by sleeping in growing steps, which under load left writers asleep while the lock was free
// (p99 over a second at 600 referrals/s); a mutex hands the lock on the moment it is released.
#include <sqlite3.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sql.hpp"

namespace ketascreen::server {
namespace {

// The one writer mutex of a database file in this process, shared by all its connections.
std::shared_ptr<std::mutex> writer_gate(const std::string& path) {
  static std::mutex guard;
  static std::map<std::string, std::weak_ptr<std::mutex>> gates;
  std::lock_guard<std::mutex> lock(guard);
  auto gate = gates[path].lock();
  if (!gate) gates[path] = gate = std::make_shared<std::mutex>();
  return gate;
}

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::shared_ptr<std::mutex> gate) : db_(db), gate_(std::move(gate)) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::Sqlite; }

  SqlResult<Rows> query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepared(sql);
    if (!stmt) return fail<Rows>();
    // A write outside a transaction takes the writer gate for its own length (inside one, begin()
    // holds it already).
    std::unique_lock<std::mutex> write;
    if (sqlite3_get_autocommit(db_) && !sqlite3_stmt_readonly(stmt)) write = std::unique_lock<std::mutex>(*gate_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      std::string name = "$" + std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (index == 0) continue;  // a parameter the statement does not use
      const SqlValue& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) rc = sqlite3_bind_null(stmt, index);
      else if (auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(stmt, index, *n);
      else if (auto* s = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else {
        const Blob& b = std::get<Blob>(v);
        rc = sqlite3_bind_blob(stmt, index, b.empty() ? "" : static_cast<const void*>(b.data()),
                               static_cast<int>(b.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return fail<Rows>();
    }
    Rows rows;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        auto r = fail<Rows>();
        sqlite3_reset(stmt);
        return r;
      }
      Row row;
      int n = sqlite3_column_count(stmt);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_BLOB: {
            auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, c));
            row.emplace_back(Blob(p, p + sqlite3_column_bytes(stmt, c)));
            break;
          }
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_reset(stmt);
    SqlResult<Rows> r;
    r.value = std::move(rows);
    return r;
  }

  SqlStatus script(std::string_view sql) override {
    char* message = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return SqlStatus::failure("SQLite: " + m, is_busy());
    }
    return ok();
  }

  // IMMEDIATE takes the write lock at once, so two writers wait on busy_timeout instead of one of
  // them failing at commit with SQLITE_BUSY after doing its work.
  // The writer gate is held from begin() until the transaction ends.
  SqlStatus begin() override {
    transaction_ = std::unique_lock<std::mutex>(*gate_);
    auto begun = script("BEGIN IMMEDIATE");
    if (!begun.ok()) transaction_ = {};
    return begun;
  }
  SqlStatus commit() override {
    auto committed = script("COMMIT");
    // A COMMIT that failed for good (disk full, I/O error) may leave the transaction open: roll it
    // back here, so the gate is never kept by a connection that went back to the pool.
    if (!committed.ok() && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    transaction_ = {};
    return committed;
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    transaction_ = {};
  }

 private:
  static SqlStatus ok() {
    SqlStatus s;
    s.value = true;
    return s;
  }
  bool is_busy() const {
    int code = sqlite3_errcode(db_) & 0xFF;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
  }
  template <class T>
  SqlResult<T> fail() {
    return SqlResult<T>::failure(std::string("SQLite: ") + sqlite3_errmsg(db_), is_busy());
  }

  sqlite3_stmt* prepared(std::string_view sql) {
    for (auto& [text, stmt] : cache_)
      if (text == sql) return stmt;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK)
      return nullptr;
    cache_.emplace_back(std::string(sql), stmt);
    return stmt;
  }

  sqlite3* db_;
  std::shared_ptr<std::mutex> gate_;
  std::unique_lock<std::mutex> transaction_;  // the gate, while a transaction is open
  std::vector<std::pair<std::string, sqlite3_stmt*>> cache_;  // a few dozen statements: a list is enough
};

}  // namespace

SqlResult<std::unique_ptr<SqlConnection>> open_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return SqlResult<std::unique_ptr<SqlConnection>>::failure("cannot open SQLite database '" + path + "': " + m);
  }
  sqlite3_busy_timeout(db, 10000);
  auto connection = std::make_unique<SqliteConnection>(db, writer_gate(path));
  // WAL lets readers work while one writer commits; FULL syncs the WAL on every commit, so a 201
  // survives power loss, not only a crash of the process.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                             "PRAGMA secure_delete=ON"}) {
    auto r = connection->script(pragma);
    if (!r.ok())
      return SqlResult<std::unique_ptr<SqlConnection>>::failure("cannot set up SQLite database '" + path + "': " +
                                                                 r.error.message);
  }
  SqlResult<std::unique_ptr<SqlConnection>> r;
  r.value = std::move(connection);
  return r;
}

}  // namespace ketascreen::server
