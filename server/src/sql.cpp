#include "sql.hpp"

namespace ketascreen::server {

SqlResult<std::unique_ptr<SqlConnection>> open_sqlite(const std::string& path);
SqlResult<std::unique_ptr<SqlConnection>> open_postgres(const std::string& url);

bool is_postgres_url(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

SqlResult<std::unique_ptr<SqlConnection>> open_connection(const std::string& url) {
  if (is_postgres_url(url)) return open_postgres(url);
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  return open_sqlite(path);
}

std::int64_t as_int(const SqlValue& v, std::int64_t fallback) {
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* s = std::get_if<std::string>(&v)) {
    try {
      return std::stoll(*s);
    } catch (...) {
      return fallback;
    }
  }
  return fallback;
}

std::string as_text(const SqlValue& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* b = std::get_if<Blob>(&v)) return std::string(b->begin(), b->end());
  return "";
}

Blob as_blob(const SqlValue& v) {
  if (auto* b = std::get_if<Blob>(&v)) return *b;
  if (auto* s = std::get_if<std::string>(&v)) return Blob(s->begin(), s->end());
  return {};
}

bool is_null(const SqlValue& v) { return std::holds_alternative<std::nullptr_t>(v); }

}  // namespace ketascreen::server
