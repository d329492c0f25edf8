// The store's schema history. The database records how many steps have run (SQLite: PRAGMA
// user_version; PostgreSQL: the schema's ocean_schema_version table); opening applies the missing
// ones in order, each in its own transaction, under a lock so processes starting together migrate once.
//
// Each step is written in SQLite's DDL; PostgreSQL runs it through pgsql::ddl_from_sqlite
// (store/pg_dialect.hpp) unless the step gives its own `pg_sql`.
//
// To add tables (products, orders, sync cursors, ...): append a Migration with the next version
// number to the list in migrations.cpp. Never edit or reorder a released step.
#pragma once
#include <span>

#include <string>

namespace ocean::tiktok::db {
class Database;
enum class Dialect;
}  // namespace ocean::tiktok::db

namespace ocean::tiktok::store {

struct Migration {
  int version;  // 1, 2, 3, ... with no gaps
  const char* description;
  const char* sql;               // one or more statements (SQLite)
  const char* pg_sql = nullptr;  // PostgreSQL's, when the translation of `sql` will not do
};

std::span<const Migration> migrations();

// The version a fully migrated database has.
int latest_schema_version();

// Brings `db` up to latest_schema_version(). Throws when the file comes from a newer plugin
// (its version is higher than any we know), rather than guessing at its layout.
void migrate(db::Database& db);

int schema_version(db::Database& db);

// The DDL a step runs on `dialect`.
std::string step_sql(const Migration& m, db::Dialect dialect);

}  // namespace ocean::tiktok::store
