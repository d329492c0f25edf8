// Stock push through the outbox against tts-sandbox: the oversell guard, the safety buffer,
// batching per product, retries under injected 5xx faults, newest value wins, outcome per SKU.
#include <catch2/catch.hpp>

#include "sync_fixture.hpp"

namespace {

struct SkuPick {
  std::string product_id, sku_id, seller_sku, warehouse_id;
};

// A product with at least two SKUs (for batching) from the mirror, and a warehouse it stocks.
std::vector<SkuPick> pick_skus(SyncRig& rig) {
  const auto truth = rig.truth();
  for (const auto& p : truth.at("products").as_array()) {
    if (p.at("status") != "ACTIVATE") continue;
    const auto& skus = p.at("skus").as_array();
    if (skus.size() < 2) continue;
    std::vector<SkuPick> out;
    for (const auto& s : skus) {
      out.push_back(SkuPick{std::string(p.at("id").as_string()), std::string(s.at("id").as_string()),
                            std::string(s.at("seller_sku").as_string()),
                            std::string(s.at("inventory").at(0).at("warehouse_id").as_string())});
    }
    return out;
  }
  return {};
}

std::int64_t truth_quantity(SyncRig& rig, const SkuPick& s) {
  const json::object truth = rig.truth();
  for (const auto& p : truth.at("products").as_array()) {
    if (p.at("id").as_string() != s.product_id) continue;
    for (const auto& k : p.at("skus").as_array()) {
      if (k.at("id").as_string() != s.sku_id) continue;
      for (const auto& w : k.at("inventory").as_array())
        if (w.at("warehouse_id").as_string() == s.warehouse_id) return w.at("quantity").as_int64();
    }
  }
  return -1;
}

std::size_t inventory_calls(SyncRig& rig, const std::string& product_id) {
  return rig.sa.requests_to("/product/202309/products/" + product_id + "/inventory/update");
}

}  // namespace

TEST_CASE("inventory.update pushes on_hand - reserved - safety_buffer, never below zero, one call per product") {
  SyncRig rig({"--shops", "1", "--orders", "5", "--products", "20", "--seed", "4"});
  rig.settings.safety_buffer = 2;
  rig.rebuild();
  rig.call("sync.run", {{"kinds", json::array{"products"}}});
  const auto skus = pick_skus(rig);
  REQUIRE(skus.size() >= 2);
  const auto& a = skus[0];
  const auto& b = skus[1];

  const auto r = rig.call(
      "inventory.update",
      {{"items",
        json::array{
            json::object{{"erp_sku", a.seller_sku}, {"warehouse_id", a.warehouse_id}, {"on_hand", 20}, {"reserved", 5}},
            json::object{{"sku_id", b.sku_id}, {"warehouse_id", b.warehouse_id}, {"on_hand", 3}, {"reserved", 4}}}}});
  const auto& levels = r.at("levels").as_array();
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].at("schema") == "stock_level.v1");
  CHECK(levels[0].at("available") == 13);  // 20 - 5 - 2
  CHECK(levels[0].at("push_status") == "pushed");
  CHECK(levels[1].at("available") == 0);  // oversold ERP stock never goes negative
  CHECK(truth_quantity(rig, a) == 13);
  CHECK(truth_quantity(rig, b) == 0);
  CHECK(inventory_calls(rig, a.product_id) == 1);  // both SKUs of the product in one call
  CHECK(rig.events("stock.pushed") == 1);

  // The same figures again: deduplicated, no call.
  rig.call(
      "inventory.update",
      {{"items", json::array{json::object{
                     {"erp_sku", a.seller_sku}, {"warehouse_id", a.warehouse_id}, {"on_hand", 20}, {"reserved", 5}}}}});
  CHECK(inventory_calls(rig, a.product_id) == 1);

  // Bad input: refused whole, clear message, nothing queued.
  using ocean::tiktok::Failure;
  const auto before = rig.svc->store().stock_levels("").size();
  for (const char* bad :
       {R"({"items":[]})", R"({"items":[{"erp_sku":"NOPE","warehouse_id":"w","on_hand":1}]})",
        R"({"items":[{"sku_id":"x"}]})", R"({"items":[{"erp_sku":"A","warehouse_id":"w","on_hand":"1"}]})",
        R"({"items":"all"})", R"({"safety_buffer":-1,"items":[{"erp_sku":"A","warehouse_id":"w","on_hand":1}]})"}) {
    INFO(bad);
    CHECK_THROWS_AS(rig.invoke("inventory.update", bad), Failure);
  }
  CHECK(rig.svc->store().stock_levels("").size() == before);
}

TEST_CASE("under injected 5xx faults the outbox retries from tick and the newest value wins") {
  SyncRig rig({"--shops", "1", "--orders", "5", "--products", "20", "--seed", "6"}, {}, 2);
  rig.call("sync.run", {{"kinds", json::array{"products"}}});
  const auto skus = pick_skus(rig);
  REQUIRE(!skus.empty());
  const auto& a = skus[0];
  rig.sa.admin("POST", "/_sandbox/settings", {{"fault_5xx", 1.0}});
  auto item = [&](std::int64_t on_hand) {
    return json::object{
        {"items", json::array{json::object{
                      {"sku_id", a.sku_id}, {"warehouse_id", a.warehouse_id}, {"on_hand", on_hand}, {"reserved", 0}}}}};
  };
  const auto r1 = rig.call("inventory.update", item(4321));
  CHECK(r1.at("levels").at(0).at("push_status") == "pending");
  CHECK(r1.at("push").at("retrying") == 1);
  CHECK(rig.events("stock.push_failed") == 1);
  // A newer value while the old one waits: the old one is superseded, never sent.
  rig.call("inventory.update", item(1234));
  rig.sa.admin("POST", "/_sandbox/settings", {{"fault_5xx", 0.0}});
  rig.svc->on_tick(rig.sa.host().wall_ms());  // not due yet (backoff)
  CHECK(truth_quantity(rig, a) != 1234);
  rig.sa.advance_both(10 * 60);  // past the backoff (host and sandbox clocks together)
  rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(truth_quantity(rig, a) == 1234);
  const auto st = rig.call("inventory.push_status", {{"sku_id", a.sku_id}});
  const auto& level = st.at("levels").at(0);
  INFO(json::serialize(st));
  CHECK(level.at("push_status") == "pushed");
  CHECK(level.at("available") == 1234);
  const auto& hist = level.at("history").as_array();
  REQUIRE(hist.size() >= 2);
  CHECK(hist[0].at("state") == "sent");
  CHECK(hist[1].at("state") == "superseded");
  CHECK(hist[1].at("quantity") == 4321);
}
