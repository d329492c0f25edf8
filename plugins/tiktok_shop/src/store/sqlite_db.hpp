// A thin RAII layer over SQLite: open, exec, prepared statements, transactions. Errors throw
// std::runtime_error with SQLite's message (never with bound values, which may be secrets).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ocean::tiktok::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  // The value, or NULL when it is absent.
  template <typename T>
  Statement& bind_optional(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // true while a row is available.
  bool step();
  // Steps to completion, for statements without rows.
  void run();
  void reset();

  std::string text(int column) const;  // "" for NULL
  std::string blob(int column) const;
  std::int64_t int64(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  static constexpr std::int64_t kJournalSizeLimit = 64 * 1024 * 1024;  // the WAL's size once it starts over

  // Opens (creating if needed) with WAL, NORMAL sync, foreign keys, a busy timeout and
  // secure_delete, so overwritten rows are zeroed rather than left in free pages.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  std::int64_t changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }  // for the few calls this layer does not wrap
  bool in_transaction() const;             // a BEGIN is open on this connection

  // Runs `fn` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws. Inside an open transaction
  // `fn` simply joins it (so a store call that is transactional on its own can be part of a larger one,
  // e.g. a listed product and its ERP SKU map written together).
  template <typename Fn>
  void transaction(Fn&& fn) {
    if (in_transaction()) {
      fn();
      return;
    }
    exec("BEGIN IMMEDIATE");
    try {
      fn();
      exec("COMMIT");
    } catch (...) {
      rollback_quietly();
      throw;
    }
  }

 private:
  void rollback_quietly() noexcept;
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace ocean::tiktok::sqlite
