// Sync benchmarks against tts-sandbox on loopback (prints figures; asserts nothing):
//   1. orders synced per second end to end (HTTPS, JSON, SQLite) for N orders, no rate limit,
//      the peak RSS of this process during that sync, and the CPU each side spent per page;
//   2. webhook events verified, stored and applied per second;
//   3. time to sync under the default rate limit (50/s per API) against pages / rate.
// Usage: bench_sync [orders=100000] [webhooks=10000] [rate_limited_orders=20000]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ocean_common/tts_sign.hpp"
#include "sandbox_fixture.hpp"
#include "capability/router.hpp"
#include "mirror/mirror.hpp"
#include "../bench_machine.hpp"

using ocean::bench::process_cpu_seconds;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds (user + system) this process has used so far.
double self_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::unique_ptr<ocean::tiktok::mirror::Mirror> service(SandboxAccount& sa, const std::string& shop_id) {
  ocean::tiktok::mirror::MirrorSettings s;
  s.db_path = sa.db_path();
  s.account_id = "bench";
  s.shop_id = shop_id;
  s.app_key = kAppKey;
  s.app_secret = kAppSecret;
  s.sync_interval_seconds = 0;
  return std::make_unique<ocean::tiktok::mirror::Mirror>(
      s, *sa.account().api(), [&sa] { return sa.account().accounts()->shop_cipher(); }, sa.host());
}

// A capability through the plugin's router over this account and mirror.
std::string invoke(SandboxAccount& sa, ocean::tiktok::mirror::Mirror& svc, const std::string& cap,
                   const std::string& request) {
  return ocean::tiktok::capability::run_capability(ocean::tiktok::capability::Rooms{&sa.account(), &svc, nullptr}, cap,
                                                   request);
}

std::string connect(SandboxAccount& sa) {
  auto [o, status] = sa.connect();
  if (!o.ok()) throw std::runtime_error("connect failed: " + o.message);
  return std::string(status.at("shop").at("id").as_string());
}

}  // namespace

int main(int argc, char** argv) {
  const long orders = argc > 1 ? std::atol(argv[1]) : 100000;
  const long hooks = argc > 2 ? std::atol(argv[2]) : 10000;
  const long limited_orders = argc > 3 ? std::atol(argv[3]) : 20000;
  try {
    {
      std::printf("== end-to-end order sync, %ld orders, no rate limit ==\n", orders);
      SandboxAccount sa(
          {"--shops", "1", "--orders", std::to_string(orders), "--products", "50", "--rate-limit", "1000000/s"},
          json::object{{"rate_limit_per_second", 1000000}}, 4, false);
      const std::string shop = connect(sa);
      auto svc = service(sa, shop);
      const long rss_before = peak_rss_kb();
      const double cpu0 = self_cpu_seconds();
      const double sandbox_cpu0 = process_cpu_seconds(sa.sandbox().pid());
      const auto t0 = std::chrono::steady_clock::now();
      const auto r = json::parse(invoke(sa, *svc, "sync.run", R"({"kinds":["orders"]})"));
      const double secs = seconds_since(t0);
      const double client_cpu = self_cpu_seconds() - cpu0;
      const double sandbox_cpu = process_cpu_seconds(sa.sandbox().pid()) - sandbox_cpu0;
      const auto n = r.at("runs").at(0).at("records").as_int64();
      std::printf("orders synced: %lld in %.2f s = %.0f orders/s (pages %lld)\n", static_cast<long long>(n), secs,
                  static_cast<double>(n) / secs, static_cast<long long>(r.at("runs").at(0).at("pages").as_int64()));
      const double pages = static_cast<double>(r.at("runs").at(0).at("pages").as_int64());
      std::printf("CPU per page of 100: client %.2f ms, sandbox %.2f ms (2 cores: the sum bounds the rate)\n",
                  client_cpu * 1000.0 / pages, sandbox_cpu * 1000.0 / pages);
      std::printf("peak RSS: %.1f MB (before sync %.1f MB)\n", static_cast<double>(peak_rss_kb()) / 1024.0,
                  static_cast<double>(rss_before) / 1024.0);

      std::printf("== webhooks: %ld ORDER_STATUS_CHANGE notifications verified, stored, applied ==\n", hooks);
      std::vector<std::string> ids;
      json::object q{{"limit", 100}};
      while (static_cast<long>(ids.size()) < hooks) {
        const auto page = json::parse(invoke(sa, *svc, "orders.search", json::serialize(q)));
        for (const auto& o : page.at("orders").as_array()) ids.emplace_back(o.at("external_id").as_string());
        if (page.at("next_cursor").is_null()) break;
        q["cursor"] = page.at("next_cursor");
      }
      std::vector<std::pair<std::string, std::string>> deliveries;
      for (long i = 0; i < hooks; ++i) {
        const std::string body = "{\"type\":1,\"tts_notification_id\":\"bench-" + std::to_string(i) +
                                 "\",\"shop_id\":\"" + shop + "\",\"timestamp\":1,\"data\":{\"order_id\":\"" +
                                 ids[static_cast<std::size_t>(i) % ids.size()] +
                                 "\",\"order_status\":\"AWAITING_SHIPMENT\",\"update_time\":1}}";
        deliveries.emplace_back("Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n",
                                body);
      }
      const auto t1 = std::chrono::steady_clock::now();
      for (const auto& [h, b] : deliveries) {
        if (svc->intake(h, b, 0).http_status != 200) throw std::runtime_error("webhook refused");
      }
      const double intake_secs = seconds_since(t1);
      const auto t2 = std::chrono::steady_clock::now();
      while (svc->store().inbox_count("pending") > 0) svc->on_tick(sa.host().wall_ms());
      const double apply_secs = seconds_since(t2);
      std::printf("intake (verify + store): %.0f/s; apply (fetch by 50 ids + upsert): %.0f/s; end to end %.0f/s\n",
                  static_cast<double>(hooks) / intake_secs, static_cast<double>(hooks) / apply_secs,
                  static_cast<double>(hooks) / (intake_secs + apply_secs));
    }
    {
      std::printf("== order sync under the default rate limit (50/s per API, sandbox and client) ==\n");
      SandboxAccount sa({"--shops", "1", "--orders", std::to_string(limited_orders), "--products", "5"}, {}, 4, false);
      const std::string shop = connect(sa);
      auto svc = service(sa, shop);
      const auto t0 = std::chrono::steady_clock::now();
      const auto r = json::parse(invoke(sa, *svc, "sync.run", R"({"kinds":["orders"]})"));
      const double secs = seconds_since(t0);
      const auto pages = r.at("runs").at(0).at("pages").as_int64();
      const double minimum = static_cast<double>(pages) / 50.0;
      const auto stats = sa.account().api()->stats();
      // Below the minimum is possible: both token buckets start full, so the first pages go at once.
      std::printf("pages %lld: %.2f s, theoretical minimum %.2f s (%+.1f%%); 429 answers: %llu\n",
                  static_cast<long long>(pages), secs, minimum, (secs / minimum - 1.0) * 100.0,
                  static_cast<unsigned long long>(stats.throttled));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_sync: %s\n", e.what());
    return 1;
  }
  return 0;
}
