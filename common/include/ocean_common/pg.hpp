// A thin RAII layer over libpq (PostgreSQL's C client): connections, parameterised queries, results,
// session advisory locks. Every failure throws ocean::pg::Error; its message never carries a
// password, because connection strings are redacted before they can reach one, and bound values
// (which may be secrets) are never quoted back.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace ocean::pg {

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, std::string sqlstate = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  // The five-character SQLSTATE ("40001", "23505", ...) or "" when the server gave none.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// One parameter of exec(): text (or binary bytes for a bytea), or NULL.
struct Param {
  std::optional<std::string> value;
  bool binary = false;

  static Param text(std::string v) { return Param{std::move(v), false}; }
  static Param bytes(std::string v) { return Param{std::move(v), true}; }
  static Param integer(std::int64_t v) { return Param{std::to_string(v), false}; }
  static Param null() { return Param{std::nullopt, false}; }
};

class Result {
 public:
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;    // "" for NULL
  std::string bytes(int row, int column) const;   // a bytea column (text format), decoded
  std::int64_t int64(int row, int column) const;  // throws Error when the value is not an integer
  std::int64_t affected() const;                  // rows an INSERT/UPDATE/DELETE touched

 private:
  void check_cell(int row, int column) const;
  pg_result* result_ = nullptr;
};

class Connection {
 public:
  // Connects with a libpq connection string ("host=... port=... user=... password=... dbname=...")
  // or URI. Throws Error (with the connection string redacted) when the server cannot be reached.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A simple query: may hold several statements, takes no parameters (migrations, BEGIN, ...).
  Result exec(std::string_view sql);
  // One statement with $1..$n parameters; values travel apart from the SQL (no quoting, no injection).
  Result exec(std::string_view sql, const std::vector<Param>& params);

  bool in_transaction() const;  // a BEGIN is open (or failed and not yet rolled back)
  bool broken() const;          // the connection is lost; open a new one
  // SET search_path TO "<schema>", public: unqualified table names then resolve in that schema.
  void set_search_path(std::string_view schema);
  pg_conn* handle() { return conn_; }

 private:
  Result checked(pg_result* result, std::string_view sql);
  pg_conn* conn_ = nullptr;
};

// password=... (keyword form, quoted or not) and postgresql://user:password@host URIs -> ***.
std::string redact_conninfo(std::string_view conninfo);
// "name" with embedded quotes doubled: safe to splice into SQL as an identifier.
std::string quote_identifier(std::string_view name);

// A session-level advisory lock (pg_advisory_lock) held for the guard's life, keyed by a stable
// 64-bit hash of `name` (e.g. "ocean.migrate.acct_shop_us"), so every node agrees on the key.
class AdvisoryLock {
 public:
  AdvisoryLock(Connection& connection, std::string_view name);
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  static std::int64_t key(std::string_view name);

 private:
  Connection& connection_;
  std::int64_t key_;
};

}  // namespace ocean::pg
