// Logistics and fulfillment against tts-sandbox: warehouses, providers per delivery option, ship
// (drop-off, pickup), shipping documents saved as files, tracking events (milliseconds on the
// wire), mark shipped for seller-shipped orders; all answering shipment.v1.
#include <catch2/catch.hpp>

#include <set>

#include <filesystem>
#include <fstream>

#include "ops_env.hpp"

using namespace ops_test;

TEST_CASE("logistics: warehouses and shipping providers per delivery option") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-logistics");
  const auto w = env.ok(inst, "logistics.warehouses", json::object{});
  const auto& warehouses = w.at("warehouses").as_array();
  REQUIRE_FALSE(warehouses.empty());
  std::string sales_warehouse;
  for (const auto& x : warehouses) {
    CHECK_FALSE(str(x, "id").empty());
    if (str(x, "type") == "SALES_WAREHOUSE" && sales_warehouse.empty()) sales_warehouse = str(x, "id");
  }
  REQUIRE_FALSE(sales_warehouse.empty());

  const auto byw = env.ok(inst, "logistics.shipping_providers", json::object{{"warehouse_id", sales_warehouse}});
  CHECK(str(byw, "warehouse_id") == sales_warehouse);
  const auto& options = byw.at("delivery_options").as_array();
  REQUIRE_FALSE(options.empty());
  const auto& first = options.at(0).as_object();
  REQUIRE_FALSE(first.at("shipping_providers").as_array().empty());

  const auto byo = env.ok(inst, "logistics.shipping_providers", json::object{{"delivery_option_id", first.at("id")}});
  CHECK(byo.at("delivery_options").as_array().at(0).at("shipping_providers") == first.at("shipping_providers"));

  CHECK(env.call(inst, "logistics.shipping_providers", json::object{{"delivery_option_id", "999999"}}).status !=
        OCEAN_OK);
}

TEST_CASE("fulfillment: ship by drop-off, documents as files, tracking events in RFC 3339") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-ship");
  const auto order = awaiting_shipment_order(env, "TIKTOK");
  const std::string order_id = str(order, "id");
  const std::string package_id = str(order.at("packages").as_array().at(0), "id");

  const auto s =
      env.ok(inst, "fulfillment.ship", json::object{{"package_id", package_id}, {"handover_method", "drop_off"}});
  CHECK(str(s, "schema") == "shipment.v1");
  CHECK(str(s, "package_id") == package_id);
  CHECK(str(s, "account_id") == "acct-ship");
  CHECK(str(s, "handover_method") == "drop_off");
  CHECK(str(s, "status") == "shipped");
  CHECK(str(s, "marketplace_status") == "FULFILLING");
  CHECK(s.at("order_ids").as_array().at(0).as_string() == order_id);
  CHECK_FALSE(str(s, "tracking_number").empty());

  // Shipping the same package twice is TikTok's refusal.
  CHECK(env.call(inst, "fulfillment.ship", json::object{{"package_id", package_id}, {"handover_method", "drop_off"}})
            .status == OCEAN_INVALID_ARGUMENT);

  const auto d = env.ok(inst, "fulfillment.documents",
                        json::object{{"package_id", package_id}, {"document_type", "SHIPPING_LABEL"}});
  const auto& doc = d.at("documents").as_array().at(0).as_object();
  CHECK(str(doc, "type") == "SHIPPING_LABEL");
  CHECK(str(doc, "url").rfind("https://", 0) == 0);
  const std::filesystem::path file(str(doc, "file"));
  REQUIRE(std::filesystem::exists(file));
  CHECK(std::filesystem::file_size(file) > 0);
  CHECK(file.parent_path() == env.root.path() / "acct-ship" / "documents");
  CHECK(file.extension() == ".pdf");
  CHECK(str(d, "tracking_number") == str(s, "tracking_number"));
  // The bytes on disk are exactly what the URL serves.
  const auto served = env.http.request("GET", str(doc, "url"));
  std::ifstream in(file, std::ios::binary);
  const std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(saved == served.body);

  const auto t = env.ok(inst, "fulfillment.tracking", json::object{{"order_id", order_id}});
  CHECK(str(t, "schema") == "shipment.v1");
  CHECK(str(t, "package_id") == package_id);
  CHECK(str(t, "status") == "ready_to_ship");  // AWAITING_COLLECTION until the carrier scans it
  const auto& events = t.at("tracking_events").as_array();
  REQUIRE_FALSE(events.empty());
  const std::int64_t now = env.now();
  for (const auto& e : events) {
    const std::string at = str(e, "at");
    CHECK(is_rfc3339_utc(at));
    // Milliseconds on the wire became seconds: every event is within a day of now, not in 57000 AD.
    CHECK(at.substr(0, 2) == "20");
    CHECK_FALSE(str(e, "description").empty());
  }
  (void)now;
  CHECK(env.call(inst, "fulfillment.tracking", json::object{{"order_id", order_id}, {"package_id", "123"}}).status ==
        OCEAN_NOT_FOUND);
}

TEST_CASE("fulfillment: pickup in a slot - mark shipped for a seller-shipped order") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-ship2");
  const auto order = awaiting_shipment_order(env, "TIKTOK");
  const std::string package_id = str(order.at("packages").as_array().at(0), "id");
  const std::int64_t now = env.now();
  const auto s =
      env.ok(inst, "fulfillment.ship",
             json::object{{"package_id", package_id},
                          {"handover_method", "pickup"},
                          {"pickup_slot", json::object{{"start_time", now + 3600}, {"end_time", now + 7200}}},
                          {"include_raw", true}});
  CHECK(str(s, "handover_method") == "pickup");
  CHECK(s.at("raw").as_object().at("pickup_slot").at("start_time").to_number<std::int64_t>() == now + 3600);

  const auto seller = awaiting_shipment_order(env, "SELLER");
  const auto providers = env.ok(inst, "logistics.shipping_providers",
                                json::object{{"delivery_option_id", seller.at("delivery_option_id")}});
  const std::string provider =
      str(providers.at("delivery_options").as_array().at(0).at("shipping_providers").as_array().at(0), "id");
  const auto m = env.ok(
      inst, "fulfillment.mark_shipped",
      json::object{
          {"order_id", seller.at("id")}, {"tracking_number", "OPS-TRK-000123"}, {"shipping_provider_id", provider}});
  CHECK(str(m, "schema") == "shipment.v1");
  CHECK(str(m, "status") == "shipped");
  CHECK(str(m, "handover_method") == "seller_shipped");
  CHECK(str(m, "tracking_number") == "OPS-TRK-000123");
  const std::string pkg = str(m, "package_id");
  REQUIRE_FALSE(pkg.empty());
  // The sandbox's own view agrees.
  bool found = false;
  for (const auto& p : env.truth_list("packages")) {
    if (str(p, "package_id") != pkg) continue;
    found = true;
    CHECK(str(p, "tracking_number") == "OPS-TRK-000123");
  }
  CHECK(found);
}

TEST_CASE("CAT-PRE-WAREHOUSE: the shop's warehouses are fetched before a product sync, exactly as TikTok holds them") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-checklist-warehouse");
  const auto answer = env.ok(inst, "logistics.warehouses", json::object{});
  std::set<std::string> fetched;
  for (const auto& w : answer.at("warehouses").as_array()) fetched.insert(str(w, "id"));
  std::set<std::string> truth;
  for (const auto& w : env.truth_list("warehouses")) truth.insert(str(w, "id"));
  REQUIRE_FALSE(truth.empty());
  CHECK(fetched == truth);
}
