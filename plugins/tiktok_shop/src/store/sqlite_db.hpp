// The SQLite implementation of store/db.hpp: open, exec, prepared statements, transactions (BEGIN
// IMMEDIATE). Errors throw std::runtime_error with SQLite's message (never with bound values, which
// may be secrets).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "store/db.hpp"

struct sqlite3;

namespace ocean::tiktok::sqlite {

using db::Statement;

class Database final : public db::Database {
 public:
  static constexpr std::int64_t kJournalSizeLimit = 64 * 1024 * 1024;  // the WAL's size once it starts over

  // Opens (creating if needed) with WAL, NORMAL sync, foreign keys, a busy timeout and
  // secure_delete, so overwritten rows are zeroed rather than left in free pages.
  explicit Database(const std::string& path);
  ~Database() override;

  db::Dialect dialect() const override { return db::Dialect::sqlite; }
  void exec(std::string_view sql) override;
  Statement prepare(std::string_view sql) override;
  std::int64_t changes() const override;
  const std::string& path() const override { return path_; }
  bool in_transaction() const override;
  int schema_version() override;                    // PRAGMA user_version
  void set_schema_version(int version) override;    // PRAGMA user_version = N
  std::unique_ptr<Lock> migration_lock() override;  // none: BEGIN IMMEDIATE serializes each step
  sqlite3* handle() const { return db_; }           // for the few calls this layer does not wrap

 protected:
  void begin() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback_quietly() noexcept override;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace ocean::tiktok::sqlite
