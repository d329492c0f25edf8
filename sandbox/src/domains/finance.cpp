// Finance (reference finance §1): GET statements, payments and withdrawals (202309), statement
// transactions by statement and by order (202501; the 202309 ones answer 36009014, blocked since
// 2025-12-31), unsettled transactions (202507), an admin route that changes a transaction (to inject a
// discrepancy) and the truth's statements, payments and withdrawals.
#include <algorithm>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "finance_store.hpp"
#include "finance_wire.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using namespace finance;

// The shop's finance, cut up to the request's sandbox time.
FinanceStore& ready(Shop& shop, std::int64_t now) {
  auto& st = store_of(shop);
  st.now = now;
  catch_up(shop);
  return st;
}

// A Unix-seconds query parameter: absent -> nullopt; anything but digits -> 36009004 naming it.
std::optional<std::int64_t> query_time(const ApiContext& c, const char* key) {
  auto v = c.query(key);
  if (!v) return std::nullopt;
  if (v->empty() || v->size() > 12 ||
      !std::all_of(v->begin(), v->end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    throw bad_param(std::string(key) + " must be a Unix timestamp in seconds");
  }
  return std::stoll(*v);
}

support::TimeWindow window(const ApiContext& c, const char* ge, const char* lt) {
  return support::TimeWindow{query_time(c, ge), query_time(c, lt)};
}

// sort_field is required on these endpoints and accepts exactly one value; sort_order defaults to ASC.
support::Sort required_sort(const ApiContext& c, const char* only) {
  const auto field = c.query("sort_field");
  if (!field || field->empty()) throw bad_param("sort_field is a required field");
  return support::read_sort(c, {only}, only, "ASC");
}

int page_size_of(const ApiContext& c) { return c.page_size > 0 ? c.page_size : 20; }

json::value get_statements(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto sort = required_sort(c, "statement_time");
  const auto when = window(c, "statement_time_ge", "statement_time_lt");
  const auto status = c.query("payment_status");
  if (status && !support::one_of(*status, {"PAID", "FAILED", "PROCESSING"})) {
    throw bad_param("payment_status is invalid: " + *status);
  }
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  auto& st = ready(shop, c.now);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [time, id] : st.by_time) {
    const Statement& s = st.statements.at(id);
    if (!when.matches(time) || time < kStatementsFrom) continue;
    if (status && payment_status(st.payments.at(s.payment_id), c.now) != *status) continue;
    entries.emplace_back(time, id);
  }
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size_of(c), cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) {
    const Statement& s = st.statements.at(id);
    out.push_back(statement_json(shop, s, st.payments.at(s.payment_id), c.now));
  }
  return json::object{{"statements", out}, {"next_page_token", page.next_page_token}};
}

json::value get_payments(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto sort = required_sort(c, "create_time");
  const auto when = window(c, "create_time_ge", "create_time_lt");
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  if (!has_payments_api(shop)) {
    throw bad_param("Get Payments is not available for shops in the " + shop.region + " market");
  }
  auto& st = ready(shop, c.now);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, p] : st.payments)
    if (when.matches(p.create_time)) entries.emplace_back(p.create_time, id);
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size_of(c), cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(payment_json(shop, st.payments.at(id), c.now));
  return json::object{{"payments", out}, {"next_page_token", page.next_page_token}};
}

json::value get_withdrawals(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto types_param = c.query("types");
  if (!types_param || types_param->empty()) throw bad_param("types is a required field");
  const auto types = fields::comma_list(*types_param, "types");
  for (const auto& t : types)
    if (!support::one_of(t, {"WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"})) throw bad_param("types is invalid: " + t);
  const auto when = window(c, "create_time_ge", "create_time_lt");
  // No sort parameters: newest first.
  const auto cursor = support::read_cursor(c.query("page_token"), "create_time:DESC");
  auto& st = ready(shop, c.now);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, w] : st.withdrawals) {
    if (w.create_time > c.now || !when.matches(w.create_time)) continue;
    if (std::find(types.begin(), types.end(), w.type) != types.end()) entries.emplace_back(w.create_time, id);
  }
  auto page = support::page_entries(std::move(entries), "create_time:DESC", false, page_size_of(c), cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(withdrawal_json(shop, st.withdrawals.at(id), c.now));
  return json::object{{"withdrawals", out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

json::object statement_header(const Shop& shop, const Statement& s, std::int64_t count) {
  const StatementTotals t = totals_of(s);
  return json::object{
      {"id", s.id},
      {"create_time", s.statement_time},
      {"status", "SETTLED"},
      {"currency", shop.currency},
      {"payable_amount", money(shop, s.settlement)},
      {"total_settlement_amount", money(shop, s.settlement)},
      {"total_settlement_breakdown", json::object{{"total_revenue_amount", money(shop, t.amounts.revenue())},
                                                  {"total_shipping_cost_amount", money(shop, t.amounts.shipping())},
                                                  {"total_fee_tax_amount", money(shop, t.amounts.fee_tax())},
                                                  {"total_adjustment_amount", money(shop, t.adjustment)}}},
      {"total_count", count}};
}

json::value transactions_by_statement(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto sort = required_sort(c, "order_create_time");
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  auto& st = ready(shop, c.now);
  auto it = st.statements.find(c.path_param("statement_id"));
  if (it == st.statements.end()) throw bad_param("statement_id " + c.path_param("statement_id") + " does not exist");
  const Statement& s = it->second;
  std::vector<std::pair<std::int64_t, std::string>> entries;
  std::map<std::string, const Transaction*> by_id;
  for (const auto& t : s.transactions) {
    entries.emplace_back(t.sort_key(), t.id);
    by_id[t.id] = &t;
  }
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size_of(c), cursor, c.now);
  json::object data = statement_header(shop, s, page.total);
  if (shop.region == "US" || shop.region == "GB") data["total_reserve_amount"] = money(shop, 0);
  json::array out;
  for (const auto& id : page.ids) out.push_back(transaction_json(shop, *by_id.at(id)));
  data["transactions"] = std::move(out);
  data["next_page_token"] = page.next_page_token;
  return data;
}

json::value transactions_by_order(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& order_id = c.path_param("order_id");
  auto order = shop.data.orders.find(order_id);
  if (order == shop.data.orders.end()) throw bad_param("order_id " + order_id + " does not exist");
  auto& st = ready(shop, c.now);
  json::object data{
      {"order_id", order_id}, {"order_create_time", order->second.create_time}, {"currency", shop.currency}};
  Amounts total;
  json::array skus;
  if (auto s = st.statement_of_order.find(order_id); s != st.statement_of_order.end()) {
    for (const auto& t : st.statements.at(s->second).transactions) {
      if (t.type != "ORDER" || t.order_id != order_id) continue;
      total = t.amounts;
      for (const auto& row : t.skus) skus.push_back(sku_json(shop, row, s->second));
    }
  }
  data["revenue_amount"] = money(shop, total.revenue());
  data["fee_and_tax_amount"] = money(shop, total.fee_tax());
  data["shipping_cost_amount"] = money(shop, total.shipping());
  data["settlement_amount"] = money(shop, total.settlement());
  data["total_count"] = static_cast<std::int64_t>(skus.size());
  data["sku_transactions"] = std::move(skus);
  return data;
}

// The retired 202309 transaction endpoints (reference finance §1.10).
json::value retired_transactions(ApiContext&) {
  throw ApiError{36009014, 400, "The version name is invalid, please check and retry."};
}

}  // namespace

// Defined in finance_unsettled.cpp.
json::value finance_unsettled(ApiContext& c);
void finance_admin(AdminRouter& r);
void finance_truth(const Shop& shop, json::object& out);

namespace {

void register_routes(ApiRouter& r) {
  const PageSizeRule optional_page{false, 1, 100};
  r.add(ApiRoute{"GET", "/finance/202309/statements", ShopScope::kRequired, optional_page, get_statements});
  r.add(ApiRoute{"GET", "/finance/202309/payments", ShopScope::kRequired, optional_page, get_payments});
  r.add(ApiRoute{"GET", "/finance/202309/withdrawals", ShopScope::kRequired, optional_page, get_withdrawals});
  r.add(ApiRoute{"GET", "/finance/202501/statements/{statement_id}/statement_transactions", ShopScope::kRequired,
                 optional_page, transactions_by_statement});
  r.add(ApiRoute{"GET", "/finance/202501/orders/{order_id}/statement_transactions", ShopScope::kRequired, std::nullopt,
                 transactions_by_order});
  r.add(ApiRoute{"GET", "/finance/202507/orders/unsettled", ShopScope::kRequired, optional_page, finance_unsettled});
  r.add(ApiRoute{"GET", "/finance/202309/statements/{statement_id}/statement_transactions", ShopScope::kRequired,
                 std::nullopt, retired_transactions});
  r.add(ApiRoute{"GET", "/finance/202309/orders/{order_id}/statement_transactions", ShopScope::kRequired, std::nullopt,
                 retired_transactions});
}

void advance(World& world, std::int64_t now) {
  for (const auto& shop : world.shops()) store_of(*shop).now = now;
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"finance", register_routes, finance_admin, nullptr, advance, finance_truth});

}  // namespace
}  // namespace tts_sandbox
