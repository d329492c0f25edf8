// A long run of signed API calls through the plugin core against tts-sandbox, which enforces a
// per-(app, shop, API) limit. Prints, per scenario, the achieved rate against the ceiling and
// how many 429s the client provoked. Figures only; nothing is asserted.
//
//   bench_tiktok_rate_limit [CALLS_PER_SCENARIO]   (default 300)
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "account/shop_account.hpp"
#include "capability/router.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;

namespace {

class BenchHost final : public Host {
 public:
  explicit BenchHost(std::string dir) : dir_(std::move(dir)) {}
  void log(LogLevel level, std::string_view m) override {
    if (level >= LogLevel::warn) std::cerr << "  [log] " << m << "\n";
  }
  std::int64_t wall_ms() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::int64_t monotonic_ns() override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::optional<std::string> secret(std::string_view name) override {
    if (name == "store_key") return std::string("bench-store-key-0123456789");
    return std::nullopt;
  }
  std::optional<std::string> data_dir() override { return dir_; }
  void emit_event(std::string_view) override {}

 private:
  std::string dir_;
};

struct Scenario {
  const char* name;
  int server_per_second;
  double client_per_second;
};

void run(const Scenario& sc, int calls) {
  const std::string key = "bench_rl_key", secret = "bench-rl-secret-0123456789", service = "7000111";
  ocean::testing::SandboxProcess sb({"--app", key + ":" + secret + ":" + service, "--shops", "1", "--orders", "1",
                                     "--products", "1", "--rate-limit", std::to_string(sc.server_per_second) + "/s"});
  const auto dir = std::filesystem::temp_directory_path() / ("bench-tiktok-rl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    BenchHost host(dir.string());
    ShopAccount acc("bench", host);
    json::object cfg{{"app_key", key},
                     {"app_secret", secret},
                     {"region", "US"},
                     {"service_id", service},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()},
                     {"rate_limit_per_second", sc.client_per_second}};
    acc.configure(cfg);
    acc.start();
    const capability::Rooms rooms{&acc, nullptr, nullptr};
    std::string out = capability::run_capability(rooms, "account.authorize_url", "{}");
    ocean::testing::HttpClient http(sb.ca_file());
    const auto r = http.request("GET", std::string(json::parse(out).at("url").as_string()));
    const std::string loc = r.headers.at("location");
    json::object cb;
    for (const auto& [k, v] : ocean::url::parse_query(loc.substr(loc.find('?') + 1))) cb[k] = v;
    capability::run_capability(rooms, "account.connect", json::serialize(cb));

    ApiCall call;
    call.path = "/logistics/202309/warehouses";
    call.shop_cipher = acc.accounts()->shop_cipher();
    int ok = 0, limited = 0, other = 0;
    const auto before = acc.api()->stats();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) {
      try {
        acc.api()->call(call);
        ++ok;
      } catch (const Failure& f) {
        (f.status() == Status::rate_limited ? limited : other)++;
      }
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto st = acc.api()->stats();
    std::printf(
        "%-34s server %3d/s  client %5.1f/s  calls %4d  ok %4d  rate_limited %3d  other %d  "
        "achieved %6.2f/s (%5.1f%% of ceiling)  429s %4llu  http %5llu  final client rate %.1f/s\n",
        sc.name, sc.server_per_second, sc.client_per_second, calls, ok, limited, other, ok / secs,
        100.0 * (ok / secs) / sc.server_per_second, static_cast<unsigned long long>(st.throttled - before.throttled),
        static_cast<unsigned long long>(st.http_requests - before.http_requests),
        acc.rate_limiter()->current_rate(call.shop_cipher, call.path));
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;
  const Scenario scenarios[] = {
      {"client at the ceiling", 20, 20.0},
      {"client 10% under the ceiling", 20, 18.0},
      {"client configured 2x too high", 20, 40.0},
      {"default 50/s vs server 50/s", 50, 50.0},
  };
  std::printf("bench_tiktok_rate_limit: %d GET /logistics/202309/warehouses per scenario over HTTPS\n", calls);
  for (const auto& sc : scenarios) {
    try {
      run(sc, calls);
    } catch (const std::exception& e) {
      std::printf("%-34s failed: %s\n", sc.name, e.what());
    }
  }
  return 0;
}
