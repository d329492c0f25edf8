// The plugin module through the C ABI on a PostgreSQL store with a cluster lease: the tick does
// background work only on the node that holds the account's lease, and counts the ticks it skipped.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "ocean_common/pg.hpp"
#include "pg_server.hpp"
#include "plugin_module.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace json = boost::json;

namespace {

std::int64_t metric(const json::value& metrics, const std::string& name) {
  std::int64_t total = 0;
  for (const auto& f : metrics.at("families").as_array())
    if (f.at("name").as_string() == name)
      for (const auto& s : f.at("samples").as_array()) total += s.at("value").as_int64();
  return total;
}

}  // namespace

TEST_CASE("tick on a cluster: background work only while this node holds the account's lease") {
  const std::string conninfo = ocean::testing::PgServer::shared().fresh_database();
  ocean::pg::Connection admin(conninfo);
  admin.exec(
      "CREATE SCHEMA ocean_cluster; CREATE TABLE ocean_cluster.account_leases (account_id text primary key, "
      "owner_node text, fence bigint not null, expires_at timestamptz not null); INSERT INTO "
      "ocean_cluster.account_leases VALUES ('acct-1', 'node-b', 4, now() + interval '30 seconds')");
  PluginModule m;
  TempDir dir("pg-module-lease");
  TestHost host(dir.path().string());
  host.set_secret("store_key", "store-key-for-tests");
  auto* inst = m.create("acct-1", host.table());
  const json::object config{
      {"app_key", "app-key-1"},
      {"app_secret", "APP-SECRET-VALUE-XYZ"},
      {"region", "GB"},
      {"store", json::object{{"postgresql", conninfo},
                             {"schema", "acct_acct_1"},
                             {"lease", json::object{{"account", "acct-1"}, {"node", "node-a"}}}}}};
  REQUIRE(m.configure(inst, json::serialize(config)) == OCEAN_OK);
  REQUIRE(m.api().start(inst) == OCEAN_OK);
  CHECK(m.api().tick(inst, host.wall_ms()) == OCEAN_OK);  // node-b owns it: nothing to do here
  auto [status, text] = m.invoke(inst, "metrics.read", "{}");
  REQUIRE(status == OCEAN_OK);
  CHECK(metric(json::parse(text), "ocean_ticks_not_owner_total") == 1);
  // The lease comes to this node: the tick runs (and commits nothing the fence refuses).
  admin.exec("UPDATE ocean_cluster.account_leases SET owner_node = 'node-a', fence = 5");
  CHECK(m.api().tick(inst, host.wall_ms()) == OCEAN_OK);
  std::tie(status, text) = m.invoke(inst, "metrics.read", "{}");
  CHECK(metric(json::parse(text), "ocean_ticks_not_owner_total") == 1);
  CHECK(metric(json::parse(text), "ocean_commits_fenced_total") == 0);
  // The schema is the account's: the plugin's tables are there, none in public.
  CHECK(admin.exec("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'acct_acct_1'").int64(0, 0) >
        10);
  CHECK(admin.exec("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'").int64(0, 0) == 0);
  const auto at = conninfo.find("password=") + 9;
  const std::string password = conninfo.substr(at, conninfo.find(' ', at) - at);
  REQUIRE(password.size() >= 8);
  CHECK(host.all_logs().find(password) == std::string::npos);
  m.api().stop(inst);
  m.api().destroy(inst);
}
