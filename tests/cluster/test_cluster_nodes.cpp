// erp-host serve processes as the nodes of a cluster on one PostgreSQL database, with the serve
// probe plugin (it counts each account's ticks in the node's own data_dir): accounts spread
// evenly, only the lease holder ticks, a kill -9 or a SIGSTOP past the lease moves the node's
// accounts within the promised 30 s, and `erp-host cluster` shows it all without the password.
#include <catch2/catch.hpp>

#include "cluster_env.hpp"
#include "support/http_client.hpp"

#include <signal.h>

using namespace cluster_test;
using serve_test::slurp;

namespace {
json::array probe_accounts(int n) {
  json::array out;
  for (int i = 0; i < n; ++i)
    out.push_back(json::object{{"id", (i < 10 ? "acct-0" : "acct-") + std::to_string(i)}, {"plugin", "serveprobe"}});
  return out;
}

ClusterEnv probe_cluster(int accounts, int lease_seconds = 6, int renew_seconds = 2) {
  return ClusterEnv(probe_accounts(accounts), lease_seconds, renew_seconds, OCEAN_SERVE_PROBE_DIR,
                    OCEAN_SERVE_MANIFEST_DIR);
}

// The probe's tick count for `account` on `node` (0 before its first tick there). The probe
// rewrites the file on every tick, so a read can catch it empty: read again then.
long ticks(ClusterEnv& env, const std::string& node, const std::string& account) {
  const fs::path file = env.dir / node / "data" / account / "ticks";
  for (int i = 0; i < 50 && fs::exists(file); ++i) {
    const std::string text = slurp(file);
    if (!text.empty() && text.find(' ') != std::string::npos) return std::stol(text.substr(0, text.find(' ')));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return 0;
}

bool even(const std::map<std::string, int>& shares, const std::map<std::string, int>& wanted) {
  return shares == wanted;
}
}  // namespace

TEST_CASE("three nodes share twelve accounts 4-4-4 and only each account's lease holder ticks it") {
  ClusterEnv env = probe_cluster(12);
  std::map<std::string, std::string> urls;
  for (const char* n : {"n1", "n2", "n3"}) urls[n] = env.start(n).wait_listening();
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 4}, {"n2", 4}, {"n3", 4}}); }));

  // Each node's /metrics says what it holds.
  ocean::testing::HttpClient http;
  REQUIRE(eventually(10, [&] {
    return http.request("GET", urls["n2"] + "/metrics").body.find("ocean_cluster_leases_held{node=\"n2\"} 4") !=
           std::string::npos;
  }));
  const std::string metrics = http.request("GET", urls["n2"] + "/metrics").body;
  CHECK(metrics.find("ocean_cluster_lease_changes_total{node=\"n2\",change=\"taken\"}") != std::string::npos);
  CHECK(metrics.find("ocean_cluster_lease_round_failures_total{node=\"n2\"} 0") != std::string::npos);

  const auto owners = env.owners();
  std::map<std::string, std::map<std::string, long>> before;
  for (const auto& [account, owner] : owners)
    for (const char* n : {"n1", "n2", "n3"}) before[account][n] = ticks(env, n, account);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  REQUIRE(env.owners() == owners);  // no change of owner while we looked
  for (const auto& [account, owner] : owners) {
    INFO(account << " owned by " << owner);
    for (const char* n : {"n1", "n2", "n3"}) {
      const long delta = ticks(env, n, account) - before[account][n];
      if (n == owner)
        CHECK(delta >= 2);
      else
        CHECK(delta == 0);
    }
  }

  const json::object c = env.cluster();
  CHECK(c.at("nodes").as_array().size() == 3);
  for (const auto& n : c.at("nodes").as_array()) {
    CHECK(n.at("alive") == true);
    CHECK(n.at("accounts").as_array().size() == 4);
    CHECK(n.at("heartbeat_age_seconds").to_number<double>() < 6);
  }
  for (const char* n : {"n1", "n2", "n3"}) CHECK(env.node(n).stop() == 0);
}

TEST_CASE("kill -9 of a node: its accounts are taken by the others within 30 s with their fences raised") {
  ClusterEnv env = probe_cluster(12);
  for (const char* n : {"n1", "n2", "n3"}) env.start(n).wait_listening();
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 4}, {"n2", 4}, {"n3", 4}}); }));
  std::map<std::string, std::int64_t> fence_before;
  const json::object at_start = env.cluster();  // held: the loop walks into it
  for (const auto& a : at_start.at("accounts").as_array())
    fence_before[std::string(a.at("id").as_string())] = a.at("fence").as_int64();
  std::vector<std::string> victims;
  for (const auto& [account, owner] : env.owners())
    if (owner == "n2") victims.push_back(account);

  const auto killed_at = std::chrono::steady_clock::now();
  REQUIRE(kill(env.node("n2").pid(), SIGKILL) == 0);
  REQUIRE(eventually(40, [&] { return even(env.shares(), {{"n1", 6}, {"n3", 6}}); }));
  const double moved_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
  CHECK(moved_s < 30);
  WARN("accounts of the killed node owned elsewhere after " << moved_s << " s (lease 6 s, renew 2 s)");

  const json::object c = env.cluster();
  for (const auto& a : c.at("accounts").as_array()) {
    const std::string id(a.at("id").as_string());
    if (std::find(victims.begin(), victims.end(), id) == victims.end()) continue;
    CHECK(a.at("fence").as_int64() > fence_before.at(id));
    CHECK(a.at("owner") != "n2");
  }
  bool n2_dead = false;
  for (const auto& n : c.at("nodes").as_array())
    if (n.at("id") == "n2") n2_dead = n.at("alive") == false;
  CHECK(n2_dead);  // killed: no clean leave, its row stays until it goes stale
  // The new owners tick the victims' accounts.
  REQUIRE(eventually(10, [&] {
    for (const auto& v : victims)
      if (ticks(env, "n1", v) + ticks(env, "n3", v) == 0) return false;
    return true;
  }));
  for (const char* n : {"n1", "n3"}) CHECK(env.node(n).stop() == 0);
}

TEST_CASE(
    "a node paused past its lease (SIGSTOP) loses its accounts, and after SIGCONT says so and ticks none of them") {
  ClusterEnv env = probe_cluster(6);
  for (const char* n : {"n1", "n2"}) env.start(n).wait_listening();
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 3}, {"n2", 3}}); }));
  std::vector<std::string> paused_accounts;
  for (const auto& [account, owner] : env.owners())
    if (owner == "n2") paused_accounts.push_back(account);

  REQUIRE(kill(env.node("n2").pid(), SIGSTOP) == 0);
  REQUIRE(eventually(40, [&] { return even(env.shares(), {{"n1", 6}}); }));
  std::map<std::string, long> n2_ticks;
  for (const auto& a : paused_accounts) n2_ticks[a] = ticks(env, "n2", a);
  REQUIRE(kill(env.node("n2").pid(), SIGCONT) == 0);

  // Awake, n2 finds its leases gone at its next renewal and logs it.
  REQUIRE(eventually(20, [&] { return env.node("n2").stderr_text().find("[cluster] lost ") != std::string::npos; }));
  // It rejoins the spread later; until it takes an account again it never ticks it.
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 3}, {"n2", 3}}); }));
  const auto owners = env.owners();
  for (const auto& a : paused_accounts)
    if (owners.at(a) == "n1") CHECK(ticks(env, "n2", a) == n2_ticks[a]);
  for (const char* n : {"n1", "n2"}) CHECK(env.node(n).stop() == 0);
}

TEST_CASE("two nodes started together on a fresh database create the cluster schema once") {
  ClusterEnv env = probe_cluster(4);
  env.start("n1");
  env.start("n2");
  env.node("n1").wait_listening();
  env.node("n2").wait_listening();
  const std::string logs = env.node("n1").stderr_text() + env.node("n2").stderr_text();
  std::size_t created = 0;
  for (auto at = logs.find("created the cluster schema"); at != std::string::npos;
       at = logs.find("created the cluster schema", at + 1))
    ++created;
  CHECK(created == 1);
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 2}, {"n2", 2}}); }));

  // A third process claiming a live node's id is refused (exit 3) and changes nothing.
  const Run again = env.host({"serve", "--node-id", "n1", "--duration", "5"}, "n1-again");
  CHECK(again.code == 3);
  CHECK(again.err.find("node id n1 is in use by a live node") != std::string::npos);
  CHECK(env.shares() == std::map<std::string, int>{{"n1", 2}, {"n2", 2}});
  for (const char* n : {"n1", "n2"}) CHECK(env.node(n).stop() == 0);
}

TEST_CASE("erp-host cluster and accounts show the store with its password masked") {
  ClusterEnv env = probe_cluster(2, 15, 3);
  const std::string password = env.conninfo.substr(env.conninfo.find("password=") + 9, 32);
  REQUIRE(password.size() == 32);
  Run r = env.host({"--json", "cluster"});  // before any node: no schema yet
  CHECK(r.code == 0);
  CHECK(r.out.find(password) == std::string::npos);
  CHECK(r.out.find("password=***") != std::string::npos);
  CHECK(json::parse(r.out).at("note").as_string().starts_with("no node has joined yet"));

  env.start("n1", {"--json"}).wait_listening();
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 2}}); }));
  r = env.host({"cluster"});
  CHECK(r.code == 0);
  CHECK(r.out.find("n1") != std::string::npos);
  CHECK(r.out.find(password) == std::string::npos);
  r = env.host({"--json", "accounts"});
  CHECK(r.code == 0);
  CHECK(json::parse(r.out).at("store").at("postgresql").as_string().find("password=***") != std::string::npos);
  CHECK(env.node("n1").stop() == 0);
  for (const auto* text : {&r.out, &r.err}) CHECK(text->find(password) == std::string::npos);
  const std::string serve_out = env.node("n1").stdout_text() + env.node("n1").stderr_text();
  CHECK(serve_out.find(password) == std::string::npos);
  const std::string report = env.node("n1").stdout_text();
  CHECK(json::parse(report.substr(report.rfind("\n{") + 1)).at("node") == "n1");

  // A database that cannot be reached: exit 3 naming the field, the password masked.
  env.base["store"] = json::object{
      {"postgresql", "host=127.0.0.1 port=1 user=ocean password=" + password + " dbname=ocean connect_timeout=2"}};
  r = env.host({"serve", "--node-id", "n9", "--duration", "2"}, "n9");
  CHECK(r.code == 3);
  CHECK(r.err.find("/store/postgresql") != std::string::npos);
  CHECK(r.err.find(password) == std::string::npos);
}

TEST_CASE("a node whose database connection is cut logs it, reconnects and keeps its accounts") {
  ClusterEnv env = probe_cluster(2);
  env.start("n1").wait_listening();
  REQUIRE(eventually(30, [&] { return even(env.shares(), {{"n1", 2}}); }));
  ocean::pg::Connection db(env.conninfo);
  db.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'erp-host cluster' AND "
      "datname = current_database()");
  REQUIRE(eventually(20, [&] { return env.node("n1").stderr_text().find("lease round failed") != std::string::npos; }));
  REQUIRE(eventually(
      20, [&] { return env.node("n1").stderr_text().find("lease rounds succeed again") != std::string::npos; }));
  CHECK(env.shares() == std::map<std::string, int>{{"n1", 2}});
  CHECK(env.node("n1").stop() == 0);

  // Without a PostgreSQL store there is no cluster to name a node in.
  env.base.erase("store");
  env.base.erase("cluster");
  const Run r = env.host({"serve", "--node-id", "n2", "--duration", "1"}, "plain");
  CHECK(r.code == 2);
  CHECK(r.err.find("--node-id applies only to a config with a PostgreSQL store") != std::string::npos);
}
