#pragma once
// Numbered schema migrations, applied in order and recorded in the table
// schema_migration. Files live in store/migrations/NNNN_name.sql and are
// compiled into the program.
//
// The SQL is written once for both engines with three tokens that the
// dialect expands: {{ID}} (an auto-assigned 64-bit primary key), {{STRICT}}
// (SQLite's STRICT table option) and BIGINT (INTEGER on SQLite, where every
// integer is 64-bit and STRICT tables accept only INTEGER). A file may hold
// -- sqlite-only / -- postgres-only sections, ended by -- end, for the few
// things that cannot be said once (triggers versus revoked privileges).

#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.h"
#include "store/db.h"

namespace cp::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Every migration compiled into the program, by version.
const std::vector<Migration>& AllMigrations();

// The SQL of `sql` for `engine`.
std::string ExpandDialect(std::string_view sql, Engine engine);

// Applies every migration not yet recorded, each in its own transaction.
// Returns how many were applied. Safe to run concurrently with itself only
// on PostgreSQL (advisory lock); SQLite serialises through BEGIN IMMEDIATE.
Result<int> Migrate(Connection& conn, const Clock& clock);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Connection& conn);

}  // namespace cp::store
