// A full order sync through the PostgreSQL store against the same sync through the SQLite store:
// one tts-sandbox, one connected account, one run; each round syncs every order into a fresh store
// (a new SQLite file, a new PostgreSQL schema over TCP on loopback, another over the server's Unix
// socket), alternating backends. Prints orders/s and CPU per
// order for this process (HTTPS, JSON, the store's client side), the sandbox, and the PostgreSQL
// server (postmaster and its backends), with the machine's load. Asserts nothing.
// Usage: bench_pg_store [orders=20000] [rounds=2]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "capability/router.hpp"
#include "mirror/mirror.hpp"
#include "ocean_common/pg.hpp"
#include "sandbox_fixture.hpp"
#include "../bench_machine.hpp"

using ocean::bench::load_average;

namespace {

double self_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime of a process (seconds) and its parent's pid, from /proc/<pid>/stat.
std::pair<double, long> proc_stat(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {0.0, 0};
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  double ticks = 0;
  long ppid = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 4) ppid = std::stol(field);
    if (i == 14 || i == 15) ticks += std::stod(field);
  }
  return {ticks / static_cast<double>(::sysconf(_SC_CLK_TCK)), ppid};
}

// CPU of the PostgreSQL server: the postmaster and every process it started that is still alive.
double server_cpu_seconds(long postmaster) {
  double total = proc_stat(postmaster).first;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto [cpu, ppid] = proc_stat(std::stol(name));
    if (ppid == postmaster) total += cpu;
  }
  return total;
}

std::string shell_line(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  char buffer[512];
  std::string out;
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  return out.substr(0, out.find('\n'));
}

struct PgServerProcess {
  std::string dir, conninfo;
  long postmaster = 0;
  PgServerProcess() {
    char tmpl[] = "/tmp/ocean-bench-pg-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir = tmpl;
    conninfo = shell_line(std::string(OCEAN_SOURCE_DIR) + "/scripts/pg-test-server.sh start '" + dir + "'");
    std::ifstream pid(dir + "/data/postmaster.pid");
    pid >> postmaster;
  }
  std::string socket_conninfo() const {
    const std::string tcp = "host=127.0.0.1";
    const auto at = conninfo.find(tcp);
    if (at == std::string::npos) return conninfo;
    return conninfo.substr(0, at) + "host=" + dir + conninfo.substr(at + tcp.size());
  }
  ~PgServerProcess() {
    const std::string stop = std::string(OCEAN_SOURCE_DIR) + "/scripts/pg-test-server.sh stop '" + dir + "'";
    if (std::system(stop.c_str()) != 0) std::fprintf(stderr, "stopping the PostgreSQL server failed\n");
  }
};

struct Figures {
  double seconds = 0, client = 0, sandbox = 0, server = 0;
  long long orders = 0;
};

Figures full_sync(SandboxAccount& sa, const ocean::tiktok::mirror::MirrorSettings& s, long postmaster) {
  ocean::tiktok::mirror::Mirror svc(
      s, *sa.account().api(), [&sa] { return sa.account().accounts()->shop_cipher(); }, sa.host());
  Figures f;
  const double c0 = self_cpu_seconds(), sb0 = proc_stat(sa.sandbox().pid()).first;
  const double pg0 = postmaster != 0 ? server_cpu_seconds(postmaster) : 0.0;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = json::parse(ocean::tiktok::capability::run_capability(
      ocean::tiktok::capability::Rooms{&sa.account(), &svc, nullptr}, "sync.run", R"({"kinds":["orders"]})"));
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  f.client = self_cpu_seconds() - c0;
  f.sandbox = proc_stat(sa.sandbox().pid()).first - sb0;
  f.server = postmaster != 0 ? server_cpu_seconds(postmaster) - pg0 : 0.0;
  f.orders = r.at("runs").at(0).at("records").as_int64();
  if (svc.store().order_count() != f.orders) throw std::runtime_error("the mirror does not hold every order");
  return f;
}

void print(const char* backend, const Figures& f) {
  const double n = static_cast<double>(f.orders);
  std::printf(
      "%-10s %7lld orders in %6.2f s = %6.0f orders/s | CPU per order (us): plugin %5.0f, sandbox %5.0f, "
      "postgres %5.0f, total %5.0f\n",
      backend, f.orders, f.seconds, n / f.seconds, f.client * 1e6 / n, f.sandbox * 1e6 / n, f.server * 1e6 / n,
      (f.client + f.sandbox + f.server) * 1e6 / n);
}

}  // namespace

int main(int argc, char** argv) {
  const long orders = argc > 1 ? std::atol(argv[1]) : 20000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 2;
  try {
    std::printf("== full order sync, %ld orders, no rate limit: PostgreSQL store vs SQLite store ==\n", orders);
    std::printf("load average before: %s (%ld cores)\n", load_average().c_str(), ::sysconf(_SC_NPROCESSORS_ONLN));
    PgServerProcess pg;
    SandboxAccount sa(
        {"--shops", "1", "--orders", std::to_string(orders), "--products", "20", "--rate-limit", "1000000/s"},
        json::object{{"rate_limit_per_second", 1000000}}, 4, false);
    auto [o, status] = sa.connect();
    if (!o.ok()) throw std::runtime_error("connect failed: " + o.message);
    const std::string shop(status.at("shop").at("id").as_string());
    for (int round = 1; round <= rounds; ++round) {
      ocean::tiktok::mirror::MirrorSettings s;
      s.account_id = "bench";
      s.shop_id = shop;
      s.app_key = kAppKey;
      s.app_secret = kAppSecret;
      s.sync_interval_seconds = 0;
      s.db_path =
          (std::filesystem::path(sa.db_path()).parent_path() / ("bench-" + std::to_string(round) + ".db")).string();
      print("sqlite", full_sync(sa, s, 0));
      s.pg = ocean::tiktok::store::PgLocation{pg.conninfo, "bench_" + std::to_string(round)};
      print("pg tcp", full_sync(sa, s, pg.postmaster));
      // The same server through its Unix socket (host=<socket dir>): no TCP stack per round trip.
      s.pg = ocean::tiktok::store::PgLocation{pg.socket_conninfo(), "bench_unix_" + std::to_string(round)};
      print("pg unix", full_sync(sa, s, pg.postmaster));
    }
    std::printf("load average after: %s\n", load_average().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_pg_store: %s\n", e.what());
    return 1;
  }
  return 0;
}
