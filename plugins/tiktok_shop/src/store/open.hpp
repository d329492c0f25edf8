// Opens the database a Location names: the SQLite file, or a connection to PostgreSQL with the
// location's schema created (when missing) and first on the search_path.
#pragma once
#include <memory>

#include "store/db.hpp"
#include "store/location.hpp"

namespace ocean::tiktok::store {

std::unique_ptr<db::Database> open_database(const Location& where);

// How a Location is named in a log line: the file, or "PostgreSQL schema S (<conninfo, password
// redacted>)".
std::string describe(const Location& where);

}  // namespace ocean::tiktok::store
