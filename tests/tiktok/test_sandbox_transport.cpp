// Transport against tts-sandbox: what goes on the wire (headers, signature, no empty params),
// retries under injected faults with backoff, no retry of unsafe writes, rate limiting.
#include <catch2/catch.hpp>

#include "sandbox_fixture.hpp"
#include "transport/api_client.hpp"

using ocean::tiktok::ApiCall;
using ocean::tiktok::Failure;
using ocean::tiktok::Status;

namespace {

ApiCall warehouses_call(SandboxAccount& sa) {
  ApiCall call;
  call.path = "/logistics/202309/warehouses";
  call.shop_cipher = sa.account().accounts()->shop_cipher();
  return call;
}

ApiCall put_webhook_call(SandboxAccount& sa) {
  ApiCall call;
  call.method = "PUT";
  call.path = "/event/202309/webhooks";
  call.shop_cipher = sa.account().accounts()->shop_cipher();
  call.body = R"({"event_type":"ORDER_STATUS_CHANGE","address":"https://erp.example.com/hooks/tiktok"})";
  return call;
}

Status status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Failure& e) {
    return e.status();
  }
  return Status::ok;
}

}  // namespace

TEST_CASE("signed GETs and JSON writes are accepted by the strict sandbox - empty params are not sent") {
  SandboxAccount sa({"--shops", "1"});
  REQUIRE(sa.connect().first.ok());
  auto& api = *sa.account().api();
  auto call = warehouses_call(sa);
  call.query = {{"page_token", ""}};  // would be an unexpected empty parameter
  CHECK(api.call(call).data.is_object());
  const auto put = api.call(put_webhook_call(sa));
  CHECK(!put.request_id.empty());
  // A POST read with query parameters, body and a page token containing '=' and '+'.
  ApiCall search;
  search.method = "POST";
  search.path = "/order/202309/orders/search";
  search.shop_cipher = call.shop_cipher;
  search.query = {{"page_size", "5"}};
  search.body = R"({"order_status":"AWAITING_SHIPMENT"})";
  search.idempotent = true;
  const auto page1 = api.call(search);
  CHECK(page1.data.at("orders").is_array());
  const auto& next = page1.data.at("next_page_token");
  if (next.is_string() && !next.as_string().empty()) {
    search.query.emplace_back("page_token", std::string(next.as_string()));
    CHECK(api.call(search).data.at("orders").is_array());
  }
  CHECK(api.stats().retries == 0);
}

TEST_CASE("transient 5xx: reads are retried with growing backoff - unsafe writes are not") {
  SandboxAccount sa({"--shops", "1"});
  REQUIRE(sa.connect().first.ok());
  auto& api = *sa.account().api();
  sa.admin("POST", "/_sandbox/settings", {{"fault_5xx", 1.0}});

  const auto before = api.stats();
  CHECK(status_of([&] { api.call(warehouses_call(sa)); }) == Status::retry);
  const auto after_read = api.stats();
  CHECK(after_read.http_requests - before.http_requests == 4);  // the whole retry budget
  const auto sleeps = sa.sleeps().taken();
  REQUIRE(sleeps.size() >= 3);
  // Exponential: each ceiling doubles (200, 400, 800 ms) and jitter stays inside it.
  CHECK(sleeps[sleeps.size() - 3] <= 200'000'000);
  CHECK(sleeps[sleeps.size() - 1] <= 800'000'000);
  CHECK(sleeps[sleeps.size() - 1] >= 100'000'000);

  try {
    api.call(put_webhook_call(sa));
    FAIL("expected a failure");
  } catch (const Failure& f) {
    CHECK(f.status() == Status::retry);
    CHECK(std::string(f.what()).find("not retried") != std::string::npos);
  }
  CHECK(api.stats().http_requests - after_read.http_requests == 1);  // exactly one attempt

  // A write that carries an idempotency key may be repeated.
  auto keyed = put_webhook_call(sa);
  keyed.idempotent = true;
  const auto before_keyed = api.stats().http_requests;
  CHECK(status_of([&] { api.call(keyed); }) == Status::retry);
  CHECK(api.stats().http_requests - before_keyed == 4);

  sa.admin("POST", "/_sandbox/settings", {{"fault_5xx", 0.0}});
  CHECK(api.call(warehouses_call(sa)).data.is_object());
}

TEST_CASE("dropped connections are transient and retried for reads") {
  SandboxAccount sa({"--shops", "1"});
  REQUIRE(sa.connect().first.ok());
  auto& api = *sa.account().api();
  sa.admin("POST", "/_sandbox/settings", {{"drop_connections", 1.0}});
  const auto before = api.stats().http_requests;
  CHECK(status_of([&] { api.call(warehouses_call(sa)); }) == Status::retry);
  CHECK(api.stats().http_requests - before == 4);
  sa.admin("POST", "/_sandbox/settings", {{"drop_connections", 0.0}});
  CHECK(api.call(warehouses_call(sa)).data.is_object());
}

TEST_CASE("429s slow the client down and surface RATE_LIMITED with a retry-after once the budget is spent") {
  // One attempt per call so the first 429 surfaces; the sandbox allows 2 a minute (so even a
  // slow machine outruns it), the client aims at 50/s.
  SandboxAccount sa({"--shops", "1", "--rate-limit", "2/min"}, {}, 1, false);
  REQUIRE(sa.connect().first.ok());
  auto& api = *sa.account().api();
  const auto cipher = sa.account().accounts()->shop_cipher();
  bool limited = false;
  std::int64_t retry_after = 0;
  for (int i = 0; i < 200 && !limited; ++i) {
    try {
      api.call(warehouses_call(sa));
    } catch (const Failure& f) {
      REQUIRE(f.status() == Status::rate_limited);
      limited = true;
      retry_after = f.retry_after_ms();
    }
  }
  CHECK(limited);
  CHECK(retry_after > 0);
  CHECK(api.stats().throttled >= 1);
  CHECK(sa.account().rate_limiter()->current_rate(cipher, "/logistics/202309/warehouses") < 50.0);
}

TEST_CASE("with a retry budget - calls ride out the server's limit") {
  SandboxAccount sa({"--shops", "1", "--rate-limit", "5/s"}, {}, 6, false);
  REQUIRE(sa.connect().first.ok());
  auto& api = *sa.account().api();
  int ok = 0;
  for (int i = 0; i < 15; ++i) {
    const Status s = status_of([&] { api.call(warehouses_call(sa)); });
    CHECK((s == Status::ok || s == Status::rate_limited));
    if (s == Status::ok) ++ok;
  }
  CHECK(ok >= 1);
  // Every 429 seen was either retried or surfaced; none was treated as success or failure.
  CHECK(api.stats().throttled <= api.stats().retries + static_cast<std::uint64_t>(15 - ok));
}
