// The PostgreSQL implementation of store/db.hpp (through ocean_pg, libpq). One connection, its
// search_path set to the account's schema (created when missing), so the stores' unqualified table
// names are that schema's.
//
// Transactions keep SQLite's guarantees: BEGIN (READ COMMITTED) then a transaction-scoped advisory
// lock keyed by the schema, so the writers of one account run one at a time as under BEGIN IMMEDIATE
// (a read-then-write inside a transaction sees no other writer; a cursor commits with its page). A
// write statement run outside a transaction gets one of its own, so it too takes the lock and passes
// the fence check (store/fence.hpp); only an INSERT ... ON CONFLICT DO NOTHING outside a fence runs
// alone (webhook intake on any node waits for no sync). Reads outside transactions see the latest commits. Unique
// constraints (the webhook inbox's notification id) hold across every process and node.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "ocean_common/pg.hpp"
#include "store/db.hpp"
#include "store/location.hpp"

namespace ocean::tiktok::pg_store {

// What a statement does, for the transaction it needs (Database::run).
enum class Kind { read, write, insert_only };

class Database final : public db::Database {
 public:
  explicit Database(const store::PgLocation& where);
  ~Database() override;

  db::Dialect dialect() const override { return db::Dialect::postgresql; }
  void exec(std::string_view sql) override;
  db::Statement prepare(std::string_view sql) override;
  std::int64_t changes() const override { return changes_; }
  bool in_transaction() const override { return conn_->in_transaction(); }
  const std::string& path() const override { return description_; }
  int schema_version() override;
  void set_schema_version(int version) override;
  std::unique_ptr<Lock> migration_lock() override;

  const std::string& schema() const { return schema_; }
  ocean::pg::Connection& connection() { return *conn_; }
  // Counts connections made: a lost connection is replaced at the next statement outside a
  // transaction, and statements prepared on the old one are prepared again.
  std::uint64_t generation() const { return generation_; }

  // For statements: runs one (a write outside a transaction in a transaction of its own). With a
  // `prepared` name it runs that server-side prepared statement (made by prepare_named).
  ocean::pg::Result run(const std::string& sql, const std::vector<ocean::pg::Param>& params, Kind kind,
                        const std::string* prepared = nullptr);
  // Prepares `sql` on the server once, for a statement run again and again (no parse and plan per
  // run); returns its name. deallocate() drops it.
  std::string prepare_named(const std::string& sql, int params);
  void deallocate(const std::string& name) noexcept;

 protected:
  void begin() override;
  void commit() override;
  void rollback_quietly() noexcept override;

 private:
  void check_fence();
  ocean::pg::Result exec_prepared(const std::string& name, const std::string& sql,
                                  const std::vector<ocean::pg::Param>& params);

  void connect();
  ocean::pg::Connection& live();  // the connection, made again first when it was lost
  template <typename Fn>
  ocean::pg::Result reconnecting(Fn&& fn);

  std::string schema_;
  std::string description_;
  std::int64_t write_lock_key_;
  std::string conninfo_;
  std::unique_ptr<ocean::pg::Connection> conn_;
  std::uint64_t generation_ = 0;
  std::int64_t changes_ = 0;
  std::int64_t prepared_count_ = 0;
  std::recursive_mutex mutex_;  // libpq connections are not thread-safe; SQLite's were (FULLMUTEX)
};

}  // namespace ocean::tiktok::pg_store
