// Strict validation of the finance endpoints: the real paths and versions, required sort fields, enums,
// times, page sizes and tokens, unknown ids, the retired 202309 transaction endpoints and the payments
// API's absence in SEA markets. Each rejection answers 36009004 (or 36009014) with data null.
#include "finance_fixture.hpp"

using namespace finance_test;

TEST_CASE("finance validation: required sort fields, enums, times, page sizes and tokens") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("US"));
  const std::string statements = "/finance/202309/statements";
  rejected(call(s.client, "GET", statements), 400, 36009004);  // sort_field is required
  rejected(call(s.client, "GET", statements, {{"sort_field", "create_time"}}), 400, 36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"sort_order", "UP"}}), 400, 36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"payment_status", "DONE"}}), 400,
           36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"statement_time_ge", "yesterday"}}),
           400, 36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"page_size", "0"}}), 400, 36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"page_size", "101"}}), 400, 36009004);
  rejected(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"page_token", "bm90IGEgdG9rZW4="}}),
           400, 36009004);
  // A token of the ASC walk is not valid for DESC.
  const auto first = ok(call(s.client, "GET", statements, {{"sort_field", "statement_time"}, {"page_size", "1"}}));
  const std::string token = str(first.at("next_page_token"));
  REQUIRE_FALSE(token.empty());
  rejected(call(s.client, "GET", statements,
                {{"sort_field", "statement_time"}, {"sort_order", "DESC"}, {"page_token", token}}),
           400, 36009004);
  // Default page size 20 when page_size is absent.
  const auto all = ok(call(s.client, "GET", statements, {{"sort_field", "statement_time"}}));
  CHECK(all.at("statements").as_array().size() <= 20);
  CHECK_FALSE(all.contains("total_count"));  // statements have no total_count (reference finance §1.1)

  rejected(call(s.client, "GET", "/finance/202309/payments"), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202309/payments", {{"sort_field", "paid_time"}}), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202309/withdrawals"), 400, 36009004);  // types is required
  rejected(call(s.client, "GET", "/finance/202309/withdrawals", {{"types", "WITHDRAW,REFUND"}}), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202309/withdrawals", {{"types", "WITHDRAW,"}}), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202507/orders/unsettled"), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202507/orders/unsettled", {{"sort_field", "1735689600"}}), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202507/orders/unsettled",
                {{"sort_field", "order_create_time"}, {"search_time_ge", "-5"}}),
           400, 36009004);
}

TEST_CASE("finance validation: unknown ids, retired 202309 transactions, payments outside SEA only") {
  SandboxProcess sb(finance_args());
  auto s = session(sb, shop_of("US"));
  const auto t = truth(s.client, s.shop_id);
  const std::string statement_id = str(t.at("statements").as_array().at(0).at("id"));
  const std::string order_id = str(t.at("orders").as_array().at(0).at("id"));
  rejected(call(s.client, "GET", "/finance/202501/statements/123/statement_transactions",
                {{"sort_field", "order_create_time"}}),
           400, 36009004);
  rejected(call(s.client, "GET", "/finance/202501/statements/" + statement_id + "/statement_transactions"), 400,
           36009004);  // sort_field is required
  rejected(call(s.client, "GET", "/finance/202501/orders/123/statement_transactions"), 400, 36009004);
  rejected(call(s.client, "GET", "/finance/202309/statements/" + statement_id + "/statement_transactions",
                {{"sort_field", "order_create_time"}}),
           400, 36009014);
  rejected(call(s.client, "GET", "/finance/202309/orders/" + order_id + "/statement_transactions"), 400, 36009014);
  rejected(call(s.client, "POST", "/finance/202309/statements", {{"sort_field", "statement_time"}}), 405, 36009010);

  // Another shop's statement is not this shop's.
  auto other = session(sb, shop_of("GB"));
  rejected(call(other.client, "GET", "/finance/202501/statements/" + statement_id + "/statement_transactions",
                {{"sort_field", "order_create_time"}}),
           400, 36009004);

  for (const char* region : {"ID", "SG", "MY", "TH", "VN", "PH"}) {
    auto sea = session(sb, shop_of(region));
    rejected(call(sea.client, "GET", "/finance/202309/payments", {{"sort_field", "create_time"}}), 400, 36009004);
    CHECK(truth(sea.client, sea.shop_id).at("payments").as_array().empty());
    const auto st = ok(call(sea.client, "GET", "/finance/202309/statements", {{"sort_field", "statement_time"}}));
    for (const auto& row : st.at("statements").as_array()) {
      CHECK(row.as_object().contains("revenue_amount"));
      CHECK_FALSE(row.as_object().contains("net_sales_amount"));  // outside SEA only
    }
  }
}
