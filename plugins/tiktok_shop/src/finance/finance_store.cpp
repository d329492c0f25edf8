#include "finance/finance_store.hpp"

#include "store/open.hpp"

namespace ocean::tiktok::finance {

FinanceStore::FinanceStore(const store::Location& where) : where_(where) {}

db::Database& FinanceStore::db() {
  if (!db_) db_ = store::open_database(where_);
  return *db_;
}

db::Statement& FinanceStore::cached(const char* sql) {
  auto& slot = cache_[sql];
  if (!slot) slot = std::make_unique<db::Statement>(db().prepare(sql));
  return *slot;
}

FinanceCursor FinanceStore::cursor(const std::string& kind) {
  auto st = db().prepare(
      "SELECT watermark, run_json, page_token, run_pages, run_max_seen, last_finished_ms FROM finance_cursors "
      "WHERE kind = ?");
  st.bind(1, kind);
  FinanceCursor c;
  c.kind = kind;
  if (st.step()) {
    c.watermark = st.int64(0);
    c.run_json = st.text(1);
    c.page_token = st.text(2);
    c.run_pages = st.int64(3);
    c.run_max_seen = st.int64(4);
    c.last_finished_ms = st.int64(5);
  }
  return c;
}

void FinanceStore::save_cursor(const FinanceCursor& c) {
  auto st = db().prepare(
      "INSERT INTO finance_cursors (kind, watermark, run_json, page_token, run_pages, run_max_seen, last_finished_ms) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET watermark = excluded.watermark, "
      "run_json = excluded.run_json, page_token = excluded.page_token, run_pages = excluded.run_pages, "
      "run_max_seen = excluded.run_max_seen, last_finished_ms = excluded.last_finished_ms");
  st.bind(1, c.kind).bind(2, c.watermark).bind(3, c.run_json).bind(4, c.page_token);
  st.bind(5, c.run_pages).bind(6, c.run_max_seen).bind(7, c.last_finished_ms);
  st.run();
}

UpsertFlags FinanceStore::upsert_statement(const StatementRow& s, std::int64_t now_ms) {
  UpsertFlags f;
  auto exists = db().prepare("SELECT 1 FROM finance_statements WHERE statement_id = ?");
  exists.bind(1, s.id);
  f.inserted = !exists.step();
  // A statement read again (the overlap window) keeps whether its transactions are mirrored.
  auto st = db().prepare(
      "INSERT INTO finance_statements (statement_id, statement_time, currency, settlement_minor, payment_status, "
      "payment_id, raw_json, synced_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO UPDATE SET "
      "statement_time = excluded.statement_time, currency = excluded.currency, settlement_minor = "
      "excluded.settlement_minor, payment_status = excluded.payment_status, payment_id = excluded.payment_id, "
      "raw_json = excluded.raw_json, synced_at_ms = excluded.synced_at_ms");
  st.bind(1, s.id).bind(2, s.statement_time).bind(3, s.currency).bind(4, s.settlement).bind(5, s.payment_status);
  st.bind(6, s.payment_id).bind(7, s.raw_json).bind(8, now_ms);
  st.run();
  return f;
}

void FinanceStore::upsert_transaction(const TransactionRow& t) {
  static constexpr const char* kSql =
      "INSERT INTO finance_transactions (transaction_id, statement_id, kind, type, order_id, "
      "order_create_time, currency, settlement_minor, revenue_minor, shipping_minor, fee_tax_minor, adjustment_minor, "
      "sales_minor, raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO UPDATE "
      "SET statement_id = excluded.statement_id, kind = excluded.kind, type = excluded.type, order_id = "
      "excluded.order_id, order_create_time = excluded.order_create_time, currency = excluded.currency, "
      "settlement_minor = excluded.settlement_minor, revenue_minor = excluded.revenue_minor, shipping_minor = "
      "excluded.shipping_minor, fee_tax_minor = excluded.fee_tax_minor, adjustment_minor = excluded.adjustment_minor, "
      "sales_minor = excluded.sales_minor, raw_json = excluded.raw_json";
  auto& st = cached(kSql);
  Reset done{st};
  st.bind(1, t.id).bind(2, t.statement_id).bind(3, t.kind).bind(4, t.type).bind(5, t.order_id);
  st.bind(6, t.order_create_time).bind(7, t.currency).bind(8, t.settlement).bind(9, t.revenue).bind(10, t.shipping);
  st.bind(11, t.fee_tax).bind(12, t.adjustment).bind(13, t.sales).bind(14, t.raw_json);
  st.run();
}

UpsertFlags FinanceStore::upsert_payment(const PaymentRow& p, std::int64_t now_ms) {
  UpsertFlags f;
  auto prev = db().prepare("SELECT status FROM finance_payments WHERE payment_id = ?");
  prev.bind(1, p.id);
  const bool existed = prev.step();
  f.inserted = !existed;
  f.became_paid = p.status == "PAID" && (!existed || prev.text(0) != "PAID");
  auto st = db().prepare(
      "INSERT INTO finance_payments (payment_id, create_time, status, currency, amount_minor, raw_json, "
      "synced_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (payment_id) DO UPDATE SET create_time = "
      "excluded.create_time, status = excluded.status, currency = excluded.currency, amount_minor = "
      "excluded.amount_minor, raw_json = excluded.raw_json, synced_at_ms = excluded.synced_at_ms");
  st.bind(1, p.id).bind(2, p.create_time).bind(3, p.status).bind(4, p.currency).bind(5, p.amount);
  st.bind(6, p.raw_json).bind(7, now_ms);
  st.run();
  return f;
}

void FinanceStore::upsert_withdrawal(const WithdrawalRow& w, std::int64_t now_ms) {
  auto st = db().prepare(
      "INSERT INTO finance_withdrawals (withdrawal_id, type, create_time, status, currency, amount_minor, "
      "raw_json, synced_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (withdrawal_id) DO UPDATE SET type = "
      "excluded.type, create_time = excluded.create_time, status = excluded.status, currency = excluded.currency, "
      "amount_minor = excluded.amount_minor, raw_json = excluded.raw_json, synced_at_ms = excluded.synced_at_ms");
  st.bind(1, w.id).bind(2, w.type).bind(3, w.create_time).bind(4, w.status).bind(5, w.currency);
  st.bind(6, w.amount).bind(7, w.raw_json).bind(8, now_ms);
  st.run();
}

std::vector<std::string> FinanceStore::statements_without_transactions() {
  auto st = db().prepare(
      "SELECT statement_id FROM finance_statements WHERE transactions_done = 0 ORDER BY statement_time, statement_id");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void FinanceStore::finish_transactions(const std::string& statement_id, std::int64_t count) {
  auto st =
      db().prepare("UPDATE finance_statements SET transactions_done = 1, transaction_count = ? WHERE statement_id = ?");
  st.bind(1, count).bind(2, statement_id);
  st.run();
}

void FinanceStore::forget_transactions_done() { db().exec("UPDATE finance_statements SET transactions_done = 0"); }

namespace {
constexpr const char* kStatementColumns =
    "SELECT statement_id, statement_time, currency, settlement_minor, payment_status, payment_id, raw_json "
    "FROM finance_statements ";

StatementRow statement_of(db::Statement& st) {
  return StatementRow{st.text(0), st.int64(1), st.text(2), st.int64(3), st.text(4), st.text(5), st.text(6)};
}
}  // namespace

std::vector<StatementRow> FinanceStore::statements(std::int64_t from, std::int64_t to) {
  auto st = db().prepare(std::string(kStatementColumns) +
                         "WHERE statement_time >= ? AND statement_time < ? ORDER BY statement_time, statement_id");
  st.bind(1, from).bind(2, to);
  std::vector<StatementRow> out;
  while (st.step()) out.push_back(statement_of(st));
  return out;
}

std::optional<StatementRow> FinanceStore::statement(const std::string& id) {
  auto st = db().prepare(std::string(kStatementColumns) + "WHERE statement_id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return statement_of(st);
}

bool FinanceStore::transactions_done(const std::string& statement_id) {
  auto& st = cached("SELECT transactions_done FROM finance_statements WHERE statement_id = ?");
  Reset done{st};
  st.bind(1, statement_id);
  return st.step() && st.int64(0) == 1;
}

std::vector<TransactionRow> FinanceStore::transactions_of(const std::string& statement_id) {
  static constexpr const char* kSql =
      "SELECT transaction_id, statement_id, kind, type, order_id, order_create_time, currency, settlement_minor, "
      "revenue_minor, shipping_minor, fee_tax_minor, adjustment_minor, sales_minor, raw_json FROM finance_transactions "
      "WHERE statement_id = ? ORDER BY order_create_time, transaction_id";
  auto& st = cached(kSql);
  Reset done{st};
  st.bind(1, statement_id);
  std::vector<TransactionRow> out;
  while (st.step()) {
    out.push_back(TransactionRow{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5), st.text(6),
                                 st.int64(7), st.int64(8), st.int64(9), st.int64(10), st.int64(11), st.int64(12),
                                 st.text(13)});
  }
  return out;
}

std::vector<PaymentRow> FinanceStore::payments() {
  auto st = db().prepare(
      "SELECT payment_id, create_time, status, currency, amount_minor, raw_json FROM finance_payments "
      "ORDER BY create_time, payment_id");
  std::vector<PaymentRow> out;
  while (st.step()) out.push_back(PaymentRow{st.text(0), st.int64(1), st.text(2), st.text(3), st.int64(4), st.text(5)});
  return out;
}

std::vector<WithdrawalRow> FinanceStore::withdrawals() {
  auto st = db().prepare(
      "SELECT withdrawal_id, type, create_time, status, currency, amount_minor, raw_json FROM finance_withdrawals "
      "ORDER BY create_time, withdrawal_id");
  std::vector<WithdrawalRow> out;
  while (st.step()) {
    out.push_back(WithdrawalRow{st.text(0), st.text(1), st.int64(2), st.text(3), st.text(4), st.int64(5), st.text(6)});
  }
  return out;
}

std::int64_t FinanceStore::count(const char* table) {
  auto st = db().prepare(std::string("SELECT COUNT(*) FROM ") + table);
  return st.step() ? st.int64(0) : 0;
}

std::optional<MirroredOrder> FinanceStore::mirrored_order(const std::string& order_id) {
  static constexpr const char* kOrder =
      "SELECT o.status, COALESCE((SELECT MIN(h.update_time) FROM order_status_history h WHERE h.order_row = "
      "o.order_row "
      "AND h.status IN ('DELIVERED', 'COMPLETED')), o.update_time), o.order_row FROM orders o WHERE o.order_id = ?";
  static constexpr const char* kLines = "SELECT unit_price, quantity FROM order_lines WHERE order_row = ?";
  auto& st = cached(kOrder);
  Reset done{st};
  st.bind(1, order_id);
  if (!st.step()) return std::nullopt;
  MirroredOrder m;
  m.status = st.text(0);
  m.delivered_at = st.int64(1);
  auto& lines = cached(kLines);
  Reset lines_done{lines};
  lines.bind(1, st.int64(2));
  while (lines.step()) m.lines.emplace_back(lines.text(0), lines.int64(1));
  return m;
}

std::vector<std::pair<std::string, MirroredOrder>> FinanceStore::delivered_unsettled(std::int64_t before) {
  // The alias is filtered in an outer query: PostgreSQL does not see select-list names in WHERE.
  auto st = db().prepare(
      "SELECT order_id, status, delivered FROM (SELECT o.order_id, o.status, COALESCE((SELECT MIN(h.update_time) "
      "FROM order_status_history h WHERE h.order_row = o.order_row AND h.status IN ('DELIVERED', 'COMPLETED')), "
      "o.update_time) AS delivered FROM orders o WHERE o.status IN ('DELIVERED', 'COMPLETED') AND NOT EXISTS (SELECT "
      "1 FROM finance_transactions t WHERE t.order_id = o.order_id AND t.kind = 'order')) AS unsettled WHERE "
      "delivered < ? ORDER BY delivered, order_id");
  st.bind(1, before);
  std::vector<std::pair<std::string, MirroredOrder>> out;
  while (st.step()) {
    MirroredOrder m;
    m.status = st.text(1);
    m.delivered_at = st.int64(2);
    out.emplace_back(st.text(0), std::move(m));
  }
  return out;
}

std::string FinanceStore::shop_region() {
  auto st = db().prepare("SELECT shop_region FROM account WHERE id = 1");
  return st.step() ? st.text(0) : "";
}

}  // namespace ocean::tiktok::finance
