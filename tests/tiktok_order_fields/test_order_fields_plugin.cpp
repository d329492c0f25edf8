// Issue 13 through the plugin: an order read after a sync (orders.get and orders.search) carries its
// recipient address parts, ship_by / collect_by / deliver_by, the automatic-cancellation deadlines,
// the buyer's cancellation request and the fee breakdown, each equal to tts-sandbox's truth, and the
// breakdown sums to the total to the minor unit; shipments carry weight, box and addresses, returns
// their return method, carrier, warehouse, label fee and keep-item flag.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "model/time_format.hpp"
#include "ocean_common/json_schema.hpp"
#include "ops_env.hpp"

using namespace ops_test;

namespace {

// Every answer is valid against its schema in plugin_api/schemas (the new fields included).
void require_schema(const json::value& instance, const std::string& name) {
  static std::map<std::string, std::unique_ptr<ocean::json_schema::Validator>> validators;
  auto& v = validators[name];
  if (!v) {
    std::ifstream in(std::string(OCEAN_SOURCE_DIR) + "/plugin_api/schemas/" + name + ".json");
    std::stringstream text;
    text << in.rdbuf();
    v = std::make_unique<ocean::json_schema::Validator>(json::parse(text.str()));
  }
  const auto errors = v->validate(instance);
  INFO(name << ": " << ocean::json_schema::join(errors));
  CHECK(errors.empty());
}

// Minor units of a decimal string ("12.50" -> 1250); the shop's currency has 2 decimals (US).
std::int64_t minor(const json::value& v) {
  std::string digits;
  for (char c : v.as_string()) {
    if (c != '.') digits += c;
  }
  return std::stoll(digits);
}

std::string at_time(const json::object& o, const char* key) {
  return ocean::tiktok::model::rfc3339(o.at(key).to_number<std::int64_t>());
}

void check_address(const json::object& view, const json::object& t) {
  if (!t.contains("recipient_address")) return;  // UNPAID and ON_HOLD orders carry none
  const auto& ra = t.at("recipient_address").as_object();
  const auto& a = view.at("shipping_address").as_object();
  CHECK(a.at("first_name") == ra.at("first_name"));
  if (!ra.at("last_name").as_string().empty()) CHECK(a.at("last_name") == ra.at("last_name"));
  CHECK(a.at("lines").as_array().at(0) == ra.at("address_line1"));
  if (!ra.at("address_line2").as_string().empty()) CHECK(a.at("lines").as_array().at(1) == ra.at("address_line2"));
  CHECK(a.at("postal_code") == ra.at("postal_code"));
  CHECK(a.at("region_code") == ra.at("region_code"));
  const auto& want = ra.at("district_info").as_array();
  const auto& got = a.at("districts").as_array();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].at("level") == want[i].at("address_level"));
    CHECK(got[i].at("name") == want[i].at("address_name"));
  }
  if (ra.contains("delivery_preferences"))
    CHECK(a.at("drop_off_location") == ra.at("delivery_preferences").at("drop_off_location"));
}

void check_deadlines(const json::object& view, const json::object& t) {
  CHECK(str(view, "ship_by") == at_time(t, "rts_sla_time"));
  CHECK(str(view, "collect_by") == at_time(t, "tts_sla_time"));
  CHECK(view.contains("deliver_by") == t.contains("delivery_sla_time"));
  if (t.contains("delivery_sla_time")) CHECK(str(view, "deliver_by") == at_time(t, "delivery_sla_time"));
  const std::pair<const char*, const char*> cancel_at[] = {{"unpaid", "cancel_order_sla_time"},
                                                           {"unshipped", "shipping_due_time"},
                                                           {"uncollected", "collection_due_time"},
                                                           {"undelivered", "delivery_due_time"}};
  for (const auto& [key, field] : cancel_at) {
    if (t.contains(field)) CHECK(str(view.at("auto_cancel_at"), key) == at_time(t, field));
  }
  if (t.contains("rts_time")) CHECK(str(view, "shipped_at") == at_time(t, "rts_time"));
  const auto& c = view.at("cancellation").as_object();
  CHECK(c.at("buyer_requested") == t.at("is_buyer_request_cancel"));
  CHECK(c.contains("requested_at") == t.contains("request_cancel_time"));
  if (t.contains("cancellation_initiator")) CHECK(c.at("initiator") == t.at("cancellation_initiator"));
}

void check_fees(const json::object& view, const json::object& t) {
  const auto& p = t.at("payment").as_object();
  const auto& totals = view.at("totals").as_object();
  const std::pair<const char*, const char*> same[] = {{"subtotal", "sub_total"},
                                                      {"shipping", "shipping_fee"},
                                                      {"tax", "tax"},
                                                      {"total", "total_amount"},
                                                      {"original_subtotal", "original_total_product_price"},
                                                      {"original_shipping", "original_shipping_fee"},
                                                      {"shipping_seller_discount", "shipping_fee_seller_discount"},
                                                      {"shipping_platform_discount", "shipping_fee_platform_discount"},
                                                      {"product_tax", "product_tax"},
                                                      {"shipping_tax", "shipping_fee_tax"},
                                                      {"small_order_fee", "small_order_fee"},
                                                      {"retail_delivery_fee", "retail_delivery_fee"},
                                                      {"buyer_service_fee", "buyer_service_fee"},
                                                      {"handling_fee", "handling_fee"},
                                                      {"shipping_insurance_fee", "shipping_insurance_fee"},
                                                      {"item_insurance_fee", "item_insurance_fee"},
                                                      {"item_insurance_tax", "item_insurance_tax"}};
  for (const auto& [key, field] : same) {
    INFO(key);
    CHECK(totals.at(key) == p.at(field));
  }
  // The breakdown sums to the total, in integers of the minor unit.
  std::int64_t sum = 0;
  for (const char* k : {"subtotal", "shipping", "tax", "small_order_fee", "retail_delivery_fee", "buyer_service_fee",
                        "handling_fee", "shipping_insurance_fee", "item_insurance_fee", "item_insurance_tax"}) {
    sum += minor(totals.at(k));
  }
  CHECK(sum == minor(totals.at("total")));
  CHECK(minor(totals.at("original_shipping")) - minor(totals.at("shipping_seller_discount")) -
            minor(totals.at("shipping_platform_discount")) ==
        minor(totals.at("shipping")));
  std::int64_t line_tax = 0;
  for (const auto& l : view.at("lines").as_array()) {
    if (l.as_object().contains("tax")) line_tax += minor(l.at("tax"));
    CHECK(l.at("dangerous_good").is_bool());
  }
  CHECK(line_tax == minor(totals.at("product_tax")));
}

// A truth in which nothing moved while `fn` ran (the sandbox clock runs in real time).
template <typename Fn>
json::object stable_truth(OpsEnv& env, Fn&& fn) {
  for (int i = 0; i < 6; ++i) {
    const json::object before = env.truth();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    fn();
    const json::object after = env.truth();
    if (before == after) return after;
  }
  throw std::runtime_error("the sandbox kept changing during every attempt");
}

}  // namespace

TEST_CASE(
    "ORD-SYNC-IMPORT: orders read through the plugin carry address parts, deadlines and fees equal to the truth") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("order-fields");
  const json::object truth = stable_truth(env, [&] {
    env.ok(inst, "sync.run", json::object{{"kinds", json::array{"orders"}}});
  });
  const auto& orders = truth.at("orders").as_array();
  REQUIRE(orders.size() >= 400);
  std::map<std::string, json::object> views;
  json::object req{{"limit", 100}};
  for (int guard = 0; guard < 100; ++guard) {
    const auto page = env.ok(inst, "orders.search", req);
    for (const auto& o : page.at("orders").as_array()) views[str(o, "external_id")] = o.as_object();
    if (page.at("next_cursor").is_null()) break;
    req["cursor"] = page.at("next_cursor");
  }
  REQUIRE(views.size() == orders.size());
  int with_address = 0;
  for (const auto& tv : orders) {
    const auto& t = tv.as_object();
    const std::string id = str(t, "id");
    INFO("order " << id << " " << str(t, "status"));
    const auto got = env.ok(inst, "orders.get", json::object{{"id", id}}).at("order").as_object();
    CHECK(got == views.at(id));  // search and get answer the same order.v1
    require_schema(got, "order.v1");
    check_address(got, t);
    check_deadlines(got, t);
    check_fees(got, t);
    with_address += t.contains("recipient_address") ? 1 : 0;
  }
  CHECK(with_address > 0);
}

TEST_CASE("ORD-3PL-FULFILL: a shipped package's shipment.v1 carries its weight, box and both addresses") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("order-fields");
  const auto order = awaiting_shipment_order(env, "TIKTOK");
  const std::string pkg = str(order.at("packages").as_array().at(0), "id");
  const auto s = env.ok(inst, "fulfillment.ship",
                        json::object{{"package_id", pkg}, {"handover_method", "drop_off"}, {"include_raw", true}});
  const auto& raw = s.at("raw").as_object();
  require_schema(s, "shipment.v1");
  CHECK(s.at("weight").at("value") == raw.at("weight").at("value"));
  CHECK(s.at("weight").at("unit") == "GRAM");
  CHECK(std::stoll(str(s.at("weight"), "value")) > 0);
  for (const char* k : {"length", "width", "height", "unit"})
    CHECK(s.at("dimension").at(k) == raw.at("dimension").at(k));
  CHECK(s.at("recipient_address").at("postal_code") == order.at("recipient_address").at("postal_code"));
  CHECK(s.at("recipient_address").at("name") == order.at("recipient_address").at("name"));
  CHECK(s.at("sender_address").at("full_address") == raw.at("sender_address").at("full_address"));
  CHECK_FALSE(str(s.at("sender_address"), "postal_code").empty());
  CHECK(s.at("delivery_option") == raw.at("delivery_option_name"));
}

TEST_CASE("returns read through the plugin carry return method, carrier, warehouse, label fee and keep-item") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("order-fields");
  const auto page = env.ok(inst, "returns.search", json::object{{"page_size", 50}, {"include_raw", true}});
  REQUIRE(page.at("count").as_int64() > 0);
  int shipped_back = 0;
  for (const auto& rv : page.at("items").as_array()) {
    const auto& r = rv.as_object();
    const auto& raw = r.at("raw").as_object();
    INFO(str(r, "external_id"));
    require_schema(r, "return.v1");
    CHECK(r.at("buyer_keeps_item") == raw.at("can_buyer_keep_item"));
    if (!raw.contains("return_method")) continue;
    ++shipped_back;
    CHECK((r.at("return_method") == "platform_shipped" || r.at("return_method") == "buyer_shipped"));
    CHECK(r.at("return_warehouse_address") == raw.at("return_warehouse_address").at("full_address"));
    const auto& fee = raw.at("shipping_fee_amount").as_array().at(0);
    CHECK(r.at("return_shipping_fee").at("seller_paid") == fee.at("seller_paid_return_shipping_fee"));
    CHECK(r.at("return_shipping_fee").at("buyer_paid") == fee.at("buyer_paid_return_shipping_fee"));
    if (raw.contains("return_provider_name")) CHECK(r.at("carrier") == raw.at("return_provider_name"));
  }
  CHECK(shipped_back > 0);
}
