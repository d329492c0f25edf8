// Units without a network: request readers and exact decimals, the ops tables (migration 3) on a
// real SQLite file, and the host-wide LIVE calendar shared by two handles as two accounts would.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "capability/request.hpp"
#include "model/time_format.hpp"
#include "store/migrations.hpp"
#include "store/ops_live_registry.hpp"
#include "store/ops_store.hpp"
#include "store/sqlite_db.hpp"
#include "test_dirs.hpp"
#include "util/status.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;
using capability::Request;
using model::Decimal;

namespace {
Status status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Failure& e) {
    return e.status();
  }
  return Status::ok;
}
}  // namespace

TEST_CASE("decimals are exact: parse, print, add, multiply - floats and signs refused") {
  CHECK(Decimal::parse("12")->str() == "12.00");
  CHECK(Decimal::parse("12.5")->str() == "12.50");
  CHECK(Decimal::parse("0.123456")->str() == "0.123456");
  CHECK(Decimal::parse("35.87")->micros == 35'870'000);
  CHECK((*Decimal::parse("0.10") + *Decimal::parse("0.20")).str() == "0.30");  // 0.1 + 0.2, exactly
  CHECK(Decimal::parse("19.99")->times(3).str() == "59.97");
  CHECK(Decimal::parse("20")->str(0) == "20");
  for (const char* bad : {"", "-1", "1.", ".5", "1e3", "1.1234567", "12,5", "abc", "1.2.3"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::parse(bad).has_value());
  }
  // A fractional JSON number has already passed through a binary float: money must be a string.
  const json::object o{{"a", "1.50"}, {"b", 2}, {"c", 0.25}, {"d", 0.1234567}, {"e", "x"}};
  const Request r(o, {"a", "b", "c", "d", "e", "missing"});
  CHECK(r.decimal("a").str() == "1.50");
  CHECK(r.decimal("b").str() == "2.00");
  CHECK(status_of([&] { r.decimal("c"); }) == Status::invalid_argument);
  CHECK(status_of([&] { r.decimal("d"); }) == Status::invalid_argument);
  CHECK(status_of([&] { r.decimal("e"); }) == Status::invalid_argument);
  CHECK(status_of([&] { r.decimal("missing"); }) == Status::invalid_argument);
}

TEST_CASE("request readers: dates are real calendar dates, times RFC 3339 or Unix seconds, ids path-safe") {
  const json::object o{{"d1", "2026-02-28"},
                       {"d2", "2026-02-29"},
                       {"d3", "2024-02-29"},
                       {"d4", "2026-13-01"},
                       {"t1", "2026-11-25T08:30:00Z"},
                       {"t2", 1795595400},
                       {"t3", "2026-11-25 08:30"},
                       {"t4", "1795595400"},
                       {"i1", "7123"},
                       {"i2", "a/b"},
                       {"i3", 42},
                       {"s", ""},
                       {"n", nullptr}};
  const Request r(o, {"d1", "d2", "d3", "d4", "t1", "t2", "t3", "t4", "i1", "i2", "i3", "s", "n"});
  CHECK(model::date_string(r.date("d1")) == "2026-02-28");
  CHECK(status_of([&] { r.date("d2"); }) == Status::invalid_argument);  // not a leap year
  CHECK(model::date_string(r.date("d3")) == "2024-02-29");
  CHECK(status_of([&] { r.date("d4"); }) == Status::invalid_argument);
  CHECK(r.time("t1") == 1795595400);
  CHECK(r.time("t2") == 1795595400);
  CHECK(r.time("t4") == 1795595400);
  CHECK(status_of([&] { r.time("t3"); }) == Status::invalid_argument);
  CHECK(r.id("i1") == "7123");
  CHECK(r.id("i3") == "42");
  CHECK(status_of([&] { r.id("i2"); }) == Status::invalid_argument);
  CHECK(status_of([&] { r.str("s"); }) == Status::invalid_argument);
  CHECK_FALSE(r.opt_str("n").has_value());  // null is absent
  const json::object p30{{"page_size", 30}}, p5{{"page_size", 5}}, none, g_all{{"g", "all"}};
  CHECK(Request(p30, {"page_size", "page_token"}).paging(10, 50, 10).page_size == 30);
  CHECK(status_of([&] { Request(p5, {"page_size", "page_token"}).paging(10, 50, 10); }) == Status::invalid_argument);
  CHECK(Request(none, {"g"}).one_of("g", {"ALL", "1D"}, "ALL") == "ALL");
  CHECK(status_of([&] { Request(g_all, {"g"}).one_of("g", {"ALL", "1D"}, "ALL"); }) == Status::invalid_argument);
}

TEST_CASE("ops store: idempotency keys are made once per request and survive reopening") {
  TempDir dir("ops-store");
  const std::string path = (dir.path() / "t.db").string();
  std::string key;
  {
    sqlite::Database db(path);
    store::migrate(db);
    CHECK(store::schema_version(db) == store::latest_schema_version());
    store::OpsStore s(db);
    key = s.idempotency_key("returns.approve", "R1", R"({"decision":"APPROVE_REFUND"})", 1000);
    CHECK(key.size() == 32);
    CHECK(s.idempotency_key("returns.approve", "R1", R"({"decision":"APPROVE_REFUND"})", 2000) == key);
    CHECK(s.idempotency_key("returns.approve", "R1", R"({"decision":"APPROVE_RETURN"})", 2000) !=
          key);  // another decision
    CHECK(s.idempotency_key("returns.reject", "R1", R"({"decision":"APPROVE_REFUND"})", 2000) != key);
    CHECK_FALSE(s.idempotency_completed_at(key).has_value());
    s.idempotency_done(key, 3000);
  }
  sqlite::Database db(path);
  store::migrate(db);
  store::OpsStore s(db);
  CHECK(s.idempotency_key("returns.approve", "R1", R"({"decision":"APPROVE_REFUND"})", 9000) == key);
  CHECK(s.idempotency_completed_at(key) == 3000);
}

TEST_CASE("ops store: LIVE sessions, affiliate totals per creator and content, analytics snapshots") {
  TempDir dir("ops-store2");
  sqlite::Database db((dir.path() / "t.db").string());
  store::migrate(db);
  store::OpsStore s(db);

  store::LiveSession a{
      "live_a", "Morning", 1000, 2000, "planned", "act1", R"([{"product_id":"p1","session_price":"1.00"}])",
      1,        1,         "",   0};
  store::LiveSession b{"live_b", "Evening", 5000, 6000, "planned", "", "[]", 2, 2, "", 0};
  s.insert_live_session(a);
  s.insert_live_session(b);
  CHECK(s.live_sessions(std::nullopt, std::nullopt, std::nullopt).size() == 2);
  CHECK(s.live_sessions(std::nullopt, 1500, 5500).size() == 2);
  CHECK(s.live_sessions(std::nullopt, 2000, 5000).empty());  // [start, end): touching is not overlapping
  b.status = "cancelled";
  b.performance_json = R"({"x":1})";
  b.performance_fetched_ms = 77;
  s.update_live_session(b);
  CHECK(s.live_sessions(std::string("planned"), std::nullopt, std::nullopt).size() == 1);
  CHECK(s.live_session("live_b")->performance_fetched_ms == 77);
  CHECK_FALSE(s.live_session("nope").has_value());
  // The schema refuses a window that ends before it starts.
  store::LiveSession bad{"live_c", "Bad", 10, 5, "planned", "", "[]", 1, 1, "", 0};
  CHECK_THROWS(s.insert_live_session(bad));

  auto line = [](std::string order, std::string creator, std::string gmv, std::string commission, std::int64_t t,
                 std::string content) {
    store::AffiliateOrderLine l;
    l.order_id = std::move(order);
    l.product_id = "p";
    l.creator_username = std::move(creator);
    l.currency = "GBP";
    l.gmv = std::move(gmv);
    l.commission = std::move(commission);
    l.create_time = t;
    l.content_type = "VIDEO";
    l.content_id = std::move(content);
    l.raw_json = "{}";
    return l;
  };
  s.upsert_affiliate_orders(
      {line("o1", "amy", "10.00", "1.00", 100, "v1"), line("o1", "amy", "5.50", "0.55", 100, "v1"),
       line("o2", "bob", "3.00", "0.30", 200, "v2")},
      1);
  // o1 fetched again with one line fewer: its lines are replaced, not added to.
  s.upsert_affiliate_orders({line("o1", "amy", "10.00", "1.00", 100, "v1")}, 2);
  CHECK(s.affiliate_order_lines() == 2);
  const auto totals = s.creator_totals(std::nullopt, std::nullopt, std::nullopt);
  REQUIRE(totals.size() == 2);
  CHECK(totals[0].creator_username == "amy");
  CHECK(totals[0].orders == 1);
  CHECK(totals[0].gmv_parts == std::vector<std::string>{"10.00"});
  CHECK(s.creator_totals(std::string("bob"), std::nullopt, std::nullopt).size() == 1);
  CHECK(s.creator_totals(std::nullopt, 150, std::nullopt).size() == 1);
  CHECK(s.affiliate_orders_by_content("v1") == std::vector<std::string>{"o1"});
  CHECK(s.affiliate_orders_by_content("").empty());

  const auto id1 = s.insert_analytics_snapshot("shop", "{}", R"({"performance":{}})", 10);
  const auto id2 = s.insert_analytics_snapshot("shop", "{}", R"({"performance":{}})", 20);
  CHECK(id2 == id1 + 1);
  CHECK(s.analytics_snapshot_count("shop") == 2);
  CHECK(s.analytics_snapshot_count("video") == 0);
}

TEST_CASE("host-wide LIVE calendar: two accounts (two handles on one file) cannot both take a window") {
  TempDir host_dir("ops-calendar");
  store::LiveRegistry a(host_dir.path().string()), b(host_dir.path().string());
  CHECK(a.reserve({"acct-a", "s1", "Morning", 1000, 2000}, false, 1).empty());
  // Same account, overlapping.
  auto c1 = a.reserve({"acct-a", "s2", "Again", 1500, 2500}, true, 2);
  REQUIRE(c1.size() == 1);
  CHECK(c1[0].session_id == "s1");
  // Another account, overlapping: refused unless allowed.
  auto c2 = b.reserve({"acct-b", "s3", "Other", 1999, 3000}, false, 3);
  REQUIRE(c2.size() == 1);
  CHECK(c2[0].account_id == "acct-a");
  CHECK(b.reserve({"acct-b", "s3", "Other", 1999, 3000}, true, 4).empty());
  // Back to back is fine.
  CHECK(b.reserve({"acct-b", "s4", "Later", 3000, 4000}, false, 5).empty());
  CHECK(a.overlapping(0, 10000).size() == 3);
  a.release("acct-a", "s1");
  CHECK(b.reserve({"acct-b", "s5", "Morning now", 1000, 1500}, false, 6).empty());
  CHECK(a.overlapping(1000, 1001).size() == 1);
}
