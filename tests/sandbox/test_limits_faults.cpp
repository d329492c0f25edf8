// Rate limit per (app, shop, API) and fault injection, from flags and at run time.
#include <catch2/catch.hpp>

#include <chrono>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {
const TtsCall warehouses{"GET", "/logistics/202309/warehouses", {}, ""};
}

TEST_CASE("the rate limit trips at the configured rate with 429 / 36009002") {
  SandboxProcess sb(with_app({"--rate-limit", "5/s", "--shops", "2"}));
  auto c = client_for(sb, 0);
  int ok = 0;
  int limited = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 40; ++i) {
    const auto r = c.call(warehouses);
    if (r.status == 429) {
      CHECK(r.code() == 36009002);
      ++limited;
    } else {
      CHECK(r.code() == 0);
      ++ok;
    }
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(limited > 0);
  // Never more than the bucket (5) plus what refilled at 5/s during the run.
  CHECK(ok <= 5 + static_cast<int>(5 * elapsed) + 1);
  CHECK(ok >= 5);
  // Another API path has its own bucket; another shop too.
  CHECK(c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "1"}}, "{}"}).code() == 0);
  auto other_shop = client_for(sb, 1);
  CHECK(other_shop.call(warehouses).code() == 0);

  // Per-minute quotas (the seed's 600/min) parse, and run-time changes apply at once.
  c.admin("POST", "/_sandbox/settings", json::object{{"rate_limit", "1/min"}});
  CHECK(c.call(warehouses).code() == 0);
  CHECK(c.call(warehouses).status == 429);
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"rate_limit", "lots"}}));
  c.admin("POST", "/_sandbox/settings", json::object{{"rate_limit", "1000/s"}});
  CHECK(c.call(warehouses).code() == 0);
}

TEST_CASE("fault injection: 5xx with 36009003, dropped connections, latency - changeable at run time") {
  SandboxProcess sb(with_app({"--fault-5xx", "1"}));
  auto c = client_for(sb);
  for (int i = 0; i < 6; ++i) {
    const auto r = c.call(warehouses);
    CHECK((r.status == 500 || r.status == 503));
    CHECK(r.code() == 36009003);
  }
  // The gate still runs first: a bad signature is a 401 even under faults.
  TtsClient wrong(sb.http_base(), "", kKey, "bad");
  wrong.access_token = c.access_token;
  wrong.shop_cipher = c.shop_cipher;
  CHECK(wrong.call(warehouses).code() == 106001);

  c.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 0}, {"drop_connections", 1}});
  CHECK_THROWS(c.call(warehouses));
  c.admin("POST", "/_sandbox/settings", json::object{{"drop_connections", 0}, {"latency_ms", 200}});
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.call(warehouses).code() == 0);
  // Latency is a lower bound only (no upper timing bound in tests).
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"fault_5xx", 2}}));
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"latency_ms", "slow"}}));
  const auto settings = c.admin("GET", "/_sandbox/settings").as_object();
  CHECK(settings.at("latency_ms").to_number<int>() == 200);
}

TEST_CASE("corrupt answers: the next N successful answers to a path come broken, in four ways") {
  SandboxProcess sb(with_app({"--shops", "1", "--orders", "30"}));
  auto c = client_for(sb);
  const TtsCall search{"POST", "/order/202309/orders/search", {{"page_size", "5"}}, "{}"};
  // Only the named path is touched, and only as many times as asked.
  c.admin("POST", "/_sandbox/settings",
          json::object{
              {"corrupt_answers", 2}, {"corrupt_mode", "not_json"}, {"corrupt_path", "/order/202309/orders/search"}});
  CHECK(c.call(warehouses).code() == 0);
  for (int i = 0; i < 2; ++i) {
    const auto r = c.call(search);
    CHECK(r.status == 200);
    CHECK(r.body.rfind("<html>", 0) == 0);
  }
  CHECK(c.call(search).code() == 0);
  CHECK(c.admin("GET", "/_sandbox/settings").at("corrupt_answers").to_number<int>() == 0);
  // corrupt_skip lets that many matching answers through first.
  c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_answers", 1}, {"corrupt_skip", 2}});
  CHECK(c.call(search).code() == 0);
  CHECK(c.call(search).code() == 0);
  CHECK(c.call(search).body.rfind("<html>", 0) == 0);
  CHECK(c.call(search).code() == 0);

  const auto whole = c.call(search).body;
  c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_answers", 1}, {"corrupt_mode", "truncated"}});
  const auto cut = c.call(search).body;
  CHECK(cut.size() < whole.size());
  boost::system::error_code ec;
  json::parse(cut, ec);
  CHECK(ec);

  c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_answers", 1}, {"corrupt_mode", "wrong_shape"}});
  CHECK(json::parse(c.call(search).body).at("data").at("orders").is_object());

  c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_answers", 1}, {"corrupt_mode", "bad_record"}});
  const auto bad = json::parse(c.call(search).body);
  CHECK(bad.at("data").at("orders").at(0).at("update_time") == "soon");
  CHECK(bad.at("data").at("orders").at(1).at("update_time").is_int64());

  // Bad settings change nothing.
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_mode", "gibberish"}}));
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_answers", -1}}));
  CHECK_THROWS(c.admin("POST", "/_sandbox/settings", json::object{{"corrupt_path", "orders"}}));
  CHECK(c.admin("GET", "/_sandbox/settings").at("corrupt_mode") == "bad_record");
}

TEST_CASE("admin reset regenerates the world") {
  SandboxProcess sb(with_app({"--shops", "1", "--orders", "10", "--seed", "9", "--start-time", "1700000000"}));
  auto c = client_for(sb);
  const std::string shop = shop_id_of(c);
  c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop}, {"count", 3}});
  CHECK(c.admin("GET", "/_sandbox/truth?shop_id=" + shop).as_object().at("orders").as_array().size() == 13);
  c.admin("POST", "/_sandbox/reset", json::object{});
  CHECK(c.admin("GET", "/_sandbox/truth?shop_id=" + shop).as_object().at("orders").as_array().size() == 10);
  // Tokens do not survive a reset.
  c.sync_clock();
  CHECK(c.call(warehouses).code() == 36009004);
  CHECK(c.raw("GET", "/_sandbox/nothing").status == 404);
  CHECK_THROWS(c.admin("GET", "/_sandbox/truth?shop_id=nope"));
}
