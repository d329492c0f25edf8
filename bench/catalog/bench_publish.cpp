// catalog.publish benchmark against tts-sandbox on loopback (prints figures; asserts nothing): N products
// (default 1,000, two SKUs each) listed through the plugin's C ABI at the default 50 requests/s per API,
// with the sandbox enforcing the same quota (a 429 past it). Prints the total time against the minimum
// the rate limit allows (the busiest API's calls / 50 per second), the calls per API, the 429s, and the
// CPU per product in this process (the plugin) and in the sandbox, with the machine's load average.
// Usage: bench_catalog_publish [products=1000]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "catalog_env.hpp"
#include "../bench_machine.hpp"

using ocean::bench::load_average;
using ocean::bench::process_cpu_seconds;

namespace {
using namespace catalog_test;

double self_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The quota key of a path, as the rate limiter keys it: numeric segments (ids) collapse to {id}.
std::string api_of(const std::string& path) {
  std::string out, segment;
  std::istringstream in(path);
  while (std::getline(in, segment, '/')) {
    if (segment.empty()) continue;
    const bool id = segment.size() > 6 && segment.find_first_not_of("0123456789") == std::string::npos;
    out += "/" + (id ? std::string("{id}") : segment);
  }
  return out;
}

json::object product(const std::string& wh, const std::string& image, int i) {
  auto sku = [&](const std::string& colour, const std::string& price) {
    return json::object{{"erp_sku", "BENCH-" + std::to_string(i) + "-" + colour},
                        {"price", price},
                        {"stock", json::array{json::object{{"warehouse_id", wh}, {"quantity", i % 100}}}},
                        {"options", json::array{json::object{{"name", "Color"}, {"value", colour}}}}};
  };
  return json::object{
      {"erp_product_id", "BENCH-P" + std::to_string(i)},
      {"title", "Ocean ceramic mug bench number " + std::to_string(i)},
      {"description", "<p>Ceramic mug, dishwasher safe.</p>"},
      {"category_id", "900003"},
      {"images", json::array{image}},
      {"attributes", json::array{json::object{{"id", "100001"}, {"values", json::array{"1000011"}}}}},
      {"package", json::object{{"weight_kg", "0.4"}, {"length_cm", 12}, {"width_cm", 10}, {"height_cm", 11}}},
      {"skus", json::array{sku("BLUE", std::to_string(10 + i % 50) + ".25"), sku("RED", "13.00")}}};
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  try {
    auto& env = OpsEnv::get();
    json::object f = all_ops_features(false);
    f["product_catalog"] = true;
    f["logistics"] = true;
    ocean_instance* inst = env.account("bench", f);
    const std::string wh = [&] {
      const auto w = env.ok(inst, "logistics.warehouses", json::object{});
      for (const auto& x : w.at("warehouses").as_array())
        if (str(x, "type") == "SALES_WAREHOUSE") return str(x, "id");
      throw std::runtime_error("no sales warehouse");
    }();
    const std::string image = png_file(env, "bench");
    json::array products;
    for (int i = 0; i < n; ++i) products.push_back(product(wh, image, i));
    std::printf("== catalog.publish of %d products (2 SKUs each), 50 requests/s per API (plugin and sandbox) ==\n", n);
    std::printf("load average before: %s (cores: %ld)\n", load_average().c_str(), ::sysconf(_SC_NPROCESSORS_ONLN));
    const auto seq = env.last_seq();
    const double cpu0 = self_cpu_seconds();
    const double sb0 = process_cpu_seconds(env.sb.pid());
    const auto t0 = std::chrono::steady_clock::now();
    const auto done = env.ok(inst, "catalog.publish", json::object{{"products", products}});
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = self_cpu_seconds() - cpu0;
    const double sb = process_cpu_seconds(env.sb.pid()) - sb0;
    std::map<std::string, int> per_api;
    int total = 0, throttled = 0, busiest = 0;
    for (const auto& e : env.api_calls_since(seq)) {
      ++total;
      throttled += e.at("http_status") == 429 ? 1 : 0;
      busiest = std::max(busiest, ++per_api[str(e, "method") + " " + api_of(str(e, "path"))]);
    }
    std::printf("listed %lld, failed %lld in %.2f s\n",
                static_cast<long long>(done.at("counts").at("listed").as_int64()),
                static_cast<long long>(done.at("counts").at("failed").as_int64()), secs);
    std::printf("API calls: %d in all; the busiest API had %d; minimum the rate limit allows: %.2f s (%d / 50 per s)\n",
                total, busiest, busiest / 50.0, busiest);
    std::printf("total time / minimum: %.2f\n", secs / (busiest / 50.0));
    std::printf("429 answers: %d\n", throttled);
    for (const auto& [api, count] : per_api) std::printf("  %-48s %d\n", api.c_str(), count);
    std::printf("CPU per product: plugin (this process) %.2f ms, sandbox %.2f ms\n", cpu * 1000.0 / n, sb * 1000.0 / n);
    std::printf("load average after: %s\n", load_average().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_catalog_publish: %s\n", e.what());
    return 1;
  }
  return 0;
}
