#include "ocean_common/pg.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <memory>

namespace ocean::pg {
namespace {

// The password of a connection string, so a message that somehow echoes it can be scrubbed.
std::string password_of(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  if (options == nullptr) return {};
  std::string password;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr) password = o->val;
  }
  PQconninfoFree(options);
  return password;
}

std::string scrub(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (std::size_t at = message.find(secret); at != std::string::npos; at = message.find(secret, at)) {
    message.replace(at, secret.size(), "***");
  }
  return message;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The statement's first words, enough to say which query failed without quoting data.
std::string statement_head(std::string_view sql) {
  std::string head;
  for (char c : sql.substr(0, 60)) head.push_back(c == '\n' || c == '\t' ? ' ' : c);
  return sql.size() > 60 ? head + "..." : head;
}

}  // namespace

Result::~Result() {
  if (result_ != nullptr) PQclear(result_);
}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int Result::rows() const { return result_ == nullptr ? 0 : PQntuples(result_); }
int Result::columns() const { return result_ == nullptr ? 0 : PQnfields(result_); }

void Result::check_cell(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) {
    throw Error("postgresql: no cell at row " + std::to_string(row) + ", column " + std::to_string(column));
  }
}

bool Result::is_null(int row, int column) const {
  check_cell(row, column);
  return PQgetisnull(result_, row, column) == 1;
}

std::string Result::text(int row, int column) const {
  check_cell(row, column);
  return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::string Result::bytes(int row, int column) const {
  check_cell(row, column);
  if (PQgetisnull(result_, row, column) == 1) return {};
  std::size_t length = 0;
  const auto* escaped = reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, column));
  std::unique_ptr<unsigned char, decltype(&PQfreemem)> raw(PQunescapeBytea(escaped, &length), &PQfreemem);
  if (!raw) throw Error("postgresql: cannot decode a bytea value (out of memory)");
  return std::string(reinterpret_cast<const char*>(raw.get()), length);
}

std::int64_t Result::int64(int row, int column) const {
  const std::string value = text(row, column);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
    throw Error("postgresql: column " + std::string(PQfname(result_, column)) + " is not an integer");
  }
  return out;
}

std::int64_t Result::affected() const {
  if (result_ == nullptr) return 0;
  const char* count = PQcmdTuples(result_);
  std::int64_t out = 0;
  if (count != nullptr) std::from_chars(count, count + std::char_traits<char>::length(count), out);
  return out;
}

Connection::Connection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (conn_ == nullptr) throw Error("postgresql: out of memory while connecting");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("postgresql: cannot connect with '" + redact_conninfo(conninfo) +
                "': " + scrub(std::move(message), password_of(conninfo)));
  }
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

Result Connection::checked(pg_result* raw, std::string_view sql) {
  Result result(raw);
  const ExecStatusType status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  std::string sqlstate;
  std::string message;
  if (raw != nullptr) {
    const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY);
    if (state != nullptr) sqlstate = state;
    if (primary != nullptr) message = primary;
  }
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  std::string text = "postgresql: " + message;
  if (!sqlstate.empty()) text += " (SQLSTATE " + sqlstate + ")";
  throw Error(text + " in: " + statement_head(sql), sqlstate);
}

Result Connection::exec(std::string_view sql) { return checked(PQexec(conn_, std::string(sql).c_str()), sql); }

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  values.reserve(params.size());
  for (const Param& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  pg_result* raw = PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(params.size()), nullptr,
                                values.data(), lengths.data(), formats.data(), 0);
  return checked(raw, sql);
}

bool Connection::in_transaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool Connection::broken() const { return PQstatus(conn_) != CONNECTION_OK; }

void Connection::set_search_path(std::string_view schema) {
  exec("SET search_path TO " + quote_identifier(schema) + ", public");
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::int64_t AdvisoryLock::key(std::string_view name) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a: stable across builds and machines
  for (unsigned char c : name) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(hash);
}

AdvisoryLock::AdvisoryLock(Connection& connection, std::string_view name) : connection_(connection), key_(key(name)) {
  connection_.exec("SELECT pg_advisory_lock($1)", {Param::integer(key_)});
}

AdvisoryLock::~AdvisoryLock() {
  try {
    connection_.exec("SELECT pg_advisory_unlock($1)", {Param::integer(key_)});
  } catch (...) {  // a lost connection released the lock already
  }
}

}  // namespace ocean::pg
