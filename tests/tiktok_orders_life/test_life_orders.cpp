// The order after import, through the plugin's C ABI against tts-sandbox: order sync use cases
// (ORD-SYNC-IMPORT / UPDATE / WHOOK / SAMPLE / GIFT), buyer cancellation decisions, ERP order numbers on
// TikTok, the carrier map (SHOP-MAN-CARRIER), promotions (end-only extension, coupons, webhook 39) and
// re-authorization when TikTok refuses the token.
#include <catch2/catch.hpp>

#include "life_env.hpp"

using namespace life_test;

namespace {

// Waits for the sandbox's webhooks of `type` to reach the receiver (at least `n`), then relays them.
void relay_when(LifeEnv& env, int type, std::size_t n) {
  for (int i = 0; i < 400; ++i) {
    std::size_t seen = 0;
    for (const auto& r : env.receiver.received())
      seen += json::parse(r.body).as_object().at("type").to_number<int>() == type ? 1 : 0;
    if (seen >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  env.relay_webhooks();
}

// A seller-shipped order awaiting shipment with a buyer's cancellation request raised now (the sandbox
// draws some requests itself, so an order that already has one is passed over): {order, cancel_id}.
std::pair<json::object, std::string> with_cancel_request(LifeEnv& env) {
  for (int i = 0; i < 20; ++i) {
    auto order = env.awaiting_shipment("SELLER");
    try {
      auto r = env.admin("POST", "/_sandbox/cancellations", json::object{{"order_id", order.at("id")}});
      return {order, str(r, "cancel_id")};
    } catch (const std::runtime_error&) {
      continue;  // this order drew a request of its own
    }
  }
  throw std::runtime_error("no order took a cancellation request");
}

json::object cancel_truth(LifeEnv& env, const std::string& cancel_id) {
  for (const auto& c : env.truth_list("cancellations"))
    if (str(c, "cancel_id") == cancel_id) return c.as_object();
  throw std::runtime_error("no cancellation " + cancel_id);
}

}  // namespace

TEST_CASE("ORD-SYNC-IMPORT: a full sync imports every order of the shop as order.v1") {
  LifeEnv env;
  env.sync_orders();
  const auto truth = env.truth_list("orders");
  for (const auto& o : truth) {
    const auto v = env.order_v1(str(o, "id"));
    CHECK(str(v, "marketplace_status") == str(o, "status"));
    CHECK(str(v, "schema") == "order.v1");
  }
  CHECK(env.ok("sync.status", json::object{}).contains("kinds"));
}

TEST_CASE("ORD-SYNC-UPDATE: a status webhook updates the mirrored order and emits order.status_changed") {
  LifeEnv env;
  env.sync_orders();
  const auto order = env.awaiting_shipment("TIKTOK");
  const std::string id = str(order, "id");
  relay_when(env, 1, 1);
  env.admin("POST", "/_sandbox/orders/" + id + "/status", json::object{{"status", "IN_TRANSIT"}, {"freeze", true}});
  relay_when(env, 1, 3);
  CHECK(str(env.order_v1(id), "marketplace_status") == "IN_TRANSIT");
  bool changed = false;
  for (const auto& e : env.events("order.status_changed"))
    changed =
        changed || (str(e.at("data"), "order_id") == id && str(e.at("data"), "marketplace_status") == "IN_TRANSIT");
  CHECK(changed);
}

TEST_CASE("ORD-SYNC-WHOOK: without any webhook, the incremental sync still finds the change") {
  LifeEnv env;
  env.sync_orders();
  const auto order = env.awaiting_shipment("TIKTOK");
  const std::string id = str(order, "id");
  env.admin("POST", "/_sandbox/orders/" + id + "/status", json::object{{"status", "IN_TRANSIT"}, {"freeze", true}});
  env.advance(600);   // past the sync's overlap window
  env.sync_orders();  // no webhook was relayed: polling by update_time is the backstop
  CHECK(str(env.order_v1(id), "marketplace_status") == "IN_TRANSIT");
}

TEST_CASE("ORD-SYNC-SAMPLE: a free sample order is mirrored with flags.sample") {
  LifeEnv env;
  const auto order = env.awaiting_shipment("TIKTOK");
  const std::string id = str(order, "id");
  env.admin("POST", "/_sandbox/orders/" + id + "/sample", json::object{{"sample", true}});
  env.sync_orders();
  CHECK(env.order_v1(id).at("flags").as_object().at("sample").as_bool());
  const auto other = env.awaiting_shipment("TIKTOK");
  env.sync_orders();
  CHECK_FALSE(env.order_v1(str(other, "id")).at("flags").as_object().at("sample").as_bool());
}

TEST_CASE("ORD-SYNC-GIFT: a gift line is its own order.v1 line with is_gift and gift_retail_price") {
  LifeEnv env;
  const auto order = env.awaiting_shipment("TIKTOK");
  const std::string id = str(order, "id");
  const auto gift = env.admin("POST", "/_sandbox/orders/" + id + "/gifts", json::object{}).as_object();
  env.sync_orders();
  const auto v = env.order_v1(id);
  int gifts = 0, sold = 0;
  for (const auto& l : v.at("lines").as_array()) {
    const auto& line = l.as_object();
    if (line.at("is_gift").as_bool()) {
      ++gifts;
      CHECK(str(line, "gift_retail_price") == str(gift, "gift_retail_price"));
      CHECK(str(line, "unit_price") == "0.00");
      CHECK(line.at("line_item_ids").as_array().size() == 1);
    } else {
      ++sold;
      CHECK_FALSE(line.contains("gift_retail_price"));
    }
  }
  CHECK(gifts == 1);
  CHECK(sold >= 1);
}

TEST_CASE("ORD-CANCEL-BUYER: a buyer's request raises an event, approve and reject are held by TikTok") {
  LifeEnv env;
  const auto [o1, c1] = with_cancel_request(env);
  relay_when(env, 11, 1);
  bool announced = false;
  for (const auto& e : env.events("order.cancellation_requested"))
    announced = announced || (str(e.at("data"), "cancel_id") == c1 && str(e.at("data"), "order_id") == str(o1, "id"));
  CHECK(announced);

  const auto reasons = env.ok("cancellations.reject_reasons", json::object{{"cancel_id", c1}});
  bool packed = false;
  for (const auto& r : reasons.at("reasons").as_array())
    packed = packed || str(r, "name") == "seller_reject_apply_product_has_been_packed";
  CHECK(packed);

  const auto approved = env.ok("cancellations.approve", json::object{{"cancel_id", c1}});
  CHECK(str(approved, "status") == "completed");
  CHECK(str(approved, "kind") == "cancellation");
  CHECK(!str(approved, "idempotency_key").empty());
  CHECK(str(cancel_truth(env, c1), "cancel_status") == "CANCELLATION_REQUEST_COMPLETE");
  CHECK(str(env.order_truth(str(o1, "id")), "status") == "CANCELLED");
  // A retry reuses the persisted key: TikTok answers the stored result, nothing happens twice.
  const auto again = env.ok("cancellations.approve", json::object{{"cancel_id", c1}});
  CHECK(str(again, "idempotency_key") == str(approved, "idempotency_key"));

  const auto [o2, c2] = with_cancel_request(env);
  CHECK(env.call("cancellations.reject", json::object{{"cancel_id", c2}}).status == OCEAN_INVALID_ARGUMENT);
  CHECK(
      env.call("cancellations.reject", json::object{{"cancel_id", c2}, {"reject_reason", "x"}, {"colour", 1}}).status ==
      OCEAN_INVALID_ARGUMENT);
  CHECK(env.call("cancellations.reject", json::object{{"cancel_id", c2}, {"reject_reason", "no_such_reason"}}).status ==
        OCEAN_INVALID_ARGUMENT);  // TikTok's 25001014
  const auto rejected =
      env.ok("cancellations.reject", json::object{{"cancel_id", c2},
                                                  {"reject_reason", "seller_reject_apply_product_has_been_packed"},
                                                  {"comment", "already packed"}});
  CHECK(str(rejected, "status") == "cancelled");  // the request, not the order, is cancelled
  CHECK(str(cancel_truth(env, c2), "cancel_status") == "CANCELLATION_REQUEST_CANCEL");
  CHECK(str(env.order_truth(str(o2, "id")), "status") == "AWAITING_SHIPMENT");
  CHECK(env.call("cancellations.approve", json::object{{"cancel_id", c2}, {"idempotency_key", std::string(256, 'k')}})
            .status == OCEAN_INVALID_ARGUMENT);
}

TEST_CASE("ERP order numbers: set on TikTok, read back from TikTok, shown in order.v1") {
  LifeEnv env;
  const auto order = env.awaiting_shipment("TIKTOK");
  const std::string id = str(order, "id");
  const auto set =
      env.ok("orders.external_refs.set", json::object{{"order_id", id}, {"external_order_id", "SO-10042"}});
  CHECK(str(set, "external_order_id") == "SO-10042");
  bool in_truth = false;
  for (const auto& e : env.truth_list("external_orders")) {
    in_truth = in_truth || (str(e, "order_id") == id && str(e.at("external_order"), "id") == "SO-10042" &&
                            str(e.at("external_order"), "platform") == "ERP_SYSTEM");
  }
  CHECK(in_truth);
  const auto got = env.ok("orders.external_refs.get", json::object{{"order_id", id}});
  CHECK(str(got, "external_order_id") == "SO-10042");
  CHECK(got.at("refs").as_array().at(0).as_object().at("lines").as_array().size() ==
        order.at("line_items").as_array().size());
  env.ok("orders.external_refs.set", json::object{{"order_id", id}, {"external_order_id", "SO-10043"}});  // replaces
  CHECK(str(env.ok("orders.external_refs.get", json::object{{"order_id", id}}), "external_order_id") == "SO-10043");
  env.sync_orders();
  CHECK(str(env.order_v1(id), "external_order_id") == "SO-10043");
  CHECK(
      env.call("orders.external_refs.set", json::object{{"order_id", id}, {"external_order_id", std::string(101, 'x')}})
          .status == OCEAN_INVALID_ARGUMENT);
  CHECK(env.call("orders.external_refs.set", json::object{{"order_id", id}}).status == OCEAN_INVALID_ARGUMENT);
  CHECK(env.call("orders.external_refs.get", json::object{{"order_id", "999"}}).status != OCEAN_OK);
}

TEST_CASE("SHOP-MAN-CARRIER: an ERP carrier code maps to TikTok's provider and ships the order") {
  LifeEnv env;
  const auto order = env.awaiting_shipment("SELLER");
  const std::string option = str(order, "delivery_option_id");
  const std::string provider = std::string(env.providers_of(order).at(1).as_string());
  CHECK(env.call("logistics.carrier_map.set",
                 json::object{
                     {"carrier_code", "UPS-GROUND"}, {"delivery_option_id", option}, {"shipping_provider_id", "42"}})
            .status == OCEAN_INVALID_ARGUMENT);  // not a provider of this option
  CHECK(env.call("logistics.carrier_map.set", json::object{{"carrier_code", "UPS GROUND"},
                                                           {"delivery_option_id", option},
                                                           {"shipping_provider_id", provider}})
            .status == OCEAN_INVALID_ARGUMENT);
  const auto m = env.ok(
      "logistics.carrier_map.set",
      json::object{{"carrier_code", "UPS-GROUND"}, {"delivery_option_id", option}, {"shipping_provider_id", provider}});
  CHECK(str(m, "shipping_provider_id") == provider);
  CHECK(!str(m, "shipping_provider_name").empty());
  const auto all = env.ok("logistics.carrier_map.get", json::object{});
  REQUIRE(all.at("mappings").as_array().size() == 1);
  CHECK(env.ok("logistics.carrier_map.get", json::object{{"carrier_code", "DHL"}}).at("mappings").as_array().empty());

  CHECK(env.call("fulfillment.mark_shipped",
                 json::object{{"order_id", str(order, "id")}, {"tracking_number", "CMAP1"}, {"carrier", "DHL"}})
            .status == OCEAN_INVALID_ARGUMENT);  // unmapped
  CHECK(env.call("fulfillment.mark_shipped", json::object{{"order_id", str(order, "id")},
                                                          {"tracking_number", "CMAP1"},
                                                          {"carrier", "UPS-GROUND"},
                                                          {"shipping_provider_id", provider}})
            .status == OCEAN_INVALID_ARGUMENT);  // one or the other
  const auto s =
      env.ok("fulfillment.mark_shipped",
             json::object{{"order_id", str(order, "id")}, {"tracking_number", "CMAP1"}, {"carrier", "UPS-GROUND"}});
  CHECK(str(s, "carrier") == str(m, "shipping_provider_name"));
  CHECK(str(env.order_truth(str(order, "id")), "shipping_provider_id") == provider);
}

TEST_CASE("promotions: an ongoing activity is extended by its end time alone, coupons, webhook 39 events") {
  LifeEnv env;
  const auto list = env.ok("promotions.search", json::object{{"status", "ONGOING"}});
  REQUIRE(!list.at("items").as_array().empty());
  const auto act = list.at("items").as_array().at(0).as_object();
  const std::string aid = str(act, "activity_id");
  std::int64_t end = 0;
  for (const auto& p : env.truth_list("promotions"))
    if (str(p, "id") == aid) end = p.as_object().at("end_time").to_number<std::int64_t>();
  REQUIRE(end > 0);
  env.ok("promotions.update", json::object{{"activity_id", aid}, {"end_time", end + 86400}});
  for (const auto& p : env.truth_list("promotions"))
    if (str(p, "id") == aid) CHECK(p.as_object().at("end_time").to_number<std::int64_t>() == end + 86400);
  CHECK(env.call("promotions.update", json::object{{"activity_id", aid}}).status == OCEAN_INVALID_ARGUMENT);

  const auto coupons = env.ok("promotions.coupons.search", json::object{{"status", json::array{"ONGOING"}}});
  REQUIRE(!coupons.at("items").as_array().empty());
  for (const auto& k : coupons.at("items").as_array()) CHECK(str(k, "status") == "ONGOING");
  CHECK(env.call("promotions.coupons.search", json::object{{"status", json::array{"LIVE"}}}).status ==
        OCEAN_INVALID_ARGUMENT);

  env.ok("promotions.deactivate", json::object{{"activity_id", aid}});
  relay_when(env, 39, 1);
  bool seen = false;
  for (const auto& e : env.events("promotion.status_changed"))
    seen = seen || (str(e.at("data"), "activity_id") == aid && str(e.at("data"), "status") == "DEACTIVATED");
  CHECK(seen);
}

TEST_CASE("re-authorization: a revoked token turns the account to needs_reauth on the next failed call") {
  LifeEnv env;
  CHECK(str(env.ok("account.status", json::object{}), "state") == "connected");
  // The seller revokes the app elsewhere; the deauthorization webhook is not relayed (lost).
  env.admin("POST", "/_sandbox/deauthorize", json::object{{"app_key", kAppKey}, {"shop_id", env.shop_id}});
  const auto r = env.call("logistics.warehouses", json::object{});
  CHECK(r.status == OCEAN_AUTH_REQUIRED);
  CHECK(str(env.ok("account.status", json::object{}), "state") == "needs_reauth");
  CHECK(env.events("account.needs_reauth").size() == 1);
  CHECK(env.call("logistics.warehouses", json::object{}).status == OCEAN_AUTH_REQUIRED);
  CHECK(env.events("account.needs_reauth").size() == 1);  // once, not on every failed call
}
