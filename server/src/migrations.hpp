#pragma once
// The schema, one list of steps for both databases: the server creates or upgrades it on start,
// inside one transaction, so two processes starting at once apply each step once.

#include "sql.hpp"

namespace ketascreen::server {

// The schema version this build writes.
int schema_version();

// Applies every missing step; an error names the step that failed.
SqlStatus migrate(SqlConnection& connection);

}  // namespace ketascreen::server
