#include "store/open.hpp"

#include "store/sqlite_db.hpp"

namespace ocean::tiktok::store {

std::unique_ptr<db::Database> open_database(const Location& where) {
  return std::make_unique<sqlite::Database>(where.sqlite_path);
}

std::string describe(const Location& where) { return where.sqlite_path; }

}  // namespace ocean::tiktok::store
