// Issue 19, item 2: the config's alert rules, evaluated from tick against tts-sandbox with moved
// clocks, each condition raised once as an alert.raised event carrying alert.v1.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "alerts_env.hpp"
#include "ocean_common/json_schema.hpp"
#include "ocean_common/tts_sign.hpp"

using namespace alerts_test;

namespace {

struct Featured {
  std::string product_id;
  std::vector<std::pair<std::string, std::string>> sku_warehouses;  // every (sku, warehouse) with stock
};

// Up to n active products of the shop as TikTok holds them, with their SKUs' warehouses.
std::vector<Featured> active_products(Scene& s, std::size_t n) {
  std::vector<Featured> out;
  const json::object t = s.truth();
  for (const auto& pv : t.at("products").as_array()) {
    if (str(pv, "status") != "ACTIVATE") continue;
    Featured f{str(pv, "id"), {}};
    for (const auto& sv : pv.at("skus").as_array())
      for (const auto& iv : sv.at("inventory").as_array())
        f.sku_warehouses.emplace_back(str(sv, "id"), str(iv, "warehouse_id"));
    if (f.sku_warehouses.empty()) continue;
    out.push_back(std::move(f));
    if (out.size() == n) break;
  }
  return out;
}

std::string signed_headers(const std::string& body) {
  return "Content-Type: application/json\r\nAuthorization: " +
         ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n";
}

void deliver(Scene& s, const std::string& body) {
  const std::string headers = signed_headers(body);
  ocean_webhook_v1 w{sizeof(ocean_webhook_v1), headers.data(), headers.size(), body.data(), body.size(),
                     s.host.wall_ms()};
  ocean_buffer out{};
  REQUIRE(s.module.api().handle_webhook(s.inst, &w, &out) == OCEAN_OK);
  s.module.api().free_buffer(&out);
}

// Every alert.raised event so far validates against event.v1 and its data against alert.v1.
void check_schemas(Scene& s) {
  auto schema = [](const char* name) {
    std::ifstream in(std::string(OCEAN_SOURCE_DIR) + "/plugin_api/schemas/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
  };
  const json::value event_schema = schema("event.v1.json"), alert_schema = schema("alert.v1.json");
  int checked = 0;
  for (const auto& e : s.host.events()) {
    const json::value v = json::parse(e);
    if (v.at("type") != "alert.raised") continue;
    INFO(e);
    CHECK(ocean::json_schema::join(ocean::json_schema::validate(event_schema, v)).empty());
    CHECK(ocean::json_schema::join(ocean::json_schema::validate(alert_schema, v.at("data"))).empty());
    ++checked;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("alerts: a LIVE session planned with an out-of-stock product raises a critical alert before it starts") {
  Scene s(json::object{{"live_session", json::object{{"minutes_before", 60}}}}, {"--products", "6", "--orders", "5"});
  s.ok("sync.run", json::object{{"kinds", json::array{"products"}}});
  const auto products = active_products(s, 2);
  REQUIRE(products.size() == 2);
  // The first featured product sells out: every SKU in every warehouse goes to 0 on TikTok.
  json::array zero;
  for (const auto& [sku, warehouse] : products[0].sku_warehouses)
    zero.push_back(json::object{{"sku_id", sku}, {"warehouse_id", warehouse}, {"on_hand", 0}});
  s.ok("inventory.update", json::object{{"items", zero}});

  const std::int64_t start = s.now() + 3 * 3600;
  const auto session = s.ok(
      "live.sessions.plan",
      json::object{
          {"title", "Sold-out LIVE"},
          {"start_time", start},
          {"end_time", start + 3600},
          {"flash_sale", false},
          {"products", json::array{json::object{{"product_id", products[0].product_id}, {"session_price", "1.00"}},
                                   json::object{{"product_id", products[1].product_id}, {"session_price", "1.00"}}}}});
  s.tick();
  CHECK(s.alerts("live_session").empty());  // three hours ahead: outside the 60-minute window

  s.advance(2 * 3600 + 30 * 60);
  s.tick();
  const auto raised = s.alerts("live_session");
  REQUIRE(raised.size() == 1);
  const auto& a = raised[0];
  CHECK(a.at("schema") == "alert.v1");
  CHECK(a.at("severity") == "critical");
  CHECK(a.at("subject").at("type") == "live_session");
  CHECK(str(a.at("subject"), "id") == str(session, "session_id"));
  CHECK(str(a, "message").find("Sold-out LIVE") != std::string::npos);
  CHECK(str(a, "suggested_action").find("inventory.update") != std::string::npos);
  const auto& oos = a.at("details").at("out_of_stock").as_array();
  REQUIRE(oos.size() == 1);  // the other product still has stock
  CHECK(str(oos[0], "product_id") == products[0].product_id);
  CHECK(a.at("details").at("minutes_left").as_int64() > 0);
  CHECK(s.now() < start);  // raised before the session starts

  s.tick();
  CHECK(s.alerts("live_session").size() == 1);  // raised once

  // A later session whose flash sale was stopped: its sale is no longer active.
  s.advance(2 * 3600);
  const std::int64_t start2 = s.now() + 30 * 60;
  // An in-stock product no other promotion holds in that window (TikTok refuses a product in two
  // overlapping activities).
  json::object second;
  for (const auto& p : active_products(s, 6)) {
    if (p.product_id == products[0].product_id) continue;
    const json::object plan{
        {"title", "Flash LIVE"},
        {"start_time", start2},
        {"end_time", start2 + 1800},
        {"products", json::array{json::object{{"product_id", p.product_id}, {"session_price", "0.01"}}}}};
    auto [st, body] = s.module.invoke(s.inst, "live.sessions.plan", json::serialize(plan));
    if (st != OCEAN_OK) continue;
    second = json::parse(body).as_object();
    break;
  }
  REQUIRE_FALSE(second.empty());
  s.ok("promotions.deactivate", json::object{{"activity_id", str(second, "flash_sale_activity_id")}});
  s.tick();
  const auto after = s.alerts("live_session");
  REQUIRE(after.size() == 2);
  CHECK(str(after[1].at("subject"), "id") == str(second, "session_id"));
  CHECK(str(after[1].at("details"), "flash_sale_status") == "DEACTIVATED");
  check_schemas(s);
}

TEST_CASE("alerts: a week later the creators' affiliate GMV has dropped and the authorization nears its expiry") {
  Scene s(
      json::object{{"affiliate_gmv_drop", json::object{{"percent", 50}}}, {"token_expiry", json::object{{"days", 3}}}},
      {"--products", "6", "--orders", "200", "--refresh-token-ttl", "864000", "--access-token-ttl", "2592000"});
  s.tick();
  CHECK(s.alerts("token_expiry").empty());  // ten days left
  const std::size_t gmv_before = s.alerts("affiliate_gmv_drop").size();

  // The sandbox makes no new orders after its start: a week on, every creator's last 7 days are empty.
  s.advance(8 * 86400);
  s.tick();
  const auto token = s.alerts("token_expiry");
  REQUIRE(token.size() == 1);
  CHECK(token[0].at("severity") == "warning");
  CHECK(token[0].at("details").at("days_left").as_int64() == 1);
  CHECK(str(token[0], "suggested_action").find("account.authorize_url") != std::string::npos);

  const std::int64_t now = s.now();
  const auto week_before = s.ok("affiliate.creators.summary", json::object{{"create_time_ge", now - 14 * 86400},
                                                                           {"create_time_lt", now - 7 * 86400}});
  std::size_t selling = 0;
  for (const auto& item : week_before.at("items").as_array())
    if (str(item, "gmv") != "0.00") ++selling;
  REQUIRE(selling > 0);
  const auto gmv = s.alerts("affiliate_gmv_drop");
  CHECK(gmv.size() - gmv_before == selling);
  for (std::size_t i = gmv_before; i < gmv.size(); ++i) {
    CHECK(gmv[i].at("details").at("gmv_last_7_days") == "0.00");
    CHECK(gmv[i].at("details").at("drop_percent").as_int64() == 100);
    CHECK(gmv[i].at("subject").at("type") == "creator");
  }
  s.tick();
  CHECK(s.alerts("affiliate_gmv_drop").size() == gmv.size());  // once per creator and week
  CHECK(s.alerts("token_expiry").size() == 1);
  check_schemas(s);
}

TEST_CASE("alerts: an unshipped order nearing its ship-by deadline raises a dispatch alert beside order.dispatch_due") {
  Scene s(json::object{{"dispatch_deadline", json::object{{"hours", 6}}}}, {"--products", "4", "--orders", "40"});
  std::string order_id;
  std::int64_t ship_by = 0;
  const json::object truth = s.truth();  // owned: the loop reads into it
  for (const auto& o : truth.at("orders").as_array()) {
    if (str(o, "status") != "AWAITING_SHIPMENT") continue;
    const auto* sla = o.as_object().if_contains("rts_sla_time");
    if (sla == nullptr || sla->to_number<std::int64_t>() <= s.now() + 8 * 3600) continue;
    order_id = str(o, "id");
    ship_by = sla->to_number<std::int64_t>();
    s.admin("POST", "/_sandbox/orders/" + order_id + "/status",
            json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}});
    break;
  }
  REQUIRE_FALSE(order_id.empty());
  s.advance(2);  // a sync shows records changed before its first page's second
  s.ok("sync.run", json::object{{"kinds", json::array{"orders"}}});
  s.tick();
  for (const auto& a : s.alerts("dispatch_deadline")) CHECK(str(a.at("subject"), "id") != order_id);

  s.advance(ship_by - s.now() - 5 * 3600);
  s.tick();
  bool found = false;
  for (const auto& a : s.alerts("dispatch_deadline")) {
    if (str(a.at("subject"), "id") != order_id) continue;
    found = true;
    CHECK(a.at("severity") == "warning");
    CHECK(a.at("details").at("overdue") == false);
    CHECK(str(a, "suggested_action").find("fulfillment.ship") != std::string::npos);
  }
  INFO("order " << order_id << " ship_by " << ship_by << " now " << s.now());
  CHECK(found);
  // The order.dispatch_due event of issue 14 is still emitted on its own lead time.
  bool dispatch_due = false;
  for (const auto& e : s.host.events()) {
    const json::value v = json::parse(e);
    if (v.at("type") == "order.dispatch_due" && str(v.at("data"), "order_id") == order_id) dispatch_due = true;
  }
  CHECK(dispatch_due);
  check_schemas(s);
}

TEST_CASE("alerts: three failed order syncs in a row raise a sync_failures alert") {
  Scene s(json::object{{"sync_failures", json::object{{"consecutive", 3}}}}, {"--products", "2", "--orders", "10"});
  s.admin("POST", "/_sandbox/settings",
          json::object{
              {"corrupt_answers", 100}, {"corrupt_mode", "not_json"}, {"corrupt_path", "/order/202309/orders/search"}});
  const json::object orders{{"kinds", json::array{"orders"}}};
  CHECK(s.call_status("sync.run", orders) != OCEAN_OK);
  CHECK(s.call_status("sync.run", orders) != OCEAN_OK);
  s.tick();
  CHECK(s.alerts("sync_failures").empty());
  CHECK(s.call_status("sync.run", orders) != OCEAN_OK);
  s.tick();
  const auto raised = s.alerts("sync_failures");
  REQUIRE(raised.size() == 1);
  CHECK(str(raised[0].at("subject"), "id") == "sync:orders");
  CHECK(raised[0].at("details").at("failed_in_a_row").as_int64() == 3);
  s.tick();
  CHECK(s.alerts("sync_failures").size() == 1);
  check_schemas(s);
}

TEST_CASE("alerts: stock pushes failing three runs in a row raise a sync_failures alert for stock_push") {
  Scene s(json::object{{"sync_failures", json::object{{"consecutive", 3}}}}, {"--products", "4", "--orders", "5"});
  s.ok("sync.run", json::object{{"kinds", json::array{"products"}}});
  const auto products = active_products(s, 1);
  REQUIRE(products.size() == 1);
  const auto& [sku, warehouse] = products[0].sku_warehouses.front();
  s.admin("POST", "/_sandbox/settings",
          json::object{{"corrupt_answers", 100},
                       {"corrupt_mode", "not_json"},
                       {"corrupt_path", "/product/202309/products/" + products[0].product_id + "/inventory/update"}});
  for (int on_hand : {11, 12}) {
    s.ok("inventory.update",
         json::object{
             {"items", json::array{json::object{{"sku_id", sku}, {"warehouse_id", warehouse}, {"on_hand", on_hand}}}}});
  }
  s.tick();
  CHECK(s.alerts("sync_failures").empty());  // two failed pushes
  s.ok("inventory.update",
       json::object{
           {"items", json::array{json::object{{"sku_id", sku}, {"warehouse_id", warehouse}, {"on_hand", 13}}}}});
  s.tick();
  const auto raised = s.alerts("sync_failures");
  REQUIRE(raised.size() == 1);
  CHECK(str(raised[0].at("subject"), "id") == "stock_push");
  CHECK(raised[0].at("details").at("failed_in_a_row").as_int64() == 3);
  CHECK(str(raised[0], "suggested_action").find("inventory.push_status") != std::string::npos);
  check_schemas(s);
}

TEST_CASE("alerts: webhook deliveries that cannot be applied raise a backlog alert, again after it cleared") {
  Scene s(json::object{{"webhook_backlog", json::object{{"pending", 3}}}}, {"--products", "2", "--orders", "10"});
  std::vector<std::string> order_ids;
  const json::object truth = s.truth();  // owned: the loop reads into it
  for (const auto& o : truth.at("orders").as_array()) order_ids.push_back(str(o, "id"));
  REQUIRE(order_ids.size() >= 6);
  auto break_orders = [&](int answers) {
    s.admin("POST", "/_sandbox/settings",
            json::object{
                {"corrupt_answers", answers}, {"corrupt_mode", "not_json"}, {"corrupt_path", "/order/202309/orders"}});
  };
  auto deliver_three = [&](std::size_t from) {
    for (std::size_t i = from; i < from + 3; ++i)
      deliver(s, R"({"type":1,"tts_notification_id":"n-)" + std::to_string(i) + R"(","shop_id":")" + s.shop_id +
                     R"(","timestamp":)" + std::to_string(s.now()) + R"(,"data":{"order_id":")" + order_ids[i] +
                     R"(","order_status":"AWAITING_SHIPMENT","update_time":)" + std::to_string(s.now()) + "}}");
  };
  break_orders(1000);
  deliver_three(0);
  s.tick();
  REQUIRE(s.alerts("webhook_backlog").size() == 1);
  CHECK(s.alerts("webhook_backlog")[0].at("details").at("pending").as_int64() == 3);
  s.tick();
  CHECK(s.alerts("webhook_backlog").size() == 1);

  break_orders(0);
  s.tick();  // applied: the backlog is gone
  break_orders(1000);
  deliver_three(3);
  s.tick();
  CHECK(s.alerts("webhook_backlog").size() == 2);
  check_schemas(s);
}

TEST_CASE("alerts: the config's alert rules are checked strictly, unknown fields refused by name") {
  TempDir root("alerts-config");
  TestHost host((root.path() / "a").string());
  PluginModule module;
  ocean_instance* inst = module.create("a", host.table());
  auto configure = [&](const json::object& alerts) {
    const json::object cfg{{"app_key", "k"}, {"app_secret", "s"}, {"region", "GB"}, {"alerts", alerts}};
    const auto st = module.configure(inst, json::serialize(cfg));
    return std::make_pair(st, st == OCEAN_OK ? std::string() : module.last_message(inst));
  };
  auto [st1, m1] = configure(json::object{{"live_session", json::object{{"minutes_before", 60}, {"minutes", 5}}}});
  CHECK(st1 == OCEAN_INVALID_CONFIG);
  CHECK(m1.find("alerts/live_session/minutes") != std::string::npos);
  auto [st2, m2] = configure(json::object{{"live_sesion", json::object{{"minutes_before", 60}}}});
  CHECK(st2 == OCEAN_INVALID_CONFIG);
  CHECK(m2.find("alerts/live_sesion") != std::string::npos);
  auto [st3, m3] = configure(json::object{{"affiliate_gmv_drop", json::object{{"percent", 0}}}});
  CHECK(st3 == OCEAN_INVALID_CONFIG);
  CHECK(m3.find("alerts/affiliate_gmv_drop/percent") != std::string::npos);
  auto [st4, m4] = configure(json::object{{"token_expiry", json::object{}}});
  CHECK(st4 == OCEAN_INVALID_CONFIG);
  CHECK(m4.find("days") != std::string::npos);
  auto [st5, m5] = configure(json::object{{"webhook_backlog", json::object{{"pending", 10}}},
                                          {"sync_failures", json::object{{"consecutive", 3}}}});
  CHECK(st5 == OCEAN_OK);
  (void)m5;
  module.api().destroy(inst);
}
