#include "store/migrations.hpp"

#include <stdexcept>
#include <string>

#include "store/sqlite_db.hpp"

namespace ocean::tiktok::store {
namespace {

constexpr Migration kMigrations[] = {
    {1, "secrets, oauth states and the connected account",
     R"sql(
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  sealed BLOB NOT NULL,            -- AES-256-GCM (crypto_store/secret_box.hpp)
  updated_at_ms INTEGER NOT NULL
);
CREATE TABLE oauth_states (
  state TEXT PRIMARY KEY,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE account (
  id INTEGER PRIMARY KEY CHECK (id = 1),   -- one shop account per instance
  link_state TEXT NOT NULL CHECK (link_state IN ('connected', 'needs_reauth', 'disconnected')),
  reason TEXT NOT NULL DEFAULT '',
  shop_id TEXT NOT NULL,
  shop_name TEXT NOT NULL DEFAULT '',
  shop_region TEXT NOT NULL DEFAULT '',
  shop_seller_type TEXT NOT NULL DEFAULT '',
  shop_cipher TEXT NOT NULL,
  shop_code TEXT NOT NULL DEFAULT '',
  open_id TEXT NOT NULL DEFAULT '',
  seller_name TEXT NOT NULL DEFAULT '',
  seller_base_region TEXT NOT NULL DEFAULT '',
  granted_scopes_json TEXT NOT NULL DEFAULT '[]',
  authorized_shops_json TEXT NOT NULL DEFAULT '[]',
  access_expires_at INTEGER NOT NULL,      -- Unix seconds, as the token endpoint gives them
  refresh_expires_at INTEGER NOT NULL,
  tokens_obtained_at INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
)sql"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

int schema_version(sqlite::Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

void migrate(sqlite::Database& db) {
  const int current = schema_version(db);
  if (current > latest_schema_version()) {
    throw std::runtime_error("database " + db.path() + " has schema version " + std::to_string(current) +
                             ", newer than this plugin understands (" + std::to_string(latest_schema_version()) + ")");
  }
  for (const auto& m : kMigrations) {
    if (m.version <= current) continue;
    db.transaction([&] {
      db.exec(m.sql);
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
    });
  }
}

}  // namespace ocean::tiktok::store
