#include "store/pg_db.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <optional>
#include <vector>

#include "store/fence.hpp"
#include "store/pg_dialect.hpp"

namespace ocean::tiktok::pg_store {
namespace {

std::string upper(std::string_view sql) {
  std::string out(sql);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A statement whose first word is not SELECT writes (INSERT, UPDATE, DELETE, DDL). An INSERT ... ON
// CONFLICT DO NOTHING only adds rows and is atomic by itself (the webhook inbox, alerts sent once).
Kind kind_of(std::string_view sql) {
  const std::string text = upper(sql);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || text.compare(start, 6, "SELECT") == 0) return Kind::read;
  if (text.compare(start, 6, "INSERT") == 0 && text.find("ON CONFLICT") != std::string::npos &&
      text.find("DO NOTHING") != std::string::npos && text.find(';') == std::string::npos)
    return Kind::insert_only;
  return Kind::write;
}

// libpq's result as an ocean::pg::Result, or ocean::pg::Error with the server's message and SQLSTATE
// (never a bound value).
ocean::pg::Result checked(PGconn* conn, PGresult* raw, const std::string& sql) {
  ocean::pg::Result result(raw);
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string text = std::string("postgresql: ") + (primary != nullptr ? primary : PQerrorMessage(conn));
  if (state != nullptr) text += std::string(" (SQLSTATE ") + state + ")";
  throw ocean::pg::Error(text + " in: " + sql.substr(0, 60) + (sql.size() > 60 ? "..." : ""),
                         state != nullptr ? state : "");
}

class Statement final : public db::StatementImpl {
 public:
  Statement(Database& db, std::string_view sql) : db_(db), kind_(kind_of(sql)) {
    int count = 0;
    sql_ = pgsql::placeholders(sql, &count);
    params_.resize(static_cast<std::size_t>(count), ocean::pg::Param::null());
  }
  ~Statement() override {
    if (!prepared_.empty() && generation_ == db_.generation()) db_.deallocate(prepared_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind_text(int index, std::string_view text) override { slot(index) = ocean::pg::Param::text(std::string(text)); }
  void bind_blob(int index, std::string_view bytes) override {
    slot(index) = ocean::pg::Param::bytes(std::string(bytes));
  }
  void bind_int64(int index, std::int64_t value) override { slot(index) = ocean::pg::Param::integer(value); }
  void bind_null(int index) override { slot(index) = ocean::pg::Param::null(); }

  // The whole result is fetched on the first step; later steps walk its rows. A statement run a
  // second time is prepared on the server (the stores keep their hot statements for reuse), and
  // prepared again on a new connection.
  bool step() override {
    if (!result_) {
      if (++runs_ >= 2 && (prepared_.empty() || generation_ != db_.generation())) {
        prepared_ = db_.prepare_named(sql_, static_cast<int>(params_.size()));
        generation_ = db_.generation();
      }
      result_.emplace(db_.run(sql_, params_, kind_, prepared_.empty() ? nullptr : &prepared_));
      row_ = -1;
    }
    return ++row_ < result_->rows();
  }

  void reset() override {
    result_.reset();
    row_ = -1;
    for (auto& p : params_) p = ocean::pg::Param::null();
  }

  std::string text(int column) const override { return current().text(row_, column); }
  std::string blob(int column) const override { return current().bytes(row_, column); }
  std::int64_t int64(int column) const override {
    return current().is_null(row_, column) ? 0 : current().int64(row_, column);
  }
  bool is_null(int column) const override { return current().is_null(row_, column); }

 private:
  ocean::pg::Param& slot(int index) {
    if (index < 1 || index > static_cast<int>(params_.size())) {
      throw std::runtime_error("PostgreSQL bind failed: no parameter " + std::to_string(index));
    }
    result_.reset();
    return params_[static_cast<std::size_t>(index - 1)];
  }
  const ocean::pg::Result& current() const {
    if (!result_ || row_ < 0 || row_ >= result_->rows()) throw std::runtime_error("PostgreSQL: no current row");
    return *result_;
  }

  Database& db_;
  Kind kind_;
  std::string sql_;
  std::vector<ocean::pg::Param> params_;
  std::optional<ocean::pg::Result> result_;
  int row_ = -1;
  int runs_ = 0;
  std::string prepared_;          // the server-side name once prepared
  std::uint64_t generation_ = 0;  // the connection it was prepared on
};

class SessionLock final : public db::Database::Lock {
 public:
  SessionLock(ocean::pg::Connection& c, const std::string& name) : lock_(c, name) {}

 private:
  ocean::pg::AdvisoryLock lock_;
};

}  // namespace

Database::Database(const store::PgLocation& where)
    : schema_(where.schema),
      description_("PostgreSQL schema " + where.schema),
      write_lock_key_(ocean::pg::AdvisoryLock::key("ocean.write." + where.schema)),
      conninfo_(where.conninfo) {
  if (const auto problem = pgsql::schema_name_problem(schema_); !problem.empty()) {
    throw std::runtime_error("PostgreSQL schema name '" + schema_ + "' " + problem);
  }
  connect();
}

void Database::connect() {
  auto c = std::make_unique<ocean::pg::Connection>(conninfo_);
  // NOTICEs ("already exists, skipping") would go to stderr; a lock wait that never ends (a
  // transaction left open by mistake) becomes an error instead of a hang.
  c->exec("SET client_min_messages = warning; SET lock_timeout = '60s'");
  auto found = c->exec("SELECT 1 FROM pg_namespace WHERE nspname = $1", {ocean::pg::Param::text(schema_)});
  if (found.rows() == 0) {
    const ocean::pg::AdvisoryLock lock(*c, "ocean.migrate." + schema_);
    c->exec("CREATE SCHEMA IF NOT EXISTS " + ocean::pg::quote_identifier(schema_));
  }
  c->set_search_path(schema_);
  conn_ = std::move(c);
  ++generation_;
}

ocean::pg::Connection& Database::live() {
  if (conn_->broken()) connect();
  return *conn_;
}

// Runs `fn` on the connection. Outside a transaction a connection found lost (the server restarted,
// the network dropped it) is made again and `fn` runs once more on it; `fn` is told whether it runs on
// a fresh connection (statements prepared on the old one are gone).
template <typename Fn>
ocean::pg::Result Database::reconnecting(Fn&& fn) {
  const bool in_tx = conn_->in_transaction();
  try {
    return fn(live(), false);
  } catch (const ocean::pg::Error&) {
    if (in_tx || !conn_->broken()) throw;
  }
  connect();
  return fn(*conn_, true);
}

Database::~Database() = default;

void Database::exec(std::string_view sql) { run(std::string(sql), {}, kind_of(sql)); }

db::Statement Database::prepare(std::string_view sql) { return db::Statement(std::make_unique<Statement>(*this, sql)); }

ocean::pg::Result Database::run(const std::string& sql, const std::vector<ocean::pg::Param>& params, Kind kind,
                                const std::string* prepared) {
  std::lock_guard lock(mutex_);
  // An insert-only statement needs no writer lock (it cannot change a row another writer read), but
  // under a fence it still gets a transaction, for the fence check.
  const bool own_transaction =
      kind == Kind::write || (kind == Kind::insert_only && db::FenceScope::current() != nullptr);
  if (own_transaction && !conn_->in_transaction()) {
    std::optional<ocean::pg::Result> out;
    transaction([&] { out.emplace(run(sql, params, kind, prepared)); });
    return std::move(*out);
  }
  const bool write = kind != Kind::read;
  auto result = reconnecting([&](ocean::pg::Connection& c, bool fresh) {
    if (prepared != nullptr && !fresh) return exec_prepared(*prepared, sql, params);
    return params.empty() ? c.exec(sql) : c.exec(sql, params);
  });
  if (write) changes_ = result.affected();
  return result;
}

ocean::pg::Result Database::exec_prepared(const std::string& name, const std::string& sql,
                                          const std::vector<ocean::pg::Param>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  return checked(conn_->handle(),
                 PQexecPrepared(conn_->handle(), name.c_str(), static_cast<int>(params.size()), values.data(),
                                lengths.data(), formats.data(), 0),
                 sql);
}

std::string Database::prepare_named(const std::string& sql, int params) {
  std::lock_guard lock(mutex_);
  live();
  std::string name = "ocean_" + std::to_string(++prepared_count_);
  checked(conn_->handle(), PQprepare(conn_->handle(), name.c_str(), sql.c_str(), params, nullptr), sql);
  return name;
}

void Database::deallocate(const std::string& name) noexcept {
  try {
    std::lock_guard lock(mutex_);
    // Outside a failed transaction only: DEALLOCATE there would fail; the statement goes with the
    // connection then.
    if (PQtransactionStatus(conn_->handle()) != PQTRANS_INERROR) conn_->exec("DEALLOCATE " + name);
  } catch (...) {  // a lost connection took its prepared statements with it
  }
}

int Database::schema_version() {
  std::lock_guard lock(mutex_);
  auto table = conn_->exec("SELECT to_regclass($1) IS NOT NULL",
                           {ocean::pg::Param::text(ocean::pg::quote_identifier(schema_) + ".ocean_schema_version")});
  if (table.text(0, 0) != "t") return 0;
  auto v = conn_->exec("SELECT COALESCE(MAX(version), 0) FROM ocean_schema_version");
  return static_cast<int>(v.int64(0, 0));
}

void Database::set_schema_version(int version) {
  std::lock_guard lock(mutex_);
  conn_->exec(
      "CREATE TABLE IF NOT EXISTS ocean_schema_version (version BIGINT NOT NULL, migrated_at TIMESTAMPTZ NOT NULL "
      "DEFAULT now()); DELETE FROM ocean_schema_version");
  conn_->exec("INSERT INTO ocean_schema_version (version) VALUES ($1)", {ocean::pg::Param::integer(version)});
}

std::unique_ptr<db::Database::Lock> Database::migration_lock() {
  std::lock_guard lock(mutex_);
  return std::make_unique<SessionLock>(*conn_, "ocean.migrate." + schema_);
}

void Database::begin() {
  std::lock_guard lock(mutex_);
  // One round trip: the key is a number of ours, so it is written into the text.
  const std::string sql = "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(write_lock_key_) + ")";
  try {
    reconnecting([&](ocean::pg::Connection& c, bool) { return c.exec(sql); });
  } catch (...) {
    rollback_quietly();  // a lock wait that timed out leaves a failed transaction open
    throw;
  }
}

void Database::commit() {
  std::lock_guard lock(mutex_);
  check_fence();
  conn_->exec("COMMIT");
}

void Database::check_fence() {
  const db::FenceToken* token = db::FenceScope::current();
  if (token == nullptr) return;
  auto r = conn_->exec("SELECT fence, owner_node FROM ocean_cluster.account_leases WHERE account_id = $1 FOR SHARE",
                       {ocean::pg::Param::text(token->account)});
  const bool ours = r.rows() == 1 && r.int64(0, 0) == token->fence && r.text(0, 1) == token->node;
  if (ours) return;
  db::FenceScope::count_refusal();
  throw db::Fenced("fenced: the lease of account '" + token->account + "' is no longer node '" + token->node +
                   "''s at fence " + std::to_string(token->fence) + "; the commit was rolled back");
}

void Database::rollback_quietly() noexcept {
  try {
    std::lock_guard lock(mutex_);
    conn_->exec("ROLLBACK");
  } catch (...) {  // a broken connection has no transaction left to roll back
  }
}

}  // namespace ocean::tiktok::pg_store
