// The finance mirror over the plugin's SQLite file (its own connection, WAL): statements, their
// transactions, payments, withdrawals and the finance cursors, plus the reads reconcile needs from the
// order mirror (orders, order_lines, order_status_history). Tables: store/migrations.cpp version 5.
// Thread-safety: one instance per thread; several instances on one file are fine (SQLite locks).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "finance/finance_rows.hpp"
#include "store/db.hpp"
#include "store/location.hpp"

namespace ocean::tiktok::finance {

struct UpsertFlags {
  bool inserted = false;
  bool became_paid = false;  // payments: the status is PAID now and was not before
};

// A mirrored order as reconcile sees it.
struct MirroredOrder {
  std::string status;
  std::int64_t delivered_at = 0;  // first DELIVERED/COMPLETED in its history, else its update_time
  std::string lines_currency;
  std::vector<std::pair<std::string, std::int64_t>> lines;  // (unit_price text, quantity)
};

class FinanceStore {
 public:
  // Opens the plugin's database (created and migrated by the commerce store first).
  explicit FinanceStore(const store::Location& where);
  explicit FinanceStore(const std::string& path) : FinanceStore(store::Location::sqlite_file(path)) {}

  void in_transaction(const std::function<void()>& fn) { db().transaction(fn); }

  FinanceCursor cursor(const std::string& kind);
  void save_cursor(const FinanceCursor& c);

  UpsertFlags upsert_statement(const StatementRow& s, std::int64_t now_ms);
  void upsert_transaction(const TransactionRow& t);
  UpsertFlags upsert_payment(const PaymentRow& p, std::int64_t now_ms);
  void upsert_withdrawal(const WithdrawalRow& w, std::int64_t now_ms);

  // Statements whose transactions are not (all) mirrored yet, oldest first.
  std::vector<std::string> statements_without_transactions();
  void finish_transactions(const std::string& statement_id, std::int64_t count);
  // A full re-read: every statement's transactions are read again by the next run.
  void forget_transactions_done();

  std::vector<StatementRow> statements(std::int64_t from, std::int64_t to);  // statement_time in [from, to)
  std::optional<StatementRow> statement(const std::string& id);
  bool transactions_done(const std::string& statement_id);
  std::vector<TransactionRow> transactions_of(const std::string& statement_id);
  std::vector<PaymentRow> payments();
  std::vector<WithdrawalRow> withdrawals();
  std::int64_t count(const char* table);

  std::optional<MirroredOrder> mirrored_order(const std::string& order_id);
  // Orders in the mirror delivered (or completed) before `before` with no ORDER transaction.
  std::vector<std::pair<std::string, MirroredOrder>> delivered_unsettled(std::int64_t before);
  // The shop's region from the connected account ("" when unknown).
  std::string shop_region();

 private:
  // A statement prepared once for the connection's life (the hot paths run it per record); the
  // caller resets it after use (Reset), so no read snapshot stays pinned.
  db::Statement& cached(const char* sql);
  struct Reset {
    db::Statement& st;
    ~Reset() { st.reset(); }
  };

  // Connected on first use: an account whose finance feature is off keeps no connection for it.
  db::Database& db();

  store::Location where_;
  std::unique_ptr<db::Database> db_;
  std::map<const char*, std::unique_ptr<db::Statement>> cache_;
};

}  // namespace ocean::tiktok::finance
