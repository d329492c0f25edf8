// The finance capabilities through the plugin's C ABI against tts-sandbox over HTTPS: each TikTok ERP
// checklist finance use case (FIN-*), the unsettled estimates, strict requests, and the feature switch.
#include <set>

#include "finance_env.hpp"

using namespace finance_test;

namespace {

std::vector<json::object> all_pages(FinanceEnv& env, FinanceEnv::Account& a, const std::string& cap,
                                    const std::string& list_key, json::object req) {
  std::vector<json::object> rows;
  for (int guard = 0; guard < 500; ++guard) {
    const auto page = env.ok(a, cap, req);
    for (const auto& r : page.at(list_key).as_array()) rows.push_back(r.as_object());
    const auto& next = page.at("next_cursor");
    if (next.is_null() || str(next).empty()) break;
    req["cursor"] = next;
  }
  return rows;
}

}  // namespace

TEST_CASE("FIN-GET-STATEMENT: finance.statements.search pages the daily statements of a date range") {
  FinanceEnv env;
  auto& a = env.account("fin-stmt");
  const auto truth = env.truth(a);
  const auto& want = truth.at("statements").as_array();
  REQUIRE(want.size() >= 5);
  const auto rows = all_pages(env, a, "finance.statements.search", "statements",
                              json::object{{"from", "2025-01-01T00:00:00Z"}, {"to", env.now() + 1}, {"limit", 3}});
  REQUIRE(rows.size() == want.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].at("schema") == "settlement.v1");
    CHECK(rows[i].at("external_id") == want[i].at("id"));
    CHECK(rows[i].at("settlement_amount") == want[i].at("settlement_amount"));
    CHECK(rows[i].at("currency") == "USD");
  }
  // A one-day window (RFC 3339 with an offset) returns that day's statement only.
  const std::int64_t t2 = want[2].at("statement_time").as_int64();
  const auto day = env.ok(a, "finance.statements.search", json::object{{"from", t2 - 3600}, {"to", t2 + 3600}});
  REQUIRE(day.at("statements").as_array().size() == 1);
  CHECK(day.at("statements").as_array()[0].at("external_id") == want[2].at("id"));
}

TEST_CASE("FIN-GET-PAYMENT: finance.payments.search lists the payouts with their amounts") {
  FinanceEnv env;
  auto& a = env.account("fin-pay");
  const auto truth = env.truth(a);
  const auto rows = all_pages(env, a, "finance.payments.search", "payments", json::object{{"limit", 4}});
  REQUIRE(rows.size() == truth.at("payments").as_array().size());
  std::map<std::string, std::string> settled;
  for (const auto& s : truth.at("statements").as_array())
    settled[str(s.at("payment_id"))] = str(s.at("settlement_amount"));
  for (const auto& p : rows) {
    REQUIRE(settled.count(str(p.at("id"))));
    CHECK(str(p.at("amount")) == settled.at(str(p.at("id"))));
    CHECK(p.at("currency") == "USD");
    CHECK((p.at("status") == "paid" || p.at("status") == "processing"));
  }
}

TEST_CASE("FIN-GET-WITHDRAWALS: finance.withdrawals.search by type matches the statements") {
  FinanceEnv env;
  auto& a = env.account("fin-wd");
  const auto truth = env.truth(a);
  const auto all = all_pages(env, a, "finance.withdrawals.search", "withdrawals", json::object{{"limit", 7}});
  CHECK(all.size() == truth.at("withdrawals").as_array().size());
  const auto settles = all_pages(env, a, "finance.withdrawals.search", "withdrawals",
                                 json::object{{"types", json::array{"SETTLE"}}, {"limit", 100}});
  CHECK(settles.size() == truth.at("statements").as_array().size());
  for (const auto& w : settles) CHECK(w.at("type") == "SETTLE");
}

TEST_CASE("FIN-TXGET-STATEMENT: finance.statement_transactions returns every transaction, summing to the statement") {
  FinanceEnv env;
  auto& a = env.account("fin-txs");
  const auto truth = env.truth(a);
  for (const auto& sv : truth.at("statements").as_array()) {
    const auto d = env.ok(a, "finance.statement_transactions", json::object{{"statement_id", sv.at("id")}});
    CHECK(d.at("schema") == "settlement.v1");
    CHECK(d.at("settlement_amount") == sv.at("settlement_amount"));
    const auto& txs = d.at("transactions").as_array();
    REQUIRE(txs.size() == sv.at("transactions").as_array().size());
    std::int64_t sum = 0;
    for (const auto& t : txs) sum += *ocean::tiktok::finance::parse_minor(str(t.at("settlement_amount")), 2);
    CHECK(ocean::tiktok::finance::format_minor(sum, 2) == str(sv.at("settlement_amount")));
  }
}

TEST_CASE("FIN-TXGET-ORDER: finance.order_transactions gives the SKU-level settlement of an order") {
  FinanceEnv env;
  auto& a = env.account("fin-txo");
  const auto truth = env.truth(a);
  int checked = 0;
  for (const auto& sv : truth.at("statements").as_array()) {
    for (const auto& t : sv.at("transactions").as_array()) {
      if (t.at("type") != "ORDER" || ++checked > 10) continue;
      const auto d = env.ok(a, "finance.order_transactions", json::object{{"order_id", t.at("order_id")}});
      CHECK(d.at("settlement_amount") == t.at("settlement_amount"));
      std::int64_t sum = 0;
      for (const auto& l : d.at("lines").as_array()) {
        CHECK(l.at("statement_id") == sv.at("id"));
        sum += *ocean::tiktok::finance::parse_minor(str(l.at("settlement_amount")), 2);
      }
      CHECK(ocean::tiktok::finance::format_minor(sum, 2) == str(t.at("settlement_amount")));
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("finance.unsettled.search: estimates for delivered orders not settled yet") {
  FinanceEnv env;
  auto& a = env.account("fin-uns");
  const auto truth = env.truth(a);
  const auto rows = all_pages(env, a, "finance.unsettled.search", "transactions", json::object{{"limit", 50}});
  std::set<std::string> listed;
  for (const auto& r : rows) listed.insert(str(r.at("order_id")));
  for (const auto& id : truth.at("delivered_unsettled_orders").as_array()) CHECK(listed.count(str(id)));
}

TEST_CASE("finance requests are strict: unknown fields, bad times, limits and missing ids are refused") {
  FinanceEnv env;
  auto& a = env.account("fin-bad");
  const std::uint64_t seq = env.last_seq();
  for (const auto& [cap, req] : std::vector<std::pair<std::string, json::object>>{
           {"finance.statements.search", {{"form", "2026-01-01T00:00:00Z"}}},
           {"finance.statements.search", {{"from", "yesterday"}}},
           {"finance.statements.search", {{"from", kStart}, {"to", kStart - 1}}},
           {"finance.statements.search", {{"limit", 0}}},
           {"finance.statements.search", {{"limit", 101}}},
           {"finance.payments.search", {{"limit", "20"}}},
           {"finance.withdrawals.search", {{"types", json::array{"REFUND"}}}},
           {"finance.statement_transactions", json::object{}},
           {"finance.order_transactions", {{"order_id", "../orders"}}},
           {"finance.reconcile", {{"statement_id", "1"}, {"from", kStart}}},
           {"finance.reconcile", {{"unsettled_after_days", -1}}}}) {
    const auto r = env.call(a, cap, req);
    INFO(cap << " " << json::serialize(req) << " -> " << r.message);
    CHECK(r.status == OCEAN_INVALID_ARGUMENT);
    CHECK_FALSE(r.message.empty());
  }
  CHECK(env.api_calls_since(seq) == 0);  // refused before any call
}

TEST_CASE("finance switched off: FEATURE_DISABLED with no API call") {
  FinanceEnv env;
  auto& a = env.account("fin-off", 0, false);
  const std::uint64_t seq = env.last_seq();
  for (const char* cap : {"finance.statements.search", "finance.payments.search", "finance.withdrawals.search",
                          "finance.statement_transactions", "finance.order_transactions", "finance.unsettled.search",
                          "finance.reconcile"}) {
    const auto r = env.call(a, cap, json::object{});
    INFO(cap << ": " << r.message);
    CHECK(r.status == OCEAN_FEATURE_DISABLED);
  }
  const auto r = env.call(a, "sync.run", json::object{{"kinds", json::array{"finance"}}});
  CHECK(r.status == OCEAN_FEATURE_DISABLED);
  CHECK(env.api_calls_since(seq) == 0);
}
