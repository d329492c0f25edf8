// Measures how many order-search pages of 100 orders tts-sandbox serves per second over one loopback
// keep-alive connection, with the sandbox on one I/O thread (plain HTTP and HTTPS). The sandbox must never
// be what limits a sync benchmark; the target is >= 1,000 pages/s on one core.
//
// Usage: bench_sandbox_order_search [seconds per run, default 3] [orders per shop, default 5000]
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <unistd.h>
#include <cstdio>
#include <string>
#include <vector>

#include "support/sandbox_process.hpp"
#include "support/tts_client.hpp"

namespace json = boost::json;
using ocean::testing::SandboxProcess;
using ocean::testing::TtsCall;
using ocean::testing::TtsClient;

namespace {

// CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat.
double cpu_seconds(pid_t pid) {
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (f == nullptr) return 0;
  char buf[2048];
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  const char* p = std::strrchr(buf, ')');  // the command name may contain spaces
  if (p == nullptr) return 0;
  unsigned long utime = 0, stime = 0;
  // Fields after ")": state(3) ... utime(14) stime(15).
  if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return 0;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The client only needs the token and a count, so it scans instead of parsing ~300 KB of JSON per page
// (that would measure the client, not the sandbox).
std::string extract_token(const std::string& body) {
  static const std::string key = "\"next_page_token\":\"";
  const auto at = body.rfind(key);
  if (at == std::string::npos) return "";
  const auto start = at + key.size();
  return body.substr(start, body.find('"', start) - start);
}

long count_orders(const std::string& body) {
  long n = 0;
  for (auto at = body.find("\"line_items\":"); at != std::string::npos; at = body.find("\"line_items\":", at + 1)) ++n;
  return n;
}

struct Figures {
  double server_cpu = 0;
  long pages = 0;
  long orders = 0;
  double bytes = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
};

Figures run(TtsClient& c, double seconds, pid_t server) {
  Figures f;
  const double cpu_before = cpu_seconds(server);
  std::string token;
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    TtsCall call{"POST", "/order/202309/orders/search", {{"page_size", "100"}}, "{}"};
    if (!token.empty()) call.query.emplace_back("page_token", token);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = c.call(call);
    f.latencies_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (r.status != 200) {
      std::fprintf(stderr, "unexpected answer %ld: %s\n", r.status, r.body.substr(0, 200).c_str());
      break;
    }
    f.orders += count_orders(r.body);
    token = extract_token(r.body);  // walks the whole shop, then starts over
    f.bytes += static_cast<double>(r.body.size());
    ++f.pages;
  }
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  f.server_cpu = cpu_seconds(server) - cpu_before;
  return f;
}

void print(const char* label, Figures f) {
  std::sort(f.latencies_ms.begin(), f.latencies_ms.end());
  auto pct = [&](double p) {
    return f.latencies_ms.empty()
               ? 0.0
               : f.latencies_ms[static_cast<std::size_t>(p * static_cast<double>(f.latencies_ms.size() - 1))];
  };
  std::printf(
      "%-6s pages=%ld in %.2fs wall -> %.0f pages/s, %.0f orders/s, %.1f MB/s, latency p50 %.2f ms p99 %.2f ms\n",
      label, f.pages, f.seconds, static_cast<double>(f.pages) / f.seconds, static_cast<double>(f.orders) / f.seconds,
      f.bytes / f.seconds / 1e6, pct(0.5), pct(0.99));
  // Pages per CPU-second of the sandbox process = its capacity on one core, independent of how busy
  // the machine (or the client) is.
  std::printf("%-6s sandbox CPU %.2fs -> %.0f pages per CPU-second (one core), %.2f ms CPU per page\n", label,
              f.server_cpu, f.server_cpu > 0 ? static_cast<double>(f.pages) / f.server_cpu : 0.0,
              f.pages > 0 ? f.server_cpu * 1000.0 / static_cast<double>(f.pages) : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  const std::string orders = argc > 2 ? argv[2] : "5000";
  try {
    SandboxProcess sb({"--app", "bench_key:bench_secret", "--shops", "1", "--orders", orders, "--products", "50",
                       "--threads", "1", "--rate-limit", "1000000/s"});
    for (const bool https : {false, true}) {
      TtsClient c(https ? sb.https_base() : sb.http_base(), sb.ca_file(), "bench_key", "bench_secret");
      const auto shops = c.admin("GET", "/_sandbox/shops");
      const auto& shop = shops.as_object().at("shops").as_array().at(0).as_object();
      c.shop_cipher = std::string(shop.at("cipher").as_string());
      const auto token = c.admin("POST", "/_sandbox/tokens", json::object{{"app_key", "bench_key"}});
      c.access_token = std::string(token.as_object().at("access_token").as_string());
      c.sync_clock();
      run(c, 0.3, sb.pid());  // warm-up: connection, TLS handshake, caches
      print(https ? "https" : "http", run(c, seconds, sb.pid()));
    }
    std::printf("(orders per shop: %s; page_size 100; one keep-alive connection; sandbox --threads 1)\n",
                orders.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench failed: %s\n", e.what());
    return 1;
  }
}
