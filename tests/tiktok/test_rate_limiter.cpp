// Client-side rate limiting on a fake clock: the sleeper advances time instead of blocking.
#include <catch2/catch.hpp>

#include "ratelimit/rate_limiter.hpp"

using namespace ocean::tiktok;

namespace {
struct FakeTime {
  std::int64_t now = 1'000'000'000;
  std::int64_t slept = 0;
  Timing timing() {
    return Timing{[this] { return now; },
                  [this](std::int64_t ns) {
                    now += ns;
                    slept += ns;
                  }};
  }
};
constexpr std::int64_t kSecond = 1'000'000'000;
}  // namespace

TEST_CASE("ids collapse into one API - versions do not") {
  CHECK(RateLimiter::api_of("/product/202309/products/123") == "/product/202309/products/{id}");
  CHECK(RateLimiter::api_of("/product/202309/products/456/inventory/update") ==
        "/product/202309/products/{id}/inventory/update");
  CHECK(RateLimiter::api_of("/order/202309/orders/search") == "/order/202309/orders/search");
  CHECK(RateLimiter::api_of("/order/202407/orders/1/price_detail") !=
        RateLimiter::api_of("/order/202309/orders/1/price_detail"));
}

TEST_CASE("a long run is paced at the configured rate per (shop - API)") {
  FakeTime t;
  RateLimiter rl({10.0, std::nullopt, 0.2}, t.timing());
  const auto start = t.now;
  for (int i = 0; i < 101; ++i) rl.acquire("shopA", "/order/202309/orders/search");
  const double seconds = static_cast<double>(t.now - start) / kSecond;
  // 101 calls at 10/s with a burst of 2: about 9.9 s of waiting.
  CHECK(seconds >= 9.8);
  CHECK(seconds <= 10.1);
}

TEST_CASE("different shops and different APIs have their own buckets - the app bucket is shared") {
  FakeTime t;
  RateLimiter rl({1.0, std::nullopt, 1.0}, t.timing());
  rl.acquire("A", "/x/202309/a");
  rl.acquire("B", "/x/202309/a");
  rl.acquire("A", "/x/202309/b");
  CHECK(t.slept == 0);
  rl.acquire("A", "/x/202309/a");
  CHECK(t.slept > 0);

  FakeTime t2;
  RateLimiter app({100.0, 2.0, 0.2}, t2.timing());
  for (int i = 0; i < 11; ++i) app.acquire("A", "/x/202309/api" + std::to_string(i));
  // Eleven different APIs, but the app allows 2/s: ~5 s.
  CHECK(static_cast<double>(t2.slept) / kSecond >= 4.9);
}

TEST_CASE("a 429 halves the rate and pauses the API - successes win it back") {
  FakeTime t;
  RateLimiter rl({20.0, std::nullopt, 0.2}, t.timing());
  const std::string path = "/order/202309/orders/search";
  rl.acquire("A", path);
  rl.on_throttled("A", path, 2 * kSecond);
  CHECK(rl.current_rate("A", path) == Approx(10.0));
  CHECK(rl.throttle_count() == 1);
  const auto before = t.now;
  rl.acquire("A", path);
  CHECK(t.now - before >= 2 * kSecond);
  for (int i = 0; i < 5; ++i) rl.on_throttled("A", path, 0);
  CHECK(rl.current_rate("A", path) == Approx(2.0));  // floor: a tenth of the ceiling
  for (int i = 0; i < 200; ++i) rl.on_success("A", path);
  CHECK(rl.current_rate("A", path) == Approx(20.0));  // never above the ceiling
  CHECK(rl.current_rate("B", path) == Approx(20.0));  // other shop untouched
}
