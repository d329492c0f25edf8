// Store over the account's database: one SQLite file (WAL) in the instance's data directory, or the
// account's PostgreSQL schema (store/location.hpp). The name is the first backend's.
#pragma once
#include <memory>
#include <string>

#include "store/secret_box.hpp"
#include "store/db.hpp"
#include "store/location.hpp"
#include "store/store.hpp"

namespace ocean::tiktok::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the store and migrates it to the latest schema.
  SqliteStore(const Location& where, SecretBox box);
  SqliteStore(const std::string& path, SecretBox box) : SqliteStore(Location::sqlite_file(path), std::move(box)) {}

  // The file name used inside a data directory.
  static constexpr const char* kFileName = "tiktok_shop.db";

  int schema_version() override;
  void put_secret(std::string_view name, std::string_view plaintext, std::int64_t now_ms) override;
  std::optional<std::string> secret(std::string_view name) override;
  void erase_secret(std::string_view name) override;
  void remember_oauth_state(std::string_view state, std::int64_t now_ms) override;
  bool take_oauth_state(std::string_view state, std::int64_t now_ms, std::int64_t max_age_ms) override;
  std::optional<AccountRecord> account() override;
  void save_connection(const AccountRecord& record, const TokenSet& tokens) override;
  void save_tokens(const TokenSet& tokens, std::int64_t now_ms) override;
  std::optional<TokenSet> tokens() override;
  void set_link_state(LinkState state, std::string_view reason, std::int64_t now_ms) override;
  void forget_account() override;

  // For repositories added by later work (products, orders, ...) that share the file and its
  // migrations. Not part of the Store interface on purpose.
  db::Database& database() { return *db_; }

 private:
  void put_secret_unlocked(std::string_view name, std::string_view plaintext, std::int64_t now_ms);

  std::unique_ptr<db::Database> db_;
  SecretBox box_;
};

}  // namespace ocean::tiktok::store
