// Cluster benchmarks (issue 16; prints figures, asserts nothing). One PostgreSQL server,
// tts-sandbox with S shops of O orders, one account per shop, three erp-host serve nodes:
//   1. aggregate orders/s of the first full sync of every account across the three nodes, and the
//      nodes' CPU per order;
//   2. time from kill -9 of a node to its accounts owned elsewhere, and to a change made at the
//      kill (a new order in each of its shops, pushed as a webhook to a survivor) in their mirrors;
//   3. webhook intake per second across the nodes (signed ORDER_STATUS_CHANGE deliveries, four
//      clients per node, each stored in the shared inbox once).
// Usage: bench_cluster [shops=30] [orders_per_shop=200] [webhooks=3000]
#include "ocean_common/tts_sign.hpp"
#include "tiktok_cluster.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include "../bench_machine.hpp"

using ocean::bench::load_average;
using ocean::bench::process_cpu_seconds;

using namespace cluster_test;
using Clock = std::chrono::steady_clock;

namespace {
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  return out.substr(0, out.find('\n'));
}

// A PostgreSQL server of its own with room for every node's connections: each account instance
// holds four to six (one per store it opens), so 3 nodes x 30 accounts need up to ~540, past the
// test server's 300. Started with scripts/pg-test-server.sh, then restarted with max_connections=1000;
// the tests' helpers find it through OCEAN_TEST_PG_CONNINFO_FILE.
struct BenchServer {
  std::string dir;
  BenchServer() {
    char tmpl[] = "/tmp/ocean-bench-pg-XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    const std::string script = std::string(OCEAN_SOURCE_DIR) + "/scripts/pg-test-server.sh";
    const std::string conninfo = shell(script + " start " + dir);
    const std::string port = conninfo.substr(conninfo.find("port=") + 5,
                                             conninfo.find(' ', conninfo.find("port=")) - conninfo.find("port=") - 5);
    const std::string as = ::getuid() == 0 ? "runuser -u postgres -- " : "";
    const std::string bin = shell("ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1");
    shell(
        as + bin + "/pg_ctl -D " + dir + "/data -w -t 60 -l " + dir + "/server.log -o '-p " + port +
        " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir +
        " -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' restart > /dev/null");
    const std::string file = dir + ".conninfo";
    std::ofstream(file) << conninfo << "\n";
    ::setenv("OCEAN_TEST_PG_CONNINFO_FILE", file.c_str(), 1);
  }
  ~BenchServer() {
    shell(std::string(OCEAN_SOURCE_DIR) + "/scripts/pg-test-server.sh stop " + dir);
    std::remove((dir + ".conninfo").c_str());
  }
};

std::string shares_text(ClusterEnv& env) {
  std::string out;
  for (const auto& [node, count] : env.shares()) out += (out.empty() ? "" : ", ") + node + " " + std::to_string(count);
  return out;
}

std::int64_t mirrored(ocean::pg::Connection& db, TikTokCluster& tc) {
  std::int64_t n = 0;
  for (const auto& [account, shop] : tc.accounts) {
    std::string schema = "acct_";
    for (const char ch : account) schema.push_back(ch == '-' ? '_' : ch);
    n += db.exec("SELECT count(*) FROM " + ocean::pg::quote_identifier(schema) + ".orders").int64(0, 0);
  }
  return n;
}

// Leases held by some node (0 before the first node created the schema).
std::int64_t owned_leases(ocean::pg::Connection& db) {
  if (db.exec("SELECT to_regclass('ocean_cluster.account_leases') IS NULL").text(0, 0) == "t") return 0;
  return db.exec("SELECT count(*) FROM ocean_cluster.account_leases WHERE owner_node IS NOT NULL").int64(0, 0);
}

double nodes_cpu(ClusterEnv& env) {
  double cpu = 0;
  for (const char* node : {"n1", "n2", "n3"}) cpu += process_cpu_seconds(env.node(node).pid());
  return cpu;
}

// The three nodes start together (they see each other before their first take and split 10/10/10);
// the sync is timed from the first lease taken, when ticking can begin, to the last order mirrored.
void bench_sync(TikTokCluster& tc, ocean::pg::Connection& db, std::int64_t total) {
  ClusterEnv& env = *tc.env;
  const auto t0 = Clock::now();
  for (const char* n : {"n1", "n2", "n3"}) env.start(n);
  while (owned_leases(db) == 0 && since(t0) < 120) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto first_take = Clock::now();
  const double cpu_at_take = nodes_cpu(env);
  while (mirrored(db, tc) < total && since(t0) < 900) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const double s = since(first_take), cpu = nodes_cpu(env) - cpu_at_take;
  std::printf("   first lease taken %.1f s after the nodes were started; shares %s\n",
              std::chrono::duration<double>(first_take - t0).count(), shares_text(env).c_str());
  std::printf(
      "1. full sync, 3 nodes, %zu accounts: %lld orders in %.2f s = %.0f orders/s aggregate; the nodes' CPU meanwhile "
      "%.2f s = %.2f ms per order (load %s)\n",
      tc.accounts.size(), static_cast<long long>(mirrored(db, tc)), s, static_cast<double>(total) / s, cpu,
      cpu * 1000 / static_cast<double>(total), load_average().c_str());
}

void bench_kill(TikTokCluster& tc, ocean::pg::Connection& db, const std::string& survivor_url) {
  ClusterEnv& env = *tc.env;
  std::vector<std::string> victims;
  for (const auto& [account, owner] : env.owners())
    if (owner == "n2") victims.push_back(account);
  tc.webhooks_to(survivor_url);
  const std::int64_t before = mirrored(db, tc);
  const auto t0 = Clock::now();
  ::kill(env.node("n2").pid(), SIGKILL);
  for (const auto& [account, shop] : tc.accounts)
    if (std::find(victims.begin(), victims.end(), account) != victims.end())
      tc.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop}, {"count", 1}});
  double moved = -1, applied = -1;
  while (since(t0) < 120 && (moved < 0 || applied < 0)) {
    if (moved < 0) {
      const auto owners = env.owners();
      bool all = owners.size() == tc.accounts.size();
      for (const auto& v : victims) all = all && owners.count(v) && owners.at(v) != "n2";
      if (all) moved = since(t0);
    }
    if (applied < 0 && mirrored(db, tc) >= before + static_cast<std::int64_t>(victims.size())) applied = since(t0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::printf(
      "2. kill -9 of a node owning %zu accounts (lease %d s, renew %d s): owned elsewhere after %.1f s, "
      "a new order in each of its shops mirrored after %.1f s (load %s)\n",
      victims.size(), env.base.at("cluster").at("lease_seconds").to_number<int>(),
      env.base.at("cluster").at("renew_seconds").to_number<int>(), moved, applied, load_average().c_str());
}

void bench_webhooks(TikTokCluster& tc, const std::vector<std::string>& urls, int total) {
  std::atomic<int> next{0}, accepted{0}, refused{0};
  const auto t0 = Clock::now();
  std::vector<std::thread> clients;
  for (std::size_t c = 0; c < urls.size() * 4; ++c)
    clients.emplace_back([&, c] {
      ocean::testing::HttpClient http;
      for (int i = next++; i < total; i = next++) {
        const auto& [account, shop] = tc.accounts[static_cast<std::size_t>(i) % tc.accounts.size()];
        const std::string body = R"({"type":1,"tts_notification_id":"9)" + std::to_string(100000000 + i) +
                                 R"(","shop_id":")" + shop + R"(","timestamp":1764000000,"data":{"order_id":"5)" +
                                 std::to_string(700000000 + i) +
                                 R"(","order_status":"AWAITING_SHIPMENT","update_time":1764000000}})";
        const auto r = http.request("POST", urls[c % urls.size()] + "/webhooks/" + account, body,
                                    {"Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body)});
        (r.status == 200 ? accepted : refused)++;
      }
    });
  for (auto& t : clients) t.join();
  const double s = since(t0);
  std::printf(
      "3. webhook intake across %zu nodes, %zu clients: %d deliveries (%d accepted, %d refused) in %.1f s = "
      "%.0f webhooks/s (load %s)\n",
      urls.size(), clients.size(), total, accepted.load(), refused.load(), s, total / s, load_average().c_str());
}
}  // namespace

int main(int argc, char** argv) {
  const int shops = argc > 1 ? std::atoi(argv[1]) : 30;
  const int orders = argc > 2 ? std::atoi(argv[2]) : 200;
  const int webhooks = argc > 3 ? std::atoi(argv[3]) : 3000;
  std::printf("bench_cluster: %d shops x %d orders, %ld cores, load %s\n", shops, orders,
              ::sysconf(_SC_NPROCESSORS_ONLN), load_average().c_str());
  BenchServer server;
  const auto t0 = Clock::now();
  TikTokCluster tc(shops, orders, 0, 15, 3);  // the default lease timing
  std::printf("   (%d accounts connected through erp-host in %.1f s)\n", shops, since(t0));
  ocean::pg::Connection db(tc.env->conninfo);
  std::int64_t total = 0;
  for (const auto& [account, shop] : tc.accounts)
    total +=
        static_cast<std::int64_t>(tc.admin("GET", "/_sandbox/truth?shop_id=" + shop).at("orders").as_array().size());
  bench_sync(tc, db, total);
  std::vector<std::string> urls;
  for (const char* n : {"n1", "n3"}) urls.push_back(tc.env->node(n).wait_listening());
  bench_kill(tc, db, urls.front());
  urls.push_back(tc.env->start("n4").wait_listening());  // a third node again: it joins and takes its share
  bench_webhooks(tc, urls, webhooks);
  for (const char* n : {"n1", "n3", "n4"}) tc.env->node(n).stop();
  return 0;
}
