// The finance domain over real HTTP: statements cut from the shop's settled orders, the settlement
// identity to the minor unit (per transaction, per SKU, per statement), payments and withdrawals that
// follow the statements, unsettled estimates for delivered orders, discrepancy injection and new days.
#include <map>
#include <set>

#include "finance_fixture.hpp"

using namespace finance_test;

namespace {

const std::string kStatements = "/finance/202309/statements";

std::string tx_path(const std::string& statement_id) {
  return "/finance/202501/statements/" + statement_id + "/statement_transactions";
}

// Checks one 202501 transaction's identity and returns its settlement in minor units.
std::int64_t check_transaction(const json::object& t, const std::string& cur, bool sku_row = false) {
  INFO(json::serialize(t));
  const std::int64_t revenue = amount(t.at("revenue_amount"), cur);
  const std::int64_t shipping = amount(t.at("shipping_cost_amount"), cur);
  const std::int64_t fee_tax = amount(t.at("fee_tax_amount"), cur);
  const std::int64_t adjustment = t.contains("adjustment_amount") ? amount(t.at("adjustment_amount"), cur) : 0;
  CHECK(revenue == sum_members(t.at("revenue_breakdown").as_object(), cur));
  CHECK(shipping == sum_members(t.at("shipping_cost_breakdown").as_object(), cur));
  const auto& ft = t.at("fee_tax_breakdown").as_object();
  CHECK(fee_tax == sum_members(ft.at("fee").as_object(), cur) + sum_members(ft.at("tax").as_object(), cur));
  const std::int64_t settlement = amount(t.at("settlement_amount"), cur);
  CHECK(settlement == revenue + shipping + fee_tax + adjustment);
  if (!sku_row) CHECK(t.contains("order_id") != t.contains("adjustment_id"));  // never both
  return settlement;
}

}  // namespace

TEST_CASE("FIN-GET-STATEMENT: daily statements, every one balancing to the minor unit") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("US"));
  const auto t = truth(s.client, s.shop_id);
  const auto& truth_statements = t.at("statements").as_array();
  REQUIRE(truth_statements.size() >= 5);
  const auto rows = all_rows(s.client, kStatements, "statements", {{"sort_field", "statement_time"}}, 4);
  REQUIRE(rows.size() == truth_statements.size());
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& st = rows[i];
    const auto& want = truth_statements[i].as_object();
    CHECK(st.at("id") == want.at("id"));
    CHECK(st.at("settlement_amount") == want.at("settlement_amount"));
    CHECK(st.at("currency") == "USD");
    const std::int64_t time = st.at("statement_time").as_int64();
    CHECK(time % 86400 == 0);  // cut at 00:00 UTC
    CHECK(time > previous);    // one per day, ascending by default
    previous = time;
    CHECK_FALSE(st.contains("revenue_amount"));  // not returned for US (reference finance §1.1)
    CHECK(st.contains("net_sales_amount"));
    std::int64_t sum = 0;
    for (const auto& tx : want.at("transactions").as_array()) sum += amount(tx.at("settlement_amount"), "USD");
    CHECK(sum == amount(st.at("settlement_amount"), "USD"));
  }
  // DESC and a time window (the DOC's day-window recipe).
  const auto desc =
      all_rows(s.client, kStatements, "statements", {{"sort_field", "statement_time"}, {"sort_order", "DESC"}}, 100);
  REQUIRE(desc.size() == rows.size());
  CHECK(desc.front().at("id") == rows.back().at("id"));
  const std::int64_t t2 = rows[2].at("statement_time").as_int64();
  const auto window = all_rows(s.client, kStatements, "statements",
                               {{"sort_field", "statement_time"},
                                {"statement_time_ge", std::to_string(t2 - 86400 + 1)},
                                {"statement_time_lt", std::to_string(t2 + 1)}},
                               10);
  REQUIRE(window.size() == 1);
  CHECK(window[0].at("id") == rows[2].at("id"));
}

TEST_CASE("FIN-TXGET-STATEMENT: transactions of a statement sum to its settlement, ORDER rows match the orders") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("GB"));
  const auto t = truth(s.client, s.shop_id);
  std::map<std::string, json::object> orders;
  for (const auto& o : t.at("orders").as_array()) orders[str(o.at("id"))] = o.as_object();
  std::set<std::string> settled;
  std::size_t order_rows = 0, adjustment_rows = 0, affiliate_rows = 0, refund_rows = 0;
  for (const auto& sv : t.at("statements").as_array()) {
    const auto& want = sv.as_object();
    const auto rows =
        all_rows(s.client, tx_path(str(want.at("id"))), "transactions", {{"sort_field", "order_create_time"}}, 7);
    REQUIRE(rows.size() == want.at("transactions").as_array().size());
    const auto head = ok(
        call(s.client, "GET", tx_path(str(want.at("id"))), {{"sort_field", "order_create_time"}, {"page_size", "1"}}));
    CHECK(head.at("total_settlement_amount") == want.at("settlement_amount"));
    CHECK(head.at("status") == "SETTLED");
    CHECK(head.at("total_count").as_int64() == static_cast<std::int64_t>(rows.size()));
    std::int64_t sum = 0;
    for (const auto& row : rows) {
      sum += check_transaction(row, "GBP");
      if (row.at("type") != "ORDER") {
        ++adjustment_rows;
        continue;
      }
      ++order_rows;
      const std::string id = str(row.at("order_id"));
      CHECK(settled.insert(id).second);  // one ORDER transaction per settled order
      REQUIRE(orders.count(id));
      const auto& o = orders.at(id);
      CHECK((o.at("status") == "DELIVERED" || o.at("status") == "COMPLETED"));
      CHECK(row.at("order_create_time") == o.at("create_time"));
      std::int64_t gross = 0;
      for (const auto& li : o.at("line_items").as_array()) gross += amount(li.at("original_price"), "GBP");
      CHECK(amount(row.at("revenue_breakdown").at("subtotal_before_discount_amount"), "GBP") == gross);
      CHECK(amount(row.at("fee_tax_breakdown").at("fee").at("platform_commission_amount"), "GBP") <= 0);
      if (amount(row.at("fee_tax_breakdown").at("fee").at("affiliate_commission_amount"), "GBP") < 0) ++affiliate_rows;
      if (amount(row.at("revenue_breakdown").at("refund_subtotal_before_discount_amount"), "GBP") < 0) ++refund_rows;
    }
    CHECK(sum == amount(want.at("settlement_amount"), "GBP"));
  }
  CHECK(order_rows >= 10);
  CHECK(affiliate_rows > 0);  // affiliate orders carry their creator's commission
  CHECK(refund_rows > 0);     // returns completed before settlement are netted in the ORDER row
  INFO("adjustment rows: " << adjustment_rows);
}

TEST_CASE("FIN-TXGET-ORDER: SKU-level transactions of a settled order add up to the order and its statement row") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("DE"));
  const auto t = truth(s.client, s.shop_id);
  int checked = 0;
  for (const auto& sv : t.at("statements").as_array()) {
    for (const auto& txv : sv.at("transactions").as_array()) {
      const auto& tx = txv.as_object();
      if (tx.at("type") != "ORDER") continue;
      const auto d =
          ok(call(s.client, "GET", "/finance/202501/orders/" + str(tx.at("order_id")) + "/statement_transactions"));
      CHECK(d.at("settlement_amount") == tx.at("settlement_amount"));
      CHECK(d.at("revenue_amount") == tx.at("revenue_amount"));
      CHECK(d.at("fee_and_tax_amount") == tx.at("fee_tax_amount"));
      CHECK(d.at("currency") == "EUR");
      std::int64_t sum = 0, revenue = 0;
      for (const auto& skuv : d.at("sku_transactions").as_array()) {
        const auto& sku = skuv.as_object();
        CHECK(sku.at("statement_id") == sv.at("id"));
        CHECK(sku.at("quantity").is_string());
        sum += check_transaction(sku, "EUR", true);
        revenue += amount(sku.at("revenue_amount"), "EUR");
      }
      CHECK(sum == amount(d.at("settlement_amount"), "EUR"));
      CHECK(revenue == amount(d.at("revenue_amount"), "EUR"));
      if (++checked == 15) return;
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("FIN-GET-PAYMENT: one payment per statement for the statement's settlement") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("FR"));
  const auto t = truth(s.client, s.shop_id);
  std::map<std::string, std::string> settlement_of_payment;
  for (const auto& sv : t.at("statements").as_array())
    settlement_of_payment[str(sv.at("payment_id"))] = str(sv.at("settlement_amount"));
  const auto rows = all_rows(s.client, "/finance/202309/payments", "payments", {{"sort_field", "create_time"}}, 3);
  REQUIRE(rows.size() == settlement_of_payment.size());
  for (const auto& p : rows) {
    REQUIRE(settlement_of_payment.count(str(p.at("id"))));
    const auto& amount_obj = p.at("amount").as_object();  // payment money is {value, currency}
    CHECK(amount_obj.at("currency") == "EUR");
    CHECK(str(amount_obj.at("value")) == settlement_of_payment.at(str(p.at("id"))));
    CHECK(amount(p.at("payment_amount_before_exchange").at("value"), "EUR") ==
          amount(p.at("settlement_amount").at("value"), "EUR") + amount(p.at("reserve_amount").at("value"), "EUR"));
    CHECK((p.at("status") == "PAID" || p.at("status") == "PROCESSING"));
  }
}

TEST_CASE("FIN-GET-WITHDRAWALS: settlements and withdrawals of every payout, by type") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("MX"));
  const auto t = truth(s.client, s.shop_id);
  std::int64_t statements_total = 0;
  for (const auto& sv : t.at("statements").as_array()) statements_total += amount(sv.at("settlement_amount"), "MXN");
  const auto settles = all_rows(s.client, "/finance/202309/withdrawals", "withdrawals", {{"types", "SETTLE"}}, 5);
  REQUIRE(settles.size() == t.at("statements").as_array().size());
  std::int64_t settled = 0;
  for (const auto& w : settles) {
    CHECK(w.at("type") == "SETTLE");
    settled += amount(w.at("amount"), "MXN");
  }
  CHECK(settled == statements_total);
  const auto both =
      all_rows(s.client, "/finance/202309/withdrawals", "withdrawals", {{"types", "WITHDRAW,SETTLE"}}, 100);
  CHECK(both.size() == t.at("withdrawals").as_array().size());
  for (std::size_t i = 1; i < both.size(); ++i)
    CHECK(both[i - 1].at("create_time").as_int64() >= both[i].at("create_time").as_int64());
}

TEST_CASE("zero-decimal currencies: IDR, VND and JPY amounts are whole units and sum exactly") {
  SandboxProcess sb(finance_args());
  for (const auto& [region, currency] :
       std::vector<std::pair<std::string, std::string>>{{"ID", "IDR"}, {"VN", "VND"}, {"JP", "JPY"}}) {
    auto s = session(sb, shop_of(region));
    const auto t = truth(s.client, s.shop_id);
    REQUIRE_FALSE(t.at("statements").as_array().empty());
    for (const auto& sv : t.at("statements").as_array()) {
      CHECK(str(sv.at("currency")) == currency);
      const auto rows =
          all_rows(s.client, tx_path(str(sv.at("id"))), "transactions", {{"sort_field", "order_create_time"}}, 100);
      std::int64_t sum = 0;
      for (const auto& row : rows) sum += check_transaction(row, currency);  // to_minor refuses any '.'
      CHECK(sum == amount(sv.at("settlement_amount"), currency));
    }
  }
}

TEST_CASE("unsettled: delivered orders not in a statement, with estimates that balance") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("US"));
  const auto t = truth(s.client, s.shop_id);
  const auto rows =
      all_rows(s.client, "/finance/202507/orders/unsettled", "transactions", {{"sort_field", "order_create_time"}}, 9);
  std::set<std::string> listed;
  for (const auto& r : rows) {
    CHECK(r.at("status") == "UNSETTLED");
    listed.insert(str(r.at("order_id")));
    CHECK(amount(r.at("est_settlement_amount"), "USD") == amount(r.at("est_revenue_amount"), "USD") +
                                                              amount(r.at("est_shipping_cost_amount"), "USD") +
                                                              amount(r.at("est_fee_tax_amount"), "USD"));
  }
  REQUIRE_FALSE(t.at("delivered_unsettled_orders").as_array().empty());
  for (const auto& id : t.at("delivered_unsettled_orders").as_array()) CHECK(listed.count(str(id)));
  std::set<std::string> settled;
  for (const auto& sv : t.at("statements").as_array())
    for (const auto& tx : sv.at("transactions").as_array())
      if (tx.as_object().contains("order_id")) settled.insert(str(tx.at("order_id")));
  for (const auto& id : listed) CHECK_FALSE(settled.count(id));
  const auto first = ok(call(s.client, "GET", "/finance/202507/orders/unsettled",
                             {{"sort_field", "order_create_time"}, {"page_size", "100"}}));
  std::int64_t sum = 0;
  for (const auto& r : rows) sum += amount(r.at("est_settlement_amount"), "USD");
  CHECK(amount(first.at("sum_est_settlement_amount"), "USD") == sum);
  CHECK(first.at("total_count").as_int64() == static_cast<std::int64_t>(rows.size()));
}

TEST_CASE("admin: a changed transaction breaks the identity of exactly its statement") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("US"));
  const auto before = truth(s.client, s.shop_id);
  const auto& st = before.at("statements").as_array().at(1).as_object();
  const auto& tx = st.at("transactions").as_array().at(0).as_object();
  const std::int64_t old_amount = amount(tx.at("settlement_amount"), "USD");
  const std::string path = "/_sandbox/finance/transactions/" + str(tx.at("id"));
  const auto changed = s.client.admin("POST", path, json::object{{"settlement_amount", "-0.01"}}).as_object();
  CHECK(changed.at("statement_id") == st.at("id"));
  const auto after = truth(s.client, s.shop_id);
  const auto& st2 = after.at("statements").as_array().at(1).as_object();
  CHECK(st2.at("settlement_amount") == st.at("settlement_amount"));  // the statement keeps its total
  CHECK(st2.at("transactions").as_array().at(0).at("settlement_amount") == "-0.01");
  const auto rows =
      all_rows(s.client, tx_path(str(st.at("id"))), "transactions", {{"sort_field", "order_create_time"}}, 100);
  std::int64_t sum = 0;
  for (const auto& r : rows) sum += amount(r.at("settlement_amount"), "USD");
  CHECK(amount(st.at("settlement_amount"), "USD") - sum == old_amount + 1);
  // Bad requests change nothing; null restores the identity.
  CHECK_THROWS(s.client.admin("POST", path, json::object{{"settlement_amount", "1.234"}}));
  CHECK_THROWS(s.client.admin("POST", path, json::object{{"settlement_amount", "1.00"}, {"note", "x"}}));
  CHECK_THROWS(s.client.admin("POST", "/_sandbox/finance/transactions/1", json::object{{"settlement_amount", "1"}}));
  s.client.admin("POST", path, json::object{{"settlement_amount", nullptr}});
  const auto restored = truth(s.client, s.shop_id);
  CHECK(restored.at("statements").as_array().at(1).at("transactions").as_array().at(0).at("settlement_amount") ==
        tx.at("settlement_amount"));
}

TEST_CASE("time: each new day cuts a new statement and leaves the earlier ones as they were") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("SG"));
  const auto before = truth(s.client, s.shop_id).at("statements").as_array();
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 5 * 86400}});
  s.client.sync_clock();
  const auto after = truth(s.client, s.shop_id).at("statements").as_array();
  REQUIRE(after.size() > before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    CHECK(after[i].at("id") == before[i].at("id"));
    CHECK(after[i].at("settlement_amount") == before[i].at("settlement_amount"));
    CHECK(after[i].at("transactions") == before[i].at("transactions"));
  }
  std::set<std::string> orders;
  for (const auto& sv : after)
    for (const auto& tx : sv.at("transactions").as_array())
      if (tx.as_object().contains("order_id")) CHECK(orders.insert(str(tx.at("order_id"))).second);
}

TEST_CASE("adjustments: logistics adjustment rows tied to settled orders, in every shop's identity") {
  SandboxProcess sb(finance_args());
  std::size_t adjustments = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    auto s = session(sb, i);
    const auto t = truth(s.client, s.shop_id);
    std::set<std::string> settled;
    for (const auto& sv : t.at("statements").as_array())
      for (const auto& tx : sv.at("transactions").as_array())
        if (tx.as_object().contains("order_id")) settled.insert(str(tx.at("order_id")));
    for (const auto& sv : t.at("statements").as_array()) {
      for (const auto& txv : sv.at("transactions").as_array()) {
        const auto& tx = txv.as_object();
        if (tx.at("type") == "ORDER") continue;
        ++adjustments;
        CHECK(settled.count(str(tx.at("adjustment_order_id"))));
        CHECK(tx.at("settlement_amount") == tx.at("adjustment_amount"));
      }
    }
  }
  CHECK(adjustments > 0);
}
