// GET /finance/202507/orders/unsettled (reference finance §1.6): paid orders not yet in a statement, with
// the amounts they would settle at now (estimates: returns and the settlement date may still move them).
#include <algorithm>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "finance_store.hpp"

namespace tts_sandbox {

namespace json = boost::json;
using namespace finance;

namespace {

bool unsettled_candidate(const FinanceStore& st, const Order& o) {
  if (o.status == "UNPAID" || o.status == "ON_HOLD" || o.status == "CANCELLED" || o.line_items.empty()) return false;
  return o.create_time >= kUnsettledFrom && !st.statement_of_order.count(o.id);
}

json::object estimate_json(Shop& shop, const Order& o, const Transaction& t, std::int64_t now) {
  const Amounts& a = t.amounts;
  const std::int64_t delivered = delivered_at(shop, o);
  json::object row{{"type", "ORDER"},
                   {"id", t.id},
                   {"status", "UNSETTLED"},
                   {"currency", shop.currency},
                   {"order_id", o.id},
                   {"order_create_time", o.create_time},
                   {"est_settlement_amount", money(shop, a.settlement())},
                   {"est_revenue_amount", money(shop, a.revenue())},
                   {"est_shipping_cost_amount", money(shop, a.shipping())},
                   {"est_fee_tax_amount", money(shop, a.fee_tax())},
                   {"est_adjustment_amount", money(shop, 0)}};
  if (delivered != 0) {
    const std::int64_t due = (delivered + settle_delay(shop)) / kDay * kDay + kDay;
    row["order_delivery_time"] = delivered;
    row["estimated_settlement"] = std::to_string(due);
    row["unsettled_reason"] = return_pending(shop, o, now + 1) ? "A return or refund of the order is in progress"
                                                               : "Within the settlement period after delivery";
  } else {
    row["estimated_settlement"] = std::to_string(settle_delay(shop) / kDay) + " days after delivery";
    row["unsettled_reason"] = "The order has not been delivered yet";
  }
  return row;
}

}  // namespace

json::value finance_unsettled(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto field = c.query("sort_field");
  if (!field || field->empty()) throw bad_param("sort_field is a required field");
  const auto sort = support::read_sort(c, {"order_create_time"}, "order_create_time", "ASC");
  support::TimeWindow when;
  for (auto [key, slot] : {std::pair{"search_time_ge", &when.ge}, std::pair{"search_time_lt", &when.lt}}) {
    auto v = c.query(key);
    if (!v) continue;
    if (v->empty() || v->size() > 12 ||
        !std::all_of(v->begin(), v->end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      throw bad_param(std::string(key) + " must be a Unix timestamp in seconds");
    }
    *slot = std::stoll(*v);
  }
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  auto& st = store_of(shop);
  st.now = c.now;
  catch_up(shop);
  const AffiliateTerms affiliate = affiliate_terms(shop);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  std::map<std::string, Transaction> estimates;
  Amounts sum;
  for (const auto& [key, id] : shop.data.orders_by_create) {
    const Order& o = shop.data.orders.at(id);
    if (!unsettled_candidate(st, o) || !when.matches(o.create_time)) continue;
    Transaction t = order_transaction(shop, o, c.now + 1, affiliate);
    sum.add(t.amounts);
    entries.emplace_back(o.create_time, id);
    estimates.emplace(id, std::move(t));
  }
  const int size = c.page_size > 0 ? c.page_size : 20;
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(estimate_json(shop, shop.data.orders.at(id), estimates.at(id), c.now));
  return json::object{{"transactions", out},
                      {"next_page_token", page.next_page_token},
                      {"total_count", page.total},
                      {"sum_est_settlement_amount", money(shop, sum.settlement())},
                      {"sum_est_revenue_amount", money(shop, sum.revenue())},
                      {"sum_est_adjustment_amount", money(shop, 0)},
                      {"sum_est_fee_amount", money(shop, sum.fee_tax())}};
}

}  // namespace tts_sandbox
