// Finance units without network: exact money in minor units (every supported currency, zero-decimal
// ones included), strict reading of API objects (errors name the record and the field), transaction
// kinds, and reconcile on a real SQLite file.
#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <map>

#include "finance/finance_parse.hpp"
#include "finance/finance_store.hpp"
#include "finance/money.hpp"
#include "finance/reconcile.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"
#include "test_dirs.hpp"
#include "util/status.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;
using namespace ocean::tiktok::finance;

TEST_CASE("money: decimal strings to minor units and back, exactly") {
  CHECK(currency_decimals("USD") == 2);
  CHECK(currency_decimals("EUR") == 2);
  for (const char* zero : {"IDR", "VND", "JPY"}) CHECK(currency_decimals(zero) == 0);
  CHECK(parse_minor("12.30", 2) == 1230);
  CHECK(parse_minor("12.3", 2) == 1230);
  CHECK(parse_minor("-0.01", 2) == -1);
  CHECK(parse_minor("12", 2) == 1200);
  CHECK(parse_minor("150000", 0) == 150000);
  CHECK(parse_minor("-7", 0) == -7);
  for (const char* bad : {"", "-", ".5", "5.", "1.234", "1,00", "1e3", "+1", " 1", "abc", "99999999999999999999"})
    CHECK_FALSE(parse_minor(bad, 2).has_value());
  CHECK_FALSE(parse_minor("1.5", 0).has_value());  // IDR has no fraction
  CHECK(format_minor(1230, 2) == "12.30");
  CHECK(format_minor(-5, 2) == "-0.05");
  CHECK(format_minor(0, 2) == "0.00");
  CHECK(format_minor(0, 0) == "0");
  CHECK(format_minor(-150000, 0) == "-150000");
  CHECK(format_minor(INT64_MIN, 2) == "-92233720368547758.08");
  // A million small amounts sum exactly (a float would drift).
  std::int64_t sum = 0;
  for (int i = 0; i < 1000000; ++i) sum += *parse_minor("0.10", 2);
  CHECK(format_minor(sum, 2) == "100000.00");
}

TEST_CASE("finance parse: strict rows, errors naming the record and field") {
  const auto st = parse_statement(json::parse(R"({"id":"S1","statement_time":1767225600,"currency":"IDR",
      "settlement_amount":"150000","payment_status":"PAID","payment_id":"P1"})")
                                      .as_object(),
                                  "{}");
  CHECK(st.settlement == 150000);
  CHECK(st.currency == "IDR");
  try {
    parse_statement(
        json::parse(R"({"id":"S2","statement_time":1,"currency":"USD","settlement_amount":"1.234"})").as_object(),
        "{}");
    FAIL("accepted 1.234 USD");
  } catch (const Failure& f) {
    CHECK(f.status() == Status::permanent);
    CHECK(std::string(f.what()).find("statement S2") != std::string::npos);
    CHECK(std::string(f.what()).find("settlement_amount") != std::string::npos);
  }
  CHECK_THROWS_AS(parse_statement(json::parse(R"({"statement_time":1,"currency":"USD"})").as_object(), ""), Failure);
  CHECK_THROWS_AS(parse_payment(json::parse(R"({"id":"P","create_time":1,"amount":"1.00"})").as_object(), ""), Failure);
  const auto p = parse_payment(
      json::parse(R"({"id":"P","create_time":1,"status":"PAID","amount":{"value":"-3.10","currency":"GBP"}})")
          .as_object(),
      "");
  CHECK(p.amount == -310);
  const auto t = parse_transaction(json::parse(R"({"id":"T","type":"SOMETHING_NEW","adjustment_id":"A",
      "adjustment_order_id":"O9","adjustment_amount":"-1.50","settlement_amount":"-1.50"})")
                                       .as_object(),
                                   "S", "USD", "");
  CHECK(t.kind == "adjustment");  // an unknown type is a generic adjustment, never refused
  CHECK(t.order_id == "O9");
  CHECK(t.adjustment == -150);
  CHECK(transaction_kind("ORDER") == "order");
  CHECK(transaction_kind("RESERVE") == "reserve");
}

TEST_CASE("reconcile on a real SQLite file: balanced statements, a broken transaction, an incomplete statement") {
  TempDir dir("finance-unit");
  const std::string path = (dir.path() / "tiktok_shop.db").string();
  {
    sqlite::Database db(path);
    store::migrate(db);
  }
  FinanceStore fs(path);
  fs.in_transaction([&] {
    fs.upsert_statement(StatementRow{"S1", 86400, "JPY", 900, "PAID", "P1", "{}"}, 0);
    fs.upsert_transaction(
        TransactionRow{"T1", "S1", "order", "ORDER", "O1", 10, "JPY", 1000, 1200, -100, -100, 0, 1200, "{}"});
    fs.upsert_transaction(TransactionRow{"T2", "S1", "adjustment", "SHIPPING_FEE_ADJUSTMENT", "O1", 11, "JPY", -100, 0,
                                         0, 0, -100, 0, "{}"});
    fs.finish_transactions("S1", 2);
    fs.upsert_statement(StatementRow{"S2", 2 * 86400, "JPY", 500, "PAID", "P2", "{}"}, 0);
    fs.upsert_transaction(
        TransactionRow{"T3", "S2", "order", "ORDER", "O2", 12, "JPY", 7, 600, -50, -50, 0, 600, "{}"});
    fs.finish_transactions("S2", 1);
    fs.upsert_statement(StatementRow{"S3", 3 * 86400, "JPY", 5, "PAID", "P3", "{}"}, 0);
  });
  ReconcileRequest r;
  r.as_of = 10 * 86400;
  const auto out = reconcile(fs, r);
  const auto& s = out.at("statements").as_array();
  REQUIRE(s.size() == 3);
  CHECK(s[0].at("difference") == "0");
  CHECK(s[1].at("difference") == "493");
  std::map<std::string, int> kinds;
  for (const auto& m : out.at("mismatches").as_array()) ++kinds[std::string(m.at("kind").as_string())];
  CHECK(kinds["transaction_identity"] == 1);  // T3: 7 is not 600 - 50 - 50
  CHECK(kinds["statement_total"] == 0);       // S2's difference is T3's, reported once
  CHECK(kinds["transactions_incomplete"] == 1);
  CHECK(kinds["order_missing"] == 2);  // no order mirror in this file
}
