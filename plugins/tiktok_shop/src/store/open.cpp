#include "store/open.hpp"

#include "ocean_common/pg.hpp"
#include "store/pg_db.hpp"
#include "store/sqlite_db.hpp"

namespace ocean::tiktok::store {

std::unique_ptr<db::Database> open_database(const Location& where) {
  if (where.pg) return std::make_unique<pg_store::Database>(*where.pg);
  return std::make_unique<sqlite::Database>(where.sqlite_path);
}

std::string describe(const Location& where) {
  if (!where.pg) return where.sqlite_path;
  return "PostgreSQL schema " + where.pg->schema + " (" + ocean::pg::redact_conninfo(where.pg->conninfo) + ")";
}

}  // namespace ocean::tiktok::store
