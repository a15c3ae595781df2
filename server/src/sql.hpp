#pragma once
// The narrow database interface the server's storage is written against: parameterised SQL in,
// rows out, errors as values. Two implementations (SQLite, PostgreSQL) share every query and
// migration, written once in referral_store.cpp and migrations.cpp. Placeholders are $1, $2, ...
// in both dialects (SQLite reads "$1" as a named parameter; sqlite_connection.cpp binds by name).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ketascreen/diagnostic.hpp"

namespace ketascreen::server {

using Blob = std::vector<std::uint8_t>;
using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;
using Row = std::vector<SqlValue>;
using Rows = std::vector<Row>;
using Params = std::vector<SqlValue>;

enum class Dialect { Sqlite, Postgres };

// What went wrong in the database, and whether it is worth a retry (busy, serialization, lost
// connection) or final (constraint, syntax).
struct SqlError {
  std::string message;
  bool transient = false;
};

template <class T>
struct SqlResult {
  std::optional<T> value;
  SqlError error;
  bool ok() const { return value.has_value(); }
  static SqlResult failure(std::string message, bool transient = false) {
    SqlResult r;
    r.error = {std::move(message), transient};
    return r;
  }
};
using SqlStatus = SqlResult<bool>;

// A result that holds `value`.
template <class T>
SqlResult<T> sql_success(T value) {
  SqlResult<T> r;
  r.value = std::move(value);
  return r;
}

// The failure of `from`, as a result of another type (the error passed on unchanged).
template <class T, class U>
SqlResult<T> sql_failed(const SqlResult<U>& from) {
  return SqlResult<T>::failure(from.error.message, from.error.transient);
}

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement; rows for a SELECT or a RETURNING clause, empty otherwise.
  virtual SqlResult<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual SqlStatus script(std::string_view sql) = 0;
  // Transactions; commit() returns only once the commit is durable (SQLite synchronous=FULL,
  // PostgreSQL's default synchronous_commit).
  virtual SqlStatus begin() = 0;
  virtual SqlStatus commit() = 0;
  virtual void rollback() = 0;
};

// Opens one connection. `url` is "postgresql://..." (or "postgres://...") or an SQLite file path
// (optionally "sqlite:path"). Errors say what could not be opened and why.
SqlResult<std::unique_ptr<SqlConnection>> open_connection(const std::string& url);
bool is_postgres_url(std::string_view url);

// Reading columns of a row. Missing or null -> defaults.
std::int64_t as_int(const SqlValue& v, std::int64_t fallback = 0);
std::string as_text(const SqlValue& v);
Blob as_blob(const SqlValue& v);
bool is_null(const SqlValue& v);

}  // namespace ketascreen::server
