// The store's schema history. The database's PRAGMA user_version records how many steps have
// run; opening applies the missing ones in order, each in its own transaction.
//
// To add tables (products, orders, sync cursors, ...): append a Migration with the next version
// number to the list in migrations.cpp. Never edit or reorder a released step.
#pragma once
#include <span>

namespace ocean::tiktok::sqlite {
class Database;
}

namespace ocean::tiktok::store {

struct Migration {
  int version;  // 1, 2, 3, ... with no gaps
  const char* description;
  const char* sql;  // one or more statements
};

std::span<const Migration> migrations();

// The version a fully migrated database has.
int latest_schema_version();

// Brings `db` up to latest_schema_version(). Throws when the file comes from a newer plugin
// (its version is higher than any we know), rather than guessing at its layout.
void migrate(sqlite::Database& db);

int schema_version(sqlite::Database& db);

}  // namespace ocean::tiktok::store
