// Orders as Get Order Detail and Search Orders fill them (202309/202507 order models): recipient
// address parts, deadlines and flow moments that appear only once they happened, the buyer's
// cancellation request, and the payment breakdown whose identities hold to the minor unit.
#include "sandbox_domains/domains_fixture.hpp"

using namespace domains_test;

namespace {

// Minor units of a decimal string the sandbox printed in the shop's currency ("12.50" -> 1250).
std::int64_t minor(const json::value& v) {
  std::string digits;
  for (char c : v.as_string()) {
    if (c != '.') digits += c;
  }
  return std::stoll(digits);
}

std::int64_t pay(const json::object& o, const char* key) { return minor(o.at("payment").as_object().at(key)); }

std::int64_t time_of(const json::object& o, const char* key) { return o.at(key).to_number<std::int64_t>(); }

bool one_of(const json::value& v, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (v == w) return true;
  return false;
}

// Every order of the session's shop through the search (pages of 100).
std::vector<json::object> all_orders(TtsClient& c) {
  std::vector<json::object> out;
  std::string token;
  for (int guard = 0; guard < 100; ++guard) {
    ocean::url::QueryParams q{{"page_size", "100"}};
    if (!token.empty()) q.emplace_back("page_token", token);
    const auto d = ok(call(c, "POST", "/order/202309/orders/search", q, json::object{}));
    for (const auto& o : d.at("orders").as_array()) out.push_back(o.as_object());
    token = str(d.at("next_page_token"));
    if (token.empty()) break;
  }
  return out;
}

void check_payment(const json::object& o, const std::string& region) {
  INFO("order " << str(o.at("id")) << " in " << region);
  const auto& p = o.at("payment").as_object();
  std::int64_t sale = 0, item_tax = 0;
  for (const auto& li : o.at("line_items").as_array()) {
    sale += minor(li.as_object().at("sale_price"));
    for (const auto& t : li.as_object().at("item_tax").as_array()) item_tax += minor(t.as_object().at("tax_amount"));
  }
  CHECK(pay(o, "sub_total") ==
        pay(o, "original_total_product_price") - pay(o, "seller_discount") - pay(o, "platform_discount"));
  CHECK(pay(o, "sub_total") + pay(o, "platform_discount") == sale);
  CHECK(pay(o, "shipping_fee") == pay(o, "original_shipping_fee") - pay(o, "shipping_fee_seller_discount") -
                                      pay(o, "shipping_fee_platform_discount"));
  CHECK(pay(o, "tax") == pay(o, "product_tax") + pay(o, "shipping_fee_tax"));
  CHECK(pay(o, "product_tax") == item_tax);
  CHECK(pay(o, "total_amount") ==
        pay(o, "sub_total") + pay(o, "shipping_fee") + pay(o, "tax") + pay(o, "small_order_fee") +
            pay(o, "retail_delivery_fee") + pay(o, "buyer_service_fee") + pay(o, "handling_fee") +
            pay(o, "shipping_insurance_fee") + pay(o, "item_insurance_fee") + pay(o, "item_insurance_tax"));
  // Market fees only where the models document them.
  if (region != "TH") CHECK(pay(o, "small_order_fee") == 0);
  if (region == "TH") CHECK(pay(o, "small_order_fee") == std::max<std::int64_t>(0, 2000 - pay(o, "sub_total")));
  if (region != "US") CHECK(pay(o, "retail_delivery_fee") == 0);
  if (region != "ID") CHECK(pay(o, "buyer_service_fee") + pay(o, "shipping_insurance_fee") == 0);
  if (region != "US" && region != "ID") CHECK(pay(o, "item_insurance_fee") == 0);
  if (region != "US") CHECK(pay(o, "tax") + pay(o, "item_insurance_tax") == 0);
  CHECK(p.at("currency").is_string());
}

void check_address(const json::object& o, const std::string& region) {
  INFO("order " << str(o.at("id")) << " " << str(o.at("status")));
  // "recipient_address is not available under UNPAID and ON_HOLD status".
  if (one_of(o.at("status"), {"UNPAID", "ON_HOLD"})) {
    CHECK_FALSE(o.contains("recipient_address"));
    return;
  }
  const auto& a = o.at("recipient_address").as_object();
  CHECK(str(a.at("name")) == str(a.at("first_name")) + " " + str(a.at("last_name")));
  CHECK_FALSE(str(a.at("address_line1")).empty());
  CHECK(a.at("address_line1") == a.at("address_detail"));
  for (const char* k : {"address_line2", "address_line3", "address_line4", "postal_code"}) CHECK(a.at(k).is_string());
  if (region != "BR") CHECK(str(a.at("address_line3")).empty());
  CHECK(str(a.at("region_code")) == region);
  const auto& d = a.at("district_info").as_array();
  REQUIRE(d.size() >= 3);
  CHECK(d.front().as_object().at("address_level") == "L0");
  for (const auto& level : d) {
    CHECK_FALSE(str(level.as_object().at("address_name")).empty());
    CHECK_FALSE(str(level.as_object().at("address_level_name")).empty());
  }
  CHECK(a.contains("delivery_preferences") == (region == "US"));
  if (region == "US") CHECK_FALSE(str(a.at("delivery_preferences").as_object().at("drop_off_location")).empty());
}

// A moment (rts_time, collection_time, ...) exists exactly when the order has reached it, and the
// moments and deadlines keep their order.
void check_times(const json::object& o) {
  INFO("order " << str(o.at("id")) << " " << str(o.at("status")));
  const auto& s = o.at("status");
  const bool cancelled = s == "CANCELLED";
  const bool shipped = one_of(s, {"AWAITING_COLLECTION", "PARTIALLY_SHIPPING", "IN_TRANSIT", "DELIVERED", "COMPLETED"});
  const bool collected = one_of(s, {"IN_TRANSIT", "DELIVERED", "COMPLETED"});
  const bool delivered = one_of(s, {"DELIVERED", "COMPLETED"});
  CHECK(o.contains("rts_time") == shipped);
  CHECK(o.contains("collection_time") == collected);
  CHECK(o.contains("delivery_time") == delivered);
  CHECK(o.contains("cancel_time") == cancelled);
  CHECK(o.contains("cancellation_initiator") == cancelled);
  if (cancelled) CHECK(one_of(o.at("cancellation_initiator"), {"BUYER", "SELLER", "SYSTEM"}));
  CHECK(o.contains("cancel_order_sla_time") == (s == "UNPAID"));
  const bool paid = o.contains("paid_time");
  for (const char* k : {"shipping_due_time", "collection_due_time", "delivery_sla_time", "delivery_due_time"}) {
    CHECK(o.contains(k) == paid);
  }
  const std::int64_t created = time_of(o, "create_time"), updated = time_of(o, "update_time");
  std::int64_t last = created;
  for (const char* k : {"paid_time", "rts_time", "collection_time", "delivery_time"}) {
    if (!o.contains(k)) continue;
    CHECK(time_of(o, k) >= last);
    last = time_of(o, k);
  }
  CHECK(last <= updated);
  if (cancelled) CHECK(time_of(o, "cancel_time") <= updated);
  if (paid) {
    CHECK(time_of(o, "rts_sla_time") <= time_of(o, "shipping_due_time"));
    CHECK(time_of(o, "tts_sla_time") <= time_of(o, "collection_due_time"));
    CHECK(time_of(o, "delivery_sla_time") <= time_of(o, "delivery_due_time"));
    if (shipped) CHECK(time_of(o, "rts_time") <= time_of(o, "shipping_due_time"));
    if (collected) CHECK(time_of(o, "collection_time") <= time_of(o, "collection_due_time"));
    if (delivered) CHECK(time_of(o, "delivery_time") <= time_of(o, "delivery_due_time"));
  }
  CHECK(o.at("is_buyer_request_cancel").is_bool());
  if (o.at("is_buyer_request_cancel").as_bool()) CHECK(o.contains("request_cancel_time"));
  if (o.contains("request_cancel_time")) CHECK(time_of(o, "request_cancel_time") >= created);
  for (const auto& lv : o.at("line_items").as_array()) {
    const auto& li = lv.as_object();
    const bool line_shipped = one_of(li.at("package_status"), {"PROCESSING", "FULFILLING", "COMPLETED"});
    CHECK(li.contains("rts_time") == line_shipped);
    if (line_shipped) CHECK(time_of(li, "rts_time") >= created);
    CHECK(li.at("is_dangerous_good").is_bool());
    CHECK(li.contains("cancel_user") == cancelled);
    if (cancelled) CHECK(li.at("cancel_user") == o.at("cancellation_initiator"));
  }
  for (const char* k : {"delivery_option_name", "payment_method_name", "order_type", "seller_note"}) {
    CHECK(o.at(k).is_string());
  }
  CHECK_FALSE(str(o.at("delivery_option_name")).empty());
  CHECK(o.at("order_type") == "NORMAL");
}

}  // namespace

TEST_CASE("ORD-SYNC-IMPORT: orders carry address parts, deadlines and flow moments as TikTok fills them") {
  SandboxProcess sb(args({"--shops", "6", "--orders", "90"}));
  std::map<std::string, int> seen;  // region -> orders checked
  for (std::size_t shop = 0; shop < 6; ++shop) {
    auto s = session(sb, shop);
    const std::string region = str(truth(s.client, s.shop_id).at("shop").as_object().at("region"));
    const auto orders = all_orders(s.client);
    REQUIRE(orders.size() == 90);
    for (const auto& o : orders) {
      check_address(o, region);
      check_times(o);
      ++seen[region];
    }
    // Search and detail show the same order, and the truth agrees with both (a completed order: the
    // sandbox clock runs in real time, and a completed order no longer changes).
    const json::object* done = nullptr;
    for (const auto& o : orders) done = (done == nullptr && o.at("status") == "COMPLETED") ? &o : done;
    REQUIRE(done != nullptr);
    const std::string some = str(done->at("id"));
    const auto detail = ok(call(s.client, "GET", "/order/202309/orders", {{"ids", some}})).at("orders").as_array();
    REQUIRE(detail.size() == 1);
    CHECK(detail.front().as_object() == *done);
    const auto all_truth = truth(s.client, s.shop_id);
    for (const auto& t : all_truth.at("orders").as_array()) {
      if (str(t.as_object().at("id")) == some) CHECK(t.as_object() == *done);
    }
  }
  CHECK(seen.size() == 6);
}

TEST_CASE("ORD-SYNC-TAX: the payment breakdown sums to the total to the minor unit, with each market's fees") {
  SandboxProcess sb(args({"--shops", "6", "--orders", "90"}));
  std::map<std::string, std::int64_t> fees;  // fee name -> orders where it is not zero
  for (std::size_t shop = 0; shop < 6; ++shop) {
    auto s = session(sb, shop);
    const std::string region = str(truth(s.client, s.shop_id).at("shop").as_object().at("region"));
    for (const auto& o : all_orders(s.client)) {
      check_payment(o, region);
      for (const char* k : {"shipping_fee_seller_discount", "shipping_fee_platform_discount", "tax", "handling_fee",
                            "retail_delivery_fee", "buyer_service_fee", "shipping_insurance_fee", "item_insurance_fee",
                            "item_insurance_tax"}) {
        fees[k] += pay(o, k) != 0 ? 1 : 0;
      }
      if (region == "US") {
        for (const auto& li : o.at("line_items").as_array()) {
          const auto& tax = li.as_object().at("item_tax").as_array();
          REQUIRE(tax.size() == 1);
          CHECK(tax.front().as_object().at("tax_type") == "SALES_TAX");
        }
      }
    }
  }
  // The generated world exercises every part of the breakdown.
  for (const auto& [k, n] : fees) {
    INFO(k);
    CHECK(n > 0);
  }
}

TEST_CASE("ORD-CANCEL-BUYER: a buyer's cancellation request shows on the order until it is answered") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto o = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string id = str(o.at("id"));
  CHECK(o.at("is_buyer_request_cancel") == false);
  CHECK_FALSE(o.contains("request_cancel_time"));
  const auto made = s.client.admin("POST", "/_sandbox/cancellations", json::object{{"order_id", id}});
  const std::string cancel_id = str(made.as_object().at("cancel_id"));
  auto now = get_order(s.client, id);
  CHECK(now.at("is_buyer_request_cancel") == true);
  const std::int64_t requested = time_of(now, "request_cancel_time");
  CHECK(requested >= time_of(now, "create_time"));
  ok(call(s.client, "POST", "/return_refund/202309/cancellations/" + cancel_id + "/approve", {}, json::object{}));
  now = get_order(s.client, id);
  CHECK(now.at("status") == "CANCELLED");
  CHECK(now.at("is_buyer_request_cancel") == false);
  CHECK(time_of(now, "request_cancel_time") == requested);
  CHECK(now.at("cancellation_initiator") == "BUYER");
  CHECK(time_of(now, "cancel_time") >= requested);
  for (const auto& li : now.at("line_items").as_array()) CHECK(li.as_object().at("cancel_user") == "BUYER");
}

TEST_CASE("ORD-3PL-FULFILL: shipping sets rts_time on the order and its lines, collection and delivery follow") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto o = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string id = str(o.at("id"));
  CHECK_FALSE(o.contains("rts_time"));
  const std::string pkg = str(o.at("packages").as_array().at(0).as_object().at("id"));
  ok(call(s.client, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {},
          json::object{{"handover_method", "DROP_OFF"}}));
  auto now = get_order(s.client, id);
  CHECK(now.at("status") == "AWAITING_COLLECTION");
  const std::int64_t rts = time_of(now, "rts_time");
  CHECK(rts >= time_of(o, "paid_time"));
  for (const auto& li : now.at("line_items").as_array()) CHECK(time_of(li.as_object(), "rts_time") == rts);
  CHECK_FALSE(now.contains("collection_time"));
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 6 * 86400}});
  s.client.sync_clock();
  now = get_order(s.client, id);
  CHECK(time_of(now, "rts_time") == rts);  // a moment never moves once it happened
  check_times(now);
  CHECK(now.contains("collection_time"));
}
