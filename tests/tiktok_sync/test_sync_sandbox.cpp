// First full and incremental syncs against tts-sandbox over HTTPS equal the sandbox's truth;
// backfill by status; capabilities answer neutral schemas from the mirror; auto-sync via tick.
#include <catch2/catch.hpp>

#include "model/time_format.hpp"
#include "sync_fixture.hpp"

TEST_CASE("first full sync, then incremental syncs, equal the sandbox's truth exactly") {
  SyncRig rig({"--shops", "1", "--orders", "450", "--products", "30", "--seed", "11"});
  json::value first;
  auto truth = rig.stable([&] { first = rig.call("sync.run", {{"kinds", json::array{"products", "orders"}}}); });
  INFO("first sync: " << json::serialize(first));
  require_orders_equal_truth(rig.svc->store(), truth);
  require_products_equal_truth(rig.svc->store(), truth);
  const auto& runs = first.at("runs").as_array();
  CHECK(runs.at(1).at("kind") == "orders");
  CHECK(rig.svc->store().order_count() == 450);
  if (runs.at(1).at("records").as_int64() == 450) CHECK(runs.at(1).at("pages").as_int64() == 5);  // page size 100
  CHECK(rig.events("sync.progress") >= 6);
  CHECK(rig.events("sync.finished") == 1);
  CHECK(rig.events("order.imported") == 0);  // the first full sync imports silently; the host reads the mirror

  // Time passes: orders move along their flow; new orders arrive.
  rig.sa.advance_both(6 * 3600);
  rig.sa.admin("POST", "/_sandbox/orders", {{"shop_id", rig.shop_id}, {"count", 7}});
  json::value second;
  truth = rig.stable([&] { second = rig.call("sync.run", {{"kinds", json::array{"orders", "products"}}}); });
  INFO(json::serialize(second));
  require_orders_equal_truth(rig.svc->store(), truth);
  require_products_equal_truth(rig.svc->store(), truth);
  const auto& r2 = second.at("runs").at(0);
  CHECK(r2.at("inserted").as_int64() == 7);
  CHECK(r2.at("records").as_int64() < 457);  // incremental: only what changed since the watermark (plus overlap)
  CHECK(rig.events("order.imported") == 7);
  CHECK(rig.events("order.status_changed") == static_cast<std::size_t>(r2.at("changed").as_int64()));

  // Nothing changed: an incremental sync reads only the overlap window and changes nothing.
  json::value third;
  truth = rig.stable([&] { third = rig.call("sync.run", {{"kinds", json::array{"orders"}}}); });
  require_orders_equal_truth(rig.svc->store(), truth);
  CHECK(third.at("runs").at(0).at("inserted").as_int64() == 0);

  const auto status = rig.call("sync.status");
  CHECK(status.at("kinds").at("orders").at("full_done") == true);
  CHECK(status.at("kinds").at("orders").at("in_progress") == false);
  CHECK(status.at("orders").as_int64() == 457);
  CHECK(!status.at("log").as_array().empty());
}

TEST_CASE("capabilities answer neutral schemas from the mirror, with paging and filters") {
  SyncRig rig({"--shops", "1", "--orders", "120", "--products", "12", "--seed", "5"});
  rig.call("sync.run", {{"kinds", json::array{"products", "orders"}}});
  std::set<std::string> ids;
  json::object req{{"limit", 50}};
  for (;;) {
    const auto page = rig.call("orders.search", req);
    for (const auto& o : page.at("orders").as_array()) {
      CHECK(o.at("schema") == "order.v1");
      CHECK(o.at("marketplace") == "tiktok_shop");
      CHECK(!o.at("lines").as_array().empty());
      CHECK_FALSE(o.as_object().contains("raw"));
      ids.insert(std::string(o.at("external_id").as_string()));
    }
    if (page.at("next_cursor").is_null()) break;
    req["cursor"] = page.at("next_cursor");
  }
  CHECK(ids.size() == 120);

  const auto cancelled = rig.call("orders.search", {{"status", "cancelled"}, {"limit", 100}});
  for (const auto& o : cancelled.at("orders").as_array()) CHECK(o.at("marketplace_status") == "CANCELLED");

  const std::string one = *ids.begin();
  const auto got = rig.call("orders.get", {{"id", one}, {"include_raw", true}});
  CHECK(got.at("order").at("raw").at("id").as_string() == one);
  // quantity = line items of the SKU in the raw object
  std::map<std::string, std::int64_t> units;
  for (const auto& li : got.at("order").at("raw").at("line_items").as_array())
    ++units[std::string(li.at("sku_id").as_string())];
  for (const auto& line : got.at("order").at("lines").as_array()) {
    CHECK(line.at("quantity").as_int64() == units[std::string(line.at("external_sku_id").as_string())]);
    CHECK(line.at("erp_sku").is_string());  // seller SKUs map automatically once products are synced
  }

  const auto products = rig.call("products.search", {{"limit", 100}});
  CHECK(products.at("products").as_array().size() == 12);
  const auto& p0 = products.at("products").at(0);
  CHECK(p0.at("schema") == "product.v1");
  const auto inv = rig.call("inventory.get", {{"product_id", p0.at("external_id")}});
  CHECK(!inv.at("items").as_array().empty());

  using ocean::tiktok::Failure;
  CHECK_THROWS_AS(rig.invoke("orders.get", R"({"id":"does-not-exist"})"), Failure);
  CHECK_THROWS_AS(rig.invoke("orders.search", R"({"limit":0})"), Failure);
  CHECK_THROWS_AS(rig.invoke("orders.search", R"({"status":"lost"})"), Failure);
  CHECK_THROWS_AS(rig.invoke("orders.search", R"({"cursor":"garbage"})"), Failure);
  CHECK_THROWS_AS(rig.invoke("orders.search", "{not json"), Failure);
  CHECK_THROWS_AS(rig.invoke("sync.run", R"({"kinds":["everything"]})"), Failure);
  CHECK_THROWS_AS(rig.invoke("sync.run", R"({"backfill":{"status":"lost"}})"), Failure);
}

TEST_CASE("backfill by status and create-time range fetches exactly those orders") {
  SyncRig rig({"--shops", "1", "--orders", "200", "--products", "5", "--seed", "8"});
  auto truth = rig.truth();
  std::int64_t lo = INT64_MAX, hi = 0;
  for (const auto& o : truth.at("orders").as_array()) {
    lo = std::min(lo, o.at("create_time").as_int64());
    hi = std::max(hi, o.at("create_time").as_int64());
  }
  const std::int64_t mid = lo + (hi - lo) / 2;
  json::value r;
  truth = rig.stable([&] {
    json::object backfill{{"status", "completed"}, {"from", lo}, {"to", ocean::tiktok::model::rfc3339(mid)}};
    r = rig.call("sync.run", {{"kinds", json::array{"orders"}}, {"backfill", backfill}});
  });
  std::size_t expected = 0;
  for (const auto& o : truth.at("orders").as_array()) {
    const bool match =
        o.at("status") == "COMPLETED" && o.at("create_time").as_int64() >= lo && o.at("create_time").as_int64() < mid;
    if (!match) continue;
    ++expected;
    const auto stored = rig.svc->store().order(std::string(o.at("id").as_string()));
    REQUIRE(stored.has_value());
    CHECK(json::parse(stored->raw_json) == o);
  }
  CHECK(expected > 0);
  CHECK(rig.svc->store().order_count() == static_cast<std::int64_t>(expected));
  CHECK(r.at("runs").at(0).at("records").as_int64() == static_cast<std::int64_t>(expected));
}

TEST_CASE("auto-sync runs from tick at the configured interval and never twice at once") {
  SyncRig rig({"--shops", "1", "--orders", "60", "--products", "5", "--seed", "3"});
  rig.settings.sync_interval_seconds = 300;
  rig.rebuild();
  const std::int64_t t0 = rig.sa.host().wall_ms();
  rig.svc->on_tick(t0);
  CHECK(rig.svc->store().order_count() == 60);
  const auto log_after_first = rig.svc->store().recent_runs(100).size();
  rig.svc->on_tick(t0 + 60'000);  // not due yet
  CHECK(rig.svc->store().recent_runs(100).size() == log_after_first);
  rig.sa.admin("POST", "/_sandbox/orders", {{"shop_id", rig.shop_id}, {"count", 3}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // searches exclude the current second
  rig.svc->on_tick(t0 + 301'000);                                // due
  CHECK(rig.svc->store().order_count() == 63);

  // Another process holding the lease (a second host on the same file) blocks a sync cleanly.
  ocean::tiktok::store::CommerceSqliteStore other(rig.sa.db_path());
  REQUIRE(other.acquire_sync_lease("another-process", rig.sa.host().wall_ms(), 60'000));
  try {
    rig.invoke("sync.run", "{}");
    FAIL("a second concurrent sync was allowed");
  } catch (const ocean::tiktok::Failure& f) {
    CHECK(f.status() == ocean::tiktok::Status::retry);
  }
  other.release_sync_lease("another-process");
  CHECK_NOTHROW(rig.invoke("sync.run", "{}"));
}
