// The one database interface every store class writes through, so the same store code runs on
// SQLite (the default: one file per account, store/sqlite_db.hpp) and on PostgreSQL (one schema per
// account, store/pg_db.hpp; for hosts on several machines).
//
// The SQL the stores write is the subset both dialects accept: INSERT ... ON CONFLICT DO UPDATE /
// DO NOTHING, RETURNING, `?N` placeholders (the PostgreSQL statement turns them into `$N`), no
// PRAGMA, no INSERT OR REPLACE. Where a query truly differs, the store asks dialect().
//
// Errors throw std::runtime_error (db::Fenced for a refused commit) with the backend's message,
// never with a bound value (values may be secrets) nor a connection password.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ocean::tiktok::db {

enum class Dialect { sqlite, postgresql };

// One backend's prepared statement (the interface the backends implement).
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual std::string text(int column) const = 0;
  virtual std::string blob(int column) const = 0;
  virtual std::int64_t int64(int column) const = 0;
  virtual bool is_null(int column) const = 0;
};

// A prepared statement (move-only). Parameters are 1-based; columns 0-based.
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

  Statement& bind(int index, std::string_view text) {
    impl_->bind_text(index, text);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    impl_->bind_blob(index, bytes);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    impl_->bind_int64(index, value);
    return *this;
  }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  // The value, or NULL when it is absent.
  template <typename T>
  Statement& bind_optional(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step() { return impl_->step(); }  // true while a row is available
  void run() {                           // steps to completion, for statements without rows
    while (step()) {
    }
  }
  void reset() { impl_->reset(); }  // ready to run again; bindings cleared

  std::string text(int column) const { return impl_->text(column); }  // "" for NULL
  std::string blob(int column) const { return impl_->blob(column); }
  std::int64_t int64(int column) const { return impl_->int64(column); }
  bool is_null(int column) const { return impl_->is_null(column); }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// A commit refused because the account's lease moved to another node (store/fence.hpp).
class Fenced : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  virtual ~Database() = default;
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters.
  virtual void exec(std::string_view sql) = 0;
  virtual Statement prepare(std::string_view sql) = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  virtual std::int64_t changes() const = 0;
  virtual bool in_transaction() const = 0;  // a BEGIN is open on this connection
  // What it is, for messages: the SQLite file's path, or the PostgreSQL schema (never a password).
  virtual const std::string& path() const = 0;

  // The version of the store's schema (store/migrations.hpp) and its update inside a step's transaction.
  virtual int schema_version() = 0;
  virtual void set_schema_version(int version) = 0;
  // Held while migrating, so processes opening the same store at once migrate it once.
  class Lock {
   public:
    virtual ~Lock() = default;
  };
  virtual std::unique_ptr<Lock> migration_lock() = 0;

  // Runs `fn` in one write transaction; rolls back if it throws. Writers of one store are serialized
  // as SQLite's BEGIN IMMEDIATE does (PostgreSQL: a transaction-scoped advisory lock per schema), so a
  // read-then-write inside `fn` sees no other writer. Inside an open transaction `fn` simply joins it
  // (so a store call that is transactional on its own can be part of a larger one).
  template <typename Fn>
  void transaction(Fn&& fn) {
    if (in_transaction()) {
      fn();
      return;
    }
    begin();
    try {
      fn();
      commit();
    } catch (...) {
      rollback_quietly();
      throw;
    }
  }

 protected:
  virtual void begin() = 0;
  virtual void commit() = 0;  // PostgreSQL: checks the fence first (store/fence.hpp)
  virtual void rollback_quietly() noexcept = 0;
};

}  // namespace ocean::tiktok::db
