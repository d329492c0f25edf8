// sync.run with kinds ["finance"] against tts-sandbox: the mirror equals the truth, reconcile over the
// whole history finds zero differences and exactly an injected one (with its order and reason),
// zero-decimal currencies sum exactly, events, and incremental runs after new days.
#include <set>

#include "finance_env.hpp"

using namespace finance_test;

namespace {

json::object sync_all(FinanceEnv& env, FinanceEnv::Account& a, bool full = false) {
  return env.ok(a, "sync.run", json::object{{"kinds", json::array{"orders", "finance"}}, {"full", full}});
}

std::size_t events_of(FinanceEnv::Account& a, const std::string& type) {
  std::size_t n = 0;
  for (const auto& e : a.host->events())
    if (json::parse(e).at("type").as_string() == type) ++n;
  return n;
}

}  // namespace

TEST_CASE("finance sync: the mirror equals the truth, and reconcile finds zero differences") {
  FinanceEnv env(1, 400);
  auto& a = env.account("fin-mirror");
  sync_all(env, a);
  const auto truth = env.truth(a);
  require_mirror_equals_truth(env.db_path(a), truth);
  const auto rec =
      env.ok(a, "finance.reconcile", json::object{{"from", 0}, {"to", "2100-01-01T00:00:00Z"}, {"as_of", env.now()}});
  const auto& statements = rec.at("statements").as_array();
  REQUIRE(statements.size() == truth.at("statements").as_array().size());
  std::size_t orders = 0;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i].as_object();
    CHECK(s.at("difference") == "0.00");
    CHECK(s.at("settlement_amount") == truth.at("statements").as_array()[i].at("settlement_amount"));
    CHECK(s.at("transactions_total") == s.at("settlement_amount"));
    for (const auto& o : s.at("orders").as_array()) CHECK(o.at("order_sales_amount") == o.at("sales_amount"));
    orders += s.at("orders").as_array().size();
  }
  CHECK(orders > 50);
  INFO(json::serialize(rec.at("mismatches")));
  CHECK(rec.at("mismatches").as_array().empty());
  // Delivered long ago and unsettled: what the truth says is delivered and not in a statement.
  std::set<std::string> delivered_unsettled;
  for (const auto& id : truth.at("delivered_unsettled_orders").as_array()) delivered_unsettled.insert(str(id));
  for (const auto& o : rec.at("orders_unsettled").as_array()) CHECK(delivered_unsettled.count(str(o.at("order_id"))));
  // Events: one statement_settled per statement, one payment_received per paid payment.
  CHECK(events_of(a, "finance.statement_settled") == statements.size());
  std::size_t paid = 0;
  for (const auto& p : truth.at("payments").as_array()) paid += p.at("status") == "PAID" ? 1 : 0;
  CHECK(events_of(a, "finance.payment_received") == paid);
  CHECK(events_of(a, "finance.mismatch") == 0);
  // sync.status shows the finance mirror.
  const auto status = env.ok(a, "sync.status", json::object{}).at("finance").as_object();
  CHECK(status.at("statements").as_int64() == static_cast<std::int64_t>(statements.size()));
  CHECK(status.at("statements_without_transactions").as_int64() == 0);
  CHECK(status.at("cursors").at("transactions").at("in_progress") == false);
}

TEST_CASE("finance reconcile: finds exactly an injected discrepancy, with its order and reason") {
  FinanceEnv env(1, 400);
  auto& a = env.account("fin-inject");
  sync_all(env, a);
  const auto truth = env.truth(a);
  const auto& st = truth.at("statements").as_array().at(3).as_object();
  json::object tx;
  for (const auto& t : st.at("transactions").as_array())
    if (t.at("type") == "ORDER") tx = t.as_object();
  REQUIRE_FALSE(tx.empty());
  env.admin("POST", "/_sandbox/finance/transactions/" + str(tx.at("id")), json::object{{"settlement_amount", "1.00"}});
  sync_all(env, a, true);  // read every statement's transactions again
  const auto rec = env.ok(a, "finance.reconcile", json::object{{"from", 0}, {"as_of", env.now()}});
  const auto& mismatches = rec.at("mismatches").as_array();
  INFO(json::serialize(mismatches));
  REQUIRE(mismatches.size() == 1);
  const auto& m = mismatches[0].as_object();
  CHECK(m.at("kind") == "transaction_identity");
  CHECK(m.at("statement_id") == st.at("id"));
  CHECK(m.at("transaction_id") == tx.at("id"));
  CHECK(m.at("order_id") == tx.at("order_id"));
  CHECK(m.at("actual") == "1.00");
  CHECK(m.at("expected") == tx.at("settlement_amount"));
  CHECK_FALSE(str(m.at("reason")).empty());
  std::size_t nonzero = 0;
  for (const auto& s : rec.at("statements").as_array()) {
    if (s.at("difference") == "0.00") continue;
    ++nonzero;
    CHECK(s.at("id") == st.at("id"));
  }
  CHECK(nonzero == 1);
  // The same answer for that statement alone; and the sync announced it.
  const auto one = env.ok(a, "finance.reconcile", json::object{{"statement_id", st.at("id")}});
  CHECK(one.at("mismatches").as_array().size() == 1);
  CHECK(events_of(a, "finance.mismatch") == 1);
}

TEST_CASE("finance zero-decimal currencies: IDR, VND and JPY statements reconcile exactly") {
  FinanceEnv env(16, 120);
  for (const auto& [index, currency] :
       std::vector<std::pair<std::size_t, std::string>>{{2, "IDR"}, {6, "VND"}, {15, "JPY"}}) {
    auto& a = env.account("fin-zero-" + currency, index);
    sync_all(env, a);
    const auto truth = env.truth(a);
    require_mirror_equals_truth(env.db_path(a), truth);
    const auto rec = env.ok(a, "finance.reconcile", json::object{{"from", 0}, {"as_of", env.now()}});
    REQUIRE_FALSE(rec.at("statements").as_array().empty());
    for (const auto& s : rec.at("statements").as_array()) {
      CHECK(str(s.at("currency")) == currency);
      CHECK(s.at("difference") == "0");
      CHECK(str(s.at("settlement_amount")).find('.') == std::string::npos);
    }
    CHECK(rec.at("mismatches").as_array().empty());
    if (currency == "IDR" || currency == "VND") {  // SEA: no payments API, so none asked for
      CHECK(truth.at("payments").as_array().empty());
      const std::uint64_t seq = env.last_seq();
      CHECK(env.call(a, "finance.payments.search", json::object{}).status == OCEAN_UNSUPPORTED);
      CHECK(env.api_calls_since(seq) == 0);
    }
  }
}

TEST_CASE("finance sync is incremental: a second run re-reads only the overlap window") {
  FinanceEnv env(1, 300);
  auto& a = env.account("fin-incr");
  const auto first = sync_all(env, a);
  const auto truth = env.truth(a);
  const auto second = env.ok(a, "sync.run", json::object{{"kinds", json::array{"finance"}}});
  require_mirror_equals_truth(env.db_path(a), truth);
  INFO(json::serialize(second));
  const auto& fin = second.at("runs").as_array().at(0).as_object();
  CHECK(fin.at("kind") == "finance");
  CHECK(fin.at("statements").at("inserted").as_int64() == 0);
  // Three days of overlap: the last few statements, not the whole history.
  const auto statements = static_cast<std::int64_t>(truth.at("statements").as_array().size());
  CHECK(fin.at("statements").at("records").as_int64() <= 4);
  CHECK(fin.at("statements").at("records").as_int64() < statements);
  CHECK(fin.at("transactions").at("records").as_int64() == 0);  // each statement's transactions are read once
}

TEST_CASE("finance auto-sync from tick while the feature is on, and not while it is off") {
  FinanceEnv env(1, 200);
  auto& on = env.account("fin-tick-on");
  auto& off = env.account("fin-tick-off", 0, false);
  const std::int64_t now_ms = env.now() * 1000;
  REQUIRE(module().api().tick(on.instance, now_ms) == OCEAN_OK);
  REQUIRE(module().api().tick(off.instance, now_ms) == OCEAN_OK);
  require_mirror_equals_truth(env.db_path(on), env.truth(on));
  ocean::tiktok::finance::FinanceStore off_store(env.db_path(off));
  CHECK(off_store.count("finance_statements") == 0);
  CHECK(env.ok(off, "sync.status", json::object{}).at("finance").is_null());
  CHECK(events_of(on, "finance.statement_settled") > 0);
}
