// The lease manager against a real PostgreSQL server, each node's rounds driven by hand (no renew
// thread), so every step of acquisition, rebalance and take-over is seen in order.
#include <catch2/catch.hpp>

#include "cluster/cluster_schema.hpp"
#include "cluster/fair_share.hpp"
#include "cluster/lease_manager.hpp"
#include "exit_codes.hpp"
#include "support/pg_server.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace erp_host::cluster;

namespace {
std::vector<std::string> accounts(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back((i < 10 ? "acct-0" : "acct-") + std::to_string(i));
  return out;
}

struct Node {
  std::vector<std::string> log;
  std::unique_ptr<LeaseManager> manager;

  Node(const std::string& conninfo, const std::string& id, int account_count, int lease_seconds = 2) {
    NodeOptions o;
    o.conninfo = conninfo;
    o.node_id = id;
    o.accounts = accounts(account_count);
    o.timing = {lease_seconds, 1};
    o.renew_thread = false;
    o.take_at_join = true;
    manager = std::make_unique<LeaseManager>(o, [this](std::int32_t, const std::string& m) { log.push_back(m); });
    manager->join();
  }
  std::size_t owned() const { return manager->owned().size(); }
  bool logged(const std::string& part) const {
    for (const auto& l : log)
      if (l.find(part) != std::string::npos) return true;
    return false;
  }
};

// account -> (owner, fence) as the table says.
std::map<std::string, std::pair<std::string, std::int64_t>> table(ocean::pg::Connection& c) {
  std::map<std::string, std::pair<std::string, std::int64_t>> out;
  const auto r = c.exec("SELECT account_id, coalesce(owner_node, ''), fence FROM ocean_cluster.account_leases");
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = {r.text(i, 1), r.int64(i, 2)};
  return out;
}
}  // namespace

TEST_CASE("fair share: the accounts split evenly, the remainder to the first nodes by id") {
  CHECK(fair_share(12, {"b", "a", "c"}, "a") == 4);
  CHECK(fair_share(10, {"b", "a", "c"}, "a") == 4);
  CHECK(fair_share(10, {"b", "a", "c"}, "b") == 3);
  CHECK(fair_share(10, {"b", "a", "c"}, "c") == 3);
  CHECK(fair_share(5, {}, "solo") == 5);  // its own heartbeat not seen yet: it still counts
  CHECK(fair_share(2, {"a", "b", "c"}, "c") == 0);
}

TEST_CASE("a lone node takes every account, a second and a third take their share from it") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  ocean::pg::Connection check(db);
  Node a(db, "node-a", 12);
  CHECK(a.owned() == 12);
  CHECK(a.logged("created the cluster schema"));
  for (const auto& [id, lease] : table(check)) CHECK(lease == std::make_pair(std::string("node-a"), std::int64_t{1}));

  Node b(db, "node-b", 12);
  CHECK(b.owned() == 0);  // nothing free yet
  CHECK_FALSE(b.logged("created the cluster schema"));
  a.manager->round();  // gives up what is above its share
  CHECK(a.owned() == 6);
  CHECK(a.logged("to rebalance"));
  b.manager->round();
  CHECK(b.owned() == 6);

  Node c(db, "node-c", 12);
  a.manager->round();
  b.manager->round();
  c.manager->round();
  CHECK(a.owned() == 4);
  CHECK(b.owned() == 4);
  CHECK(c.owned() == 4);
  std::map<std::string, int> per_owner;
  for (const auto& [id, lease] : table(check)) {
    ++per_owner[lease.first];
    CHECK(lease.second % 2 == 1);  // taken (+1), and given up and taken again (+2 each time)
  }
  CHECK(per_owner == std::map<std::string, int>{{"node-a", 4}, {"node-b", 4}, {"node-c", 4}});
  for (const auto& id : accounts(12)) {  // exactly one node may tick each account
    const int holders = (a.manager->hold(id) ? 1 : 0) + (b.manager->hold(id) ? 1 : 0) + (c.manager->hold(id) ? 1 : 0);
    CHECK(holders == 1);
  }
}

TEST_CASE("a node that stops renewing loses its accounts to the live ones with the fence incremented") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  ocean::pg::Connection check(db);
  Node a(db, "node-a", 6), b(db, "node-b", 6);
  a.manager->round();
  b.manager->round();
  REQUIRE(a.owned() == 3);
  REQUIRE(b.owned() == 3);
  const auto before = table(check);
  const auto b_leases = b.manager->owned();

  // node-b "pauses": no round for longer than the lease; node-a keeps renewing.
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    a.manager->round();
  }
  CHECK(a.owned() == 6);
  const auto after = table(check);
  for (const auto& [id, fence] : b_leases) {
    CHECK(after.at(id).first == "node-a");
    CHECK(after.at(id).second == before.at(id).second + 1);
    CHECK_FALSE(b.manager->hold(id));  // its own lease ran out locally too: it stopped ticking
  }

  // node-b wakes: its renewal finds the leases gone, it says so and holds nothing it lost.
  b.manager->round();
  CHECK(b.logged("lost "));
  CHECK(b.manager->counts().lost == 3);
  for (const auto& [id, fence] : b_leases) CHECK_FALSE(b.manager->hold(id));
  a.manager->round();  // it is alive again: the accounts spread back
  b.manager->round();
  CHECK(a.owned() == 3);
  CHECK(b.owned() == 3);
}

TEST_CASE("a held account (a tick running) is not given up to a joining node until released") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  Node a(db, "node-a", 2, 30);
  REQUIRE(a.owned() == 2);
  auto busy = a.manager->hold("acct-01");
  REQUIRE(busy);
  Node b(db, "node-b", 2, 30);
  a.manager->round();
  CHECK(a.manager->owned().count("acct-01") == 1);  // kept: its tick is running
  CHECK(a.manager->owned().count("acct-00") == 0);
  b.manager->round();
  CHECK(b.manager->owned().count("acct-00") == 1);
}

TEST_CASE("a node that leaves gives its leases up at once and removes its heartbeat") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  ocean::pg::Connection check(db);
  Node a(db, "node-a", 4, 30), b(db, "node-b", 4, 30);
  a.manager->round();
  b.manager->round();
  REQUIRE(b.owned() == 2);
  b.manager->leave();
  CHECK(check.exec("SELECT 1 FROM ocean_cluster.nodes WHERE node_id = 'node-b'").rows() == 0);
  a.manager->round();  // no waiting for the 30 s lease
  CHECK(a.owned() == 4);
}

TEST_CASE("two nodes starting together create the cluster schema once") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  std::atomic<int> created{0};
  std::vector<std::thread> nodes;
  for (int i = 0; i < 4; ++i)
    nodes.emplace_back([&, i] {
      ocean::pg::Connection c(db);
      if (ensure_cluster_schema(c, "node-" + std::to_string(i))) ++created;
    });
  for (auto& t : nodes) t.join();
  CHECK(created == 1);
  ocean::pg::Connection check(db);
  CHECK(check.exec("SELECT count(*) FROM ocean_cluster.schema_version").int64(0, 0) == 1);
  CHECK_FALSE(ensure_cluster_schema(check, "late"));
}

TEST_CASE("a node id in use by a live node is refused") {
  const std::string db = ocean::testing::PgServer::shared().fresh_database();
  Node a(db, "node-a", 1, 30);
  try {
    Node again(db, "node-a", 1, 30);
    FAIL("a second node-a joined");
  } catch (const erp_host::HostError& e) {
    CHECK(std::string(e.what()).find("node id node-a is in use") != std::string::npos);
  }
}
