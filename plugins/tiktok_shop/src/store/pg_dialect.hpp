// The text differences between the stores' SQLite SQL and PostgreSQL's, in one place. Pure text
// functions (no connection), so they are tested on their own.
#pragma once
#include <string>
#include <string_view>

namespace ocean::tiktok::pgsql {

// `?N` and `?` placeholders -> `$N` (a bare `?` takes the next number after the largest seen, as in
// SQLite). Quoted strings, quoted identifiers and comments are copied unchanged.
// `count` (when given) receives the number of parameters the statement takes.
std::string placeholders(std::string_view sql, int* count = nullptr);

// A migration step's SQLite DDL as PostgreSQL DDL: INTEGER PRIMARY KEY (a rowid alias) -> BIGINT
// identity, INTEGER -> BIGINT (SQLite's integers are 64-bit), BLOB -> BYTEA, WITHOUT ROWID dropped,
// rowid -> ctid (the physical order, used only to copy rows in their order). Comments and quoted
// text are copied unchanged. Throws for SQLite-only syntax it cannot carry over (PRAGMA, GLOB,
// AUTOINCREMENT, INSERT OR ...): such a step must give its own pg_sql.
std::string ddl_from_sqlite(std::string_view sql);

// A schema name the plugin accepts: 1-63 characters of [a-z0-9_], not starting with a digit and
// not "pg_..." (PostgreSQL's own). Empty when acceptable, else why not.
std::string schema_name_problem(std::string_view schema);

}  // namespace ocean::tiktok::pgsql
