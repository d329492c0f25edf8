#include "finance/reconcile.hpp"

#include <boost/json.hpp>

#include <set>

#include "finance/money.hpp"
#include "model/time_format.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {

struct Money {
  int decimals = 2;
  std::string operator()(std::int64_t minor) const { return format_minor(minor, decimals); }
};

json::object mismatch(const char* kind, const StatementRow& s, const std::string& reason) {
  return json::object{{"kind", kind}, {"statement_id", s.id}, {"currency", s.currency}, {"reason", reason}};
}

class Reconciler {
 public:
  Reconciler(FinanceStore& store, json::array& mismatches) : store_(store), mismatches_(mismatches) {}

  json::object statement(const StatementRow& s);

 private:
  std::int64_t check_transaction(const StatementRow& s, const TransactionRow& t, const Money& m);
  json::object order_entry(const StatementRow& s, const TransactionRow& t, const Money& m);

  FinanceStore& store_;
  json::array& mismatches_;
  std::set<std::string> settled_orders_;
};

// The transaction's own identity; returns how far its reported settlement is off (0 when it holds).
std::int64_t Reconciler::check_transaction(const StatementRow& s, const TransactionRow& t, const Money& m) {
  const std::int64_t expected = t.revenue + t.shipping + t.fee_tax + t.adjustment;
  if (expected == t.settlement) return 0;
  json::object x = mismatch("transaction_identity", s,
                            "the transaction's settlement_amount " + m(t.settlement) + " is not revenue " +
                                m(t.revenue) + " + shipping " + m(t.shipping) + " + fees and taxes " + m(t.fee_tax) +
                                " + adjustment " + m(t.adjustment) + " = " + m(expected));
  x["transaction_id"] = t.id;
  x["type"] = t.type;
  if (!t.order_id.empty()) x["order_id"] = t.order_id;
  x["expected"] = m(expected);
  x["actual"] = m(t.settlement);
  x["difference"] = m(t.settlement - expected);
  mismatches_.push_back(std::move(x));
  return t.settlement - expected;
}

// What was settled for an order against its lines in the order mirror.
json::object Reconciler::order_entry(const StatementRow& s, const TransactionRow& t, const Money& m) {
  json::object e{{"order_id", t.order_id},
                 {"transaction_id", t.id},
                 {"settlement_amount", m(t.settlement)},
                 {"sales_amount", m(t.sales)}};
  auto order_mismatch = [&](const char* kind, const std::string& reason) {
    json::object x = mismatch(kind, s, reason);
    x["transaction_id"] = t.id;
    x["order_id"] = t.order_id;
    mismatches_.push_back(std::move(x));
  };
  if (!settled_orders_.insert(t.order_id).second) {
    order_mismatch("order_settled_twice", "the order has more than one ORDER transaction in the statements read");
  }
  const auto order = store_.mirrored_order(t.order_id);
  if (!order) {
    e["order_sales_amount"] = nullptr;
    order_mismatch("order_missing", "the settled order is not in the order mirror (run sync.run with kinds [orders])");
    return e;
  }
  std::int64_t lines = 0;
  for (const auto& [price, quantity] : order->lines) {
    const auto minor = parse_minor(price, m.decimals);
    lines += minor ? *minor * quantity : 0;
  }
  e["order_sales_amount"] = m(lines);
  e["order_status"] = order->status;
  if (lines != t.sales) {
    order_mismatch("order_amount", "settled sales " + m(t.sales) +
                                       " (gross less seller discount) differ from the order's lines " + m(lines) +
                                       " in the mirror");
    mismatches_.back().as_object()["difference"] = m(t.sales - lines);
  }
  return e;
}

json::object Reconciler::statement(const StatementRow& s) {
  const Money m{currency_decimals(s.currency)};
  const auto txs = store_.transactions_of(s.id);
  const bool complete = store_.transactions_done(s.id);
  std::int64_t total = 0, explained = 0;
  json::array orders;
  for (const auto& t : txs) {
    total += t.settlement;
    explained += check_transaction(s, t, m);
    if (t.kind == "order" && !t.order_id.empty()) orders.push_back(order_entry(s, t, m));
  }
  const std::int64_t difference = s.settlement - total;
  if (!complete) {
    mismatches_.push_back(mismatch("transactions_incomplete", s,
                                   "not every transaction of the statement is mirrored yet (run sync.run with kinds "
                                   "[finance])"));
  } else if (difference != -explained) {
    json::object x = mismatch("statement_total", s,
                              "the statement's settlement_amount " + m(s.settlement) +
                                  " differs from the sum of its transactions " + m(total));
    x["difference"] = m(difference);
    mismatches_.push_back(std::move(x));
  }
  return json::object{{"id", s.id},
                      {"statement_time", model::rfc3339(s.statement_time)},
                      {"currency", s.currency},
                      {"settlement_amount", m(s.settlement)},
                      {"transactions_total", m(total)},
                      {"difference", m(difference)},
                      {"transaction_count", static_cast<std::int64_t>(txs.size())},
                      {"transactions_complete", complete},
                      {"orders", std::move(orders)}};
}

json::array unsettled_orders(FinanceStore& store, const ReconcileRequest& r) {
  json::array out;
  const std::int64_t before = r.as_of - r.unsettled_after_days * 86400;
  for (const auto& [id, o] : store.delivered_unsettled(before)) {
    out.push_back(json::object{{"order_id", id},
                               {"status", o.status},
                               {"delivered_at", model::rfc3339(o.delivered_at)},
                               {"days_since_delivery", (r.as_of - o.delivered_at) / 86400}});
  }
  return out;
}

}  // namespace

json::object reconcile(FinanceStore& store, const ReconcileRequest& r) {
  std::vector<StatementRow> statements;
  if (r.statement_id) {
    auto s = store.statement(*r.statement_id);
    if (s) statements.push_back(std::move(*s));
  } else {
    statements = store.statements(r.from, r.to);
  }
  json::array mismatches, out;
  Reconciler rec(store, mismatches);
  for (const auto& s : statements) out.push_back(rec.statement(s));
  json::object answer{{"statements", std::move(out)}};
  answer["orders_unsettled"] = r.statement_id ? json::array{} : unsettled_orders(store, r);
  answer["mismatches"] = std::move(mismatches);
  return answer;
}

}  // namespace ocean::tiktok::finance
