// PLACEHOLDER until the PostgreSQL connection lands (libpqxx): refuses every postgresql:// URL.
#include "sql.hpp"

namespace ketascreen::server {

SqlResult<std::unique_ptr<SqlConnection>> open_postgres(const std::string& url) {
  (void)url;
  return SqlResult<std::unique_ptr<SqlConnection>>::failure("PostgreSQL support is not built in yet");
}

}  // namespace ketascreen::server
