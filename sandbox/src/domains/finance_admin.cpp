// Finance admin: change what the API reports for one transaction (a test injects a discrepancy between a
// statement and its transactions this way), and the truth's statements, payments and withdrawals.
#include <algorithm>

#include "../body_fields.hpp"
#include "../generator.hpp"
#include "../world.hpp"
#include "finance_store.hpp"
#include "finance_wire.hpp"

namespace tts_sandbox {

namespace json = boost::json;
using namespace finance;

namespace {

// A signed decimal amount in the shop's currency ("-12.30", "1500" for IDR) -> minor units.
std::int64_t signed_amount(const Shop& shop, const std::string& text) {
  const bool negative = !text.empty() && text[0] == '-';
  std::int64_t minor = 0;
  if (!parse_money(shop, negative ? text.substr(1) : text, minor)) {
    throw bad_param("settlement_amount must be a decimal amount in " + shop.currency + ": " + text);
  }
  return negative ? -minor : minor;
}

json::value change_transaction(AdminContext& c) {
  const auto& b = c.body();
  for (const auto& kv : b) {
    if (kv.key() != "settlement_amount") throw bad_param("unknown field " + std::string(kv.key()));
  }
  if (!b.contains("settlement_amount")) throw bad_param("settlement_amount is a required field");
  const std::string& tx_id = c.path_param("transaction_id");
  for (const auto& shop : c.world.shops()) {
    auto& st = store_of(*shop);
    st.now = c.now;
    catch_up(*shop);
    auto at = st.transaction_at.find(tx_id);
    if (at == st.transaction_at.end()) continue;
    Statement& s = st.statements.at(at->second.first);
    Transaction& t = s.transactions.at(at->second.second);
    const json::value& v = b.at("settlement_amount");
    if (v.is_null()) {
      t.reported_settlement.reset();  // back to the identity
    } else if (v.is_string()) {
      t.reported_settlement = signed_amount(*shop, std::string(v.as_string()));
    } else {
      throw bad_param("settlement_amount must be a string or null");
    }
    return json::object{{"shop_id", shop->id}, {"statement_id", s.id}, {"transaction", transaction_json(*shop, t)}};
  }
  throw bad_param("unknown transaction id " + tx_id);
}

json::object truth_transaction(const Shop& shop, const Transaction& t) {
  json::object o{{"id", t.id},
                 {"type", t.type},
                 {"settlement_amount", money(shop, t.settlement())},
                 {"revenue_amount", money(shop, t.amounts.revenue())},
                 {"shipping_cost_amount", money(shop, t.amounts.shipping())},
                 {"fee_tax_amount", money(shop, t.amounts.fee_tax())},
                 {"adjustment_amount", money(shop, t.adjustment)}};
  if (!t.order_id.empty()) o["order_id"] = t.order_id;
  if (!t.adjustment_order_id.empty()) o["adjustment_order_id"] = t.adjustment_order_id;
  return o;
}

}  // namespace

void finance_admin(AdminRouter& r) {
  r.add(AdminRoute{"POST", "/_sandbox/finance/transactions/{transaction_id}", change_transaction});
}

void finance_truth(const Shop& const_shop, json::object& out) {
  Shop& shop = const_cast<Shop&>(const_shop);  // cutting due statements is the only change
  auto& st = store_of(shop);
  catch_up(shop);
  json::array statements, payments, withdrawals, unsettled;
  for (const auto& [time, id] : st.by_time) {
    const Statement& s = st.statements.at(id);
    json::array txs;
    for (const auto& t : s.transactions) txs.push_back(truth_transaction(shop, t));
    statements.push_back(json::object{{"id", s.id},
                                      {"statement_time", s.statement_time},
                                      {"currency", shop.currency},
                                      {"settlement_amount", money(shop, s.settlement)},
                                      {"payment_id", s.payment_id},
                                      {"payment_status", payment_status(st.payments.at(s.payment_id), st.now)},
                                      {"transactions", std::move(txs)}});
    if (has_payments_api(shop)) payments.push_back(payment_json(shop, st.payments.at(s.payment_id), st.now));
  }
  std::vector<const Withdrawal*> listed;
  for (const auto& [id, w] : st.withdrawals)
    if (w.create_time <= st.now) listed.push_back(&w);
  std::sort(listed.begin(), listed.end(), [](const Withdrawal* a, const Withdrawal* b) {
    return std::tie(a->create_time, a->id) < std::tie(b->create_time, b->id);
  });
  for (const Withdrawal* w : listed) withdrawals.push_back(withdrawal_json(shop, *w, st.now));
  for (const auto& [key, id] : shop.data.orders_by_create) {
    const Order& o = shop.data.orders.at(id);
    if (delivered_at(shop, o) != 0 && o.status != "CANCELLED" && !st.statement_of_order.count(id)) {
      unsettled.push_back(json::value(id));
    }
  }
  out["statements"] = std::move(statements);
  out["payments"] = std::move(payments);
  out["withdrawals"] = std::move(withdrawals);
  out["delivered_unsettled_orders"] = std::move(unsettled);
}

}  // namespace tts_sandbox
