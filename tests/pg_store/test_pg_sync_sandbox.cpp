// The whole account on PostgreSQL against tts-sandbox over HTTPS: the account store (sealed tokens)
// and the mirror in one schema, a full then incremental sync equal to the sandbox's truth, signed
// webhooks stored once and applied, stock pushed through the outbox, and the mirror's capabilities
// answering from the shared store.
#include <catch2/catch.hpp>

#include "ocean_common/tts_sign.hpp"
#include "pg_server.hpp"
#include "store/fence.hpp"
#include "sync_fixture.hpp"

namespace {

json::object pg_store_config(const std::string& conninfo) {
  return json::object{{"store", json::object{{"postgresql", conninfo}, {"schema", "acct_itest"}}}};
}

ocean::tiktok::store::PgLocation pg_of(SyncRig& rig) { return *rig.sa.account().store_location().pg; }

}  // namespace

TEST_CASE("PostgreSQL store: a full then incremental sync equal the sandbox's truth exactly") {
  SyncRig rig({"--shops", "1", "--orders", "260", "--products", "20", "--seed", "21"},
              pg_store_config(ocean::testing::PgServer::shared().fresh_database()));
  REQUIRE(rig.sa.account().store()->database().dialect() == ocean::tiktok::db::Dialect::postgresql);
  rig.settings.pg = pg_of(rig);
  rig.rebuild();
  json::value first;
  auto truth = rig.stable([&] { first = rig.call("sync.run", {{"kinds", json::array{"products", "orders"}}}); });
  INFO(json::serialize(first));
  require_orders_equal_truth(rig.svc->store(), truth);
  require_products_equal_truth(rig.svc->store(), truth);
  CHECK(rig.svc->store().order_count() == 260);

  rig.sa.advance_both(6 * 3600);
  rig.sa.admin("POST", "/_sandbox/orders", {{"shop_id", rig.shop_id}, {"count", 5}});
  json::value second;
  truth = rig.stable([&] { second = rig.call("sync.run", {{"kinds", json::array{"orders", "products"}}}); });
  INFO(json::serialize(second));
  require_orders_equal_truth(rig.svc->store(), truth);
  CHECK(second.at("runs").at(0).at("inserted").as_int64() == 5);
  CHECK(rig.events("order.imported") == 5);

  // After a restart (a new connection, an already migrated schema) the cursor carries on.
  rig.rebuild();
  json::value third;
  truth = rig.stable([&] { third = rig.call("sync.run", {{"kinds", json::array{"orders"}}}); });
  require_orders_equal_truth(rig.svc->store(), truth);
  CHECK(third.at("runs").at(0).at("inserted").as_int64() == 0);
  const auto status = rig.call("sync.status");
  CHECK(status.at("kinds").at("orders").at("full_done") == true);
  CHECK(status.at("orders").as_int64() == 265);
}

TEST_CASE("PostgreSQL store: a webhook is stored once across two instances and applied by the tick") {
  SyncRig rig({"--shops", "1", "--orders", "30", "--products", "5", "--seed", "4"},
              pg_store_config(ocean::testing::PgServer::shared().fresh_database()));
  rig.settings.pg = pg_of(rig);
  rig.rebuild();
  rig.call("sync.run", {{"kinds", json::array{"orders"}}});
  const auto page = rig.call("orders.search", {{"limit", 1}});
  const std::string order_id(page.at("orders").at(0).at("external_id").as_string());
  const std::string body = "{\"type\":1,\"tts_notification_id\":\"pg-n-1\",\"shop_id\":\"" + rig.shop_id +
                           "\",\"timestamp\":1,\"data\":{\"order_id\":\"" + order_id +
                           "\",\"order_status\":\"AWAITING_SHIPMENT\",\"update_time\":1}}";
  const std::string headers = "Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n";
  // A second instance of the same account (another node) takes the same delivery.
  ocean::tiktok::mirror::Mirror other(
      rig.settings, *rig.sa.account().api(), [&] { return rig.sa.account().accounts()->shop_cipher(); }, rig.sa.host());
  CHECK(rig.svc->intake(headers, body, 1).http_status == 200);
  CHECK(other.intake(headers, body, 2).http_status == 200);  // a duplicate is acknowledged, not stored
  CHECK(rig.svc->store().inbox_count("") == 1);
  rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(rig.svc->store().inbox_count("pending") == 0);
  CHECK(other.store().inbox_count("applied") + other.store().inbox_count("ignored") == 1);
}

TEST_CASE("PostgreSQL store: a stock level goes out through the outbox and its push is recorded") {
  SyncRig rig({"--shops", "1", "--orders", "5", "--products", "4", "--seed", "9"},
              pg_store_config(ocean::testing::PgServer::shared().fresh_database()));
  rig.settings.pg = pg_of(rig);
  rig.rebuild();
  rig.call("sync.run", {{"kinds", json::array{"products"}}});
  ocean::tiktok::store::ListQuery q;
  q.limit = 1;
  const auto stored = rig.svc->store().products(q);
  REQUIRE(stored.size() == 1);
  const auto product = ocean::tiktok::model::parse_product(json::parse(stored[0].raw_json));
  const auto& sku = product.skus.at(0);
  REQUIRE_FALSE(sku.stock.empty());
  const std::string warehouse = sku.stock.begin()->first;
  const auto r = rig.call(
      "inventory.update",
      {{"items",
        json::array{json::object{{"sku_id", sku.id}, {"warehouse_id", warehouse}, {"on_hand", 17}, {"reserved", 2}}}}});
  INFO(json::serialize(r));
  CHECK(r.at("levels").at(0).at("available") == 15);
  CHECK(r.at("levels").at(0).at("push_status") == "pushed");
  const auto levels = rig.svc->store().stock_levels(sku.id);
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].push_status == "pushed");
  CHECK(levels[0].pushed_at_ms > 0);
  CHECK(rig.svc->store().outbox_history(sku.id, warehouse, 5).at(0).state == "sent");
}

TEST_CASE("PostgreSQL store on a cluster: the mirror's sync lease expires after a minute, not fifteen") {
  json::object config = pg_store_config(ocean::testing::PgServer::shared().fresh_database());
  config["store"].as_object()["lease"] = json::object{{"account", "acct-itest"}, {"node", "node-a"}};
  SyncRig rig({"--shops", "1", "--orders", "3", "--products", "2", "--seed", "2"}, config);
  const auto mirror = ocean::tiktok::mirror::make_mirror(rig.sa.account(), rig.sa.host(), "acct-itest");
  CHECK(mirror->settings().lease_ms == ocean::tiktok::mirror::kClusterSyncLeaseMs);
  CHECK(mirror->settings().pg.has_value());
  SyncRig single({"--shops", "1", "--orders", "3", "--products", "2", "--seed", "2"},
                 pg_store_config(ocean::testing::PgServer::shared().fresh_database()));
  const auto alone = ocean::tiktok::mirror::make_mirror(single.sa.account(), single.sa.host(), "acct-itest");
  CHECK(alone->settings().lease_ms == 15 * 60 * 1000);  // one host: the pid check sees a killed holder
}
