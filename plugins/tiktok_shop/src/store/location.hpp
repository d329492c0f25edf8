// Where an account's store lives: its SQLite file (the default) or a PostgreSQL schema. The config's
// `store` object (config/store_config.hpp) chooses; store::open (store/open.hpp) connects.
#pragma once
#include <optional>
#include <string>

namespace ocean::tiktok::store {

struct PgLocation {
  std::string conninfo;  // libpq connection string; may hold a password: never log it (redacted())
  std::string schema;    // the account's schema (erp-host: acct_<account id>); the LIVE calendar uses ocean_host
};

struct Location {
  std::string sqlite_path;       // the file, when `pg` is absent
  std::optional<PgLocation> pg;  // PostgreSQL when present

  static Location sqlite_file(std::string path) { return Location{std::move(path), std::nullopt}; }
};

// The schema of the host-wide LIVE calendar on PostgreSQL (store/ops_live_registry.hpp).
inline constexpr const char* kHostSchema = "ocean_host";

}  // namespace ocean::tiktok::store
