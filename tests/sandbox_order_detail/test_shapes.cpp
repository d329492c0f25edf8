// Shapes: every object the sandbox answers carries only fields the official models document for that
// endpoint (Search Orders / Get Order Detail, Search Package / Get Package Detail, Search Returns,
// Search Cancellations, Get Warehouse List), and the fields added for issue 13 are consistent with the
// rest of the world (warehouses, orders, products). The key lists come from the scraped API reference.
#include "sandbox_domains/domains_fixture.hpp"

using namespace domains_test;

namespace {

using Keys = std::set<std::string>;

// Search Orders and Get Order Detail (202309 list, 202507 detail): order, line item, address, payment.
const Keys kOrderKeys = {"id",
                         "buyer_message",
                         "cancellation_initiator",
                         "shipping_provider_id",
                         "create_time",
                         "shipping_provider",
                         "packages",
                         "payment",
                         "recipient_address",
                         "status",
                         "fulfillment_type",
                         "delivery_type",
                         "paid_time",
                         "rts_sla_time",
                         "tts_sla_time",
                         "cancel_reason",
                         "update_time",
                         "payment_method_name",
                         "rts_time",
                         "tracking_number",
                         "split_or_combine_tag",
                         "has_updated_recipient_address",
                         "cancel_order_sla_time",
                         "warehouse_id",
                         "request_cancel_time",
                         "shipping_type",
                         "user_id",
                         "seller_note",
                         "delivery_sla_time",
                         "is_cod",
                         "delivery_option_id",
                         "cancel_time",
                         "need_upload_invoice",
                         "delivery_option_name",
                         "cpf",
                         "line_items",
                         "buyer_email",
                         "delivery_due_time",
                         "is_sample_order",
                         "shipping_due_time",
                         "collection_due_time",
                         "delivery_option_required_delivery_time",
                         "is_on_hold_order",
                         "delivery_time",
                         "is_replacement_order",
                         "collection_time",
                         "replaced_order_id",
                         "is_buyer_request_cancel",
                         "pick_up_cut_off_time",
                         "fast_dispatch_sla_time",
                         "commerce_platform",
                         "order_type",
                         "release_date",
                         "handling_duration",
                         "auto_combine_group_id",
                         "cpf_name",
                         "is_exchange_order",
                         "exchange_source_order_id",
                         "consultation_id",
                         "fast_delivery_program",
                         "fulfillment_priority_level",
                         "recommended_shipping_time",
                         "payment_card_type",
                         "channel_entity_national_registry_id",
                         "payment_method_code",
                         "payment_auth_code"};
const Keys kLineKeys = {"id",
                        "sku_id",
                        "combined_listing_skus",
                        "display_status",
                        "product_name",
                        "seller_sku",
                        "sku_image",
                        "sku_name",
                        "product_id",
                        "sale_price",
                        "pfand_fee",
                        "platform_discount",
                        "seller_discount",
                        "sku_type",
                        "cancel_reason",
                        "original_price",
                        "rts_time",
                        "package_status",
                        "currency",
                        "shipping_provider_name",
                        "cancel_user",
                        "shipping_provider_id",
                        "is_gift",
                        "item_tax",
                        "tracking_number",
                        "package_id",
                        "retail_delivery_fee",
                        "buyer_service_fee",
                        "small_order_fee",
                        "handling_duration_days",
                        "is_dangerous_good",
                        "needs_prescription",
                        "gift_retail_price"};
const Keys kAddressKeys = {"full_address",
                           "phone_number",
                           "name",
                           "first_name",
                           "last_name",
                           "first_name_local_script",
                           "last_name_local_script",
                           "address_detail",
                           "address_line1",
                           "address_line2",
                           "address_line3",
                           "address_line4",
                           "district_info",
                           "delivery_preferences",
                           "postal_code",
                           "region_code",
                           "post_town"};
const Keys kPaymentKeys = {"currency",
                           "sub_total",
                           "shipping_fee",
                           "seller_discount",
                           "platform_discount",
                           "total_amount",
                           "original_total_product_price",
                           "original_shipping_fee",
                           "shipping_fee_seller_discount",
                           "shipping_fee_platform_discount",
                           "shipping_fee_cofunded_discount",
                           "tax",
                           "small_order_fee",
                           "shipping_fee_tax",
                           "product_tax",
                           "retail_delivery_fee",
                           "buyer_service_fee",
                           "handling_fee",
                           "shipping_insurance_fee",
                           "item_insurance_fee",
                           "item_insurance_tax"};
const Keys kPackageSearchKeys = {"id",
                                 "orders",
                                 "create_time",
                                 "update_time",
                                 "status",
                                 "tracking_number",
                                 "shipping_provider_name",
                                 "shipping_provider_id",
                                 "order_line_item_ids"};
const Keys kPackageDetailKeys = {"package_id",
                                 "orders",
                                 "package_status",
                                 "split_and_combine_tag",
                                 "has_multi_skus",
                                 "note_tag",
                                 "shipping_provider_name",
                                 "shipping_provider_id",
                                 "shipping_type",
                                 "delivery_option_name",
                                 "delivery_option_id",
                                 "tracking_number",
                                 "last_mile_tracking_number",
                                 "pickup_slot",
                                 "create_time",
                                 "handover_method",
                                 "order_line_item_ids",
                                 "recipient_address",
                                 "sender_address",
                                 "weight",
                                 "dimension",
                                 "update_time",
                                 "insurance"};
const Keys kReturnKeys = {"order_id",
                          "return_id",
                          "return_type",
                          "return_status",
                          "arbitration_status",
                          "role",
                          "return_reason",
                          "return_reason_text",
                          "shipment_type",
                          "handover_method",
                          "return_tracking_number",
                          "return_provider_name",
                          "return_provider_id",
                          "pre_return_id",
                          "next_return_id",
                          "can_buyer_keep_item",
                          "update_time",
                          "seller_next_action_response",
                          "create_time",
                          "return_line_items",
                          "discount_amount",
                          "shipping_fee_amount",
                          "refund_amount",
                          "return_shipping_document_type",
                          "return_method",
                          "is_combined_return",
                          "combined_return_id",
                          "seller_proposed_return_type",
                          "partial_refund",
                          "buyer_rejected_partial_refund",
                          "return_warehouse_address"};
const Keys kCancelKeys = {"order_id",      "cancel_type",       "cancel_status",
                          "role",          "cancel_reason",     "cancel_reason_text",
                          "create_time",   "update_time",       "seller_next_action_response",
                          "refund_amount", "cancel_line_items", "cancel_id"};
const Keys kWarehouseKeys = {"id", "entity_id", "name", "effect_status", "type", "sub_type", "is_default", "address"};
const Keys kWarehouseAddressKeys = {"region",
                                    "state",
                                    "city",
                                    "distict",
                                    "town",
                                    "contact_person",
                                    "first_name",
                                    "last_name",
                                    "first_name_local_script",
                                    "last_name_local_script",
                                    "postal_code",
                                    "full_address",
                                    "region_code",
                                    "phone_number",
                                    "address_line1",
                                    "address_line2",
                                    "address_line3",
                                    "address_line4",
                                    "geolocation"};

void only_documented(const json::object& o, const Keys& allowed, const std::string& what) {
  for (const auto& kv : o) {
    INFO(what << " carries '" << std::string(kv.key()) << "', which the API does not document there");
    CHECK(allowed.count(std::string(kv.key())) == 1);
  }
}

void check_order_shape(const json::object& o) {
  only_documented(o, kOrderKeys, "order");
  only_documented(o.at("payment").as_object(), kPaymentKeys, "order payment");
  if (o.contains("recipient_address")) only_documented(o.at("recipient_address").as_object(), kAddressKeys, "address");
  for (const auto& li : o.at("line_items").as_array()) only_documented(li.as_object(), kLineKeys, "line item");
}

}  // namespace

TEST_CASE("shapes: orders from search and detail carry only documented order, line, address and payment fields") {
  SandboxProcess sb(args({"--shops", "3", "--orders", "60"}));
  for (std::size_t shop = 0; shop < 3; ++shop) {
    auto s = session(sb, shop);
    const auto d = ok(call(s.client, "POST", "/order/202309/orders/search", {{"page_size", "100"}}, json::object{}));
    const auto& orders = d.at("orders").as_array();
    REQUIRE(orders.size() == 60);
    for (const auto& o : orders) check_order_shape(o.as_object());
    const std::string ids = str(orders.at(0).as_object().at("id")) + "," + str(orders.at(1).as_object().at("id"));
    const auto detail = ok(call(s.client, "GET", "/order/202309/orders", {{"ids", ids}}));
    for (const auto& o : detail.at("orders").as_array()) {
      check_order_shape(o.as_object());
    }
  }
}

TEST_CASE("shapes: package search carries only package-search fields, the detail its addresses, weight and box") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const auto d =
      ok(call(s.client, "POST", "/fulfillment/202309/packages/search", {{"page_size", "50"}}, json::object{}));
  const auto& packages = d.at("packages").as_array();
  REQUIRE(!packages.empty());
  for (const auto& p : packages) only_documented(p.as_object(), kPackageSearchKeys, "searched package");

  std::map<std::string, json::object> orders, warehouses;
  for (const auto& o : t.at("orders").as_array()) orders[str(o.as_object().at("id"))] = o.as_object();
  const auto listed = ok(call(s.client, "GET", "/logistics/202309/warehouses"));
  for (const auto& w : listed.at("warehouses").as_array()) {
    warehouses[str(w.as_object().at("id"))] = w.as_object();
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(packages.size(), 10); ++i) {
    const std::string pid = str(packages.at(i).as_object().at("id"));
    const auto p = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + pid));
    only_documented(p, kPackageDetailKeys, "package detail");
    const std::string oid = str(p.at("orders").as_array().at(0).as_object().at("id"));
    const auto& order = orders.at(oid);
    // The recipient is the order's; the sender is the order's warehouse.
    const auto& to = p.at("recipient_address").as_object();
    CHECK(to.at("postal_code") == order.at("recipient_address").as_object().at("postal_code"));
    CHECK(to.at("name") == order.at("recipient_address").as_object().at("name"));
    const auto& from = p.at("sender_address").as_object();
    const auto& wh = warehouses.at(str(order.at("warehouse_id"))).at("address").as_object();
    CHECK(from.at("postal_code") == wh.at("postal_code"));
    CHECK(from.at("full_address") == wh.at("full_address"));
    const auto& weight = p.at("weight").as_object();
    CHECK(weight.at("unit") == "GRAM");
    CHECK(std::stoll(str(weight.at("value"))) > 0);
    const auto& box = p.at("dimension").as_object();
    CHECK(box.at("unit") == "CM");
    for (const char* k : {"length", "width", "height"}) CHECK(std::stoll(str(box.at(k))) > 0);
  }
}

TEST_CASE("shapes: returns and cancellations searches carry no reject_reason or seller_comment") {
  SandboxProcess sb(args({"--orders", "300"}));
  auto s = session(sb);
  const auto returns =
      ok(call(s.client, "POST", "/return_refund/202309/returns/search", {{"page_size", "50"}}, json::object{}))
          .at("return_orders")
          .as_array();
  REQUIRE(!returns.empty());
  std::string default_return_address;
  const auto listed = ok(call(s.client, "GET", "/logistics/202309/warehouses"));
  for (const auto& w : listed.at("warehouses").as_array()) {
    const auto& wo = w.as_object();
    if (wo.at("type") == "RETURN_WAREHOUSE" && wo.at("is_default").as_bool())
      default_return_address = str(wo.at("address").as_object().at("full_address"));
  }
  REQUIRE_FALSE(default_return_address.empty());
  int shipped_back = 0;
  for (const auto& rv : returns) {
    const auto& r = rv.as_object();
    only_documented(r, kReturnKeys, "return");
    CHECK(r.at("can_buyer_keep_item").is_bool());
    if (r.at("return_type") == "REFUND") {
      CHECK(r.at("can_buyer_keep_item") == true);
      CHECK_FALSE(r.contains("return_method"));
      continue;
    }
    ++shipped_back;
    CHECK((r.at("return_method") == "PLATFORM_SHIPPED" || r.at("return_method") == "BUYER_SHIPPED"));
    CHECK(str(r.at("return_warehouse_address").as_object().at("full_address")) == default_return_address);
    const auto& fee = r.at("shipping_fee_amount").as_array().at(0).as_object();
    for (const char* k :
         {"seller_paid_return_shipping_fee", "platform_paid_return_shipping_fee", "buyer_paid_return_shipping_fee"}) {
      CHECK(fee.at(k).is_string());
    }
    CHECK(r.contains("return_provider_name") == !str(r.at("return_tracking_number")).empty());
  }
  CHECK(shipped_back > 0);
  const auto cancels =
      ok(call(s.client, "POST", "/return_refund/202309/cancellations/search", {{"page_size", "50"}}, json::object{}))
          .at("cancellations")
          .as_array();
  REQUIRE(!cancels.empty());
  for (const auto& c : cancels) only_documented(c.as_object(), kCancelKeys, "cancellation");
}

TEST_CASE("shapes: warehouses carry their full address with only documented fields") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto ws = ok(call(s.client, "GET", "/logistics/202309/warehouses")).at("warehouses").as_array();
  REQUIRE(ws.size() == 3);
  for (const auto& w : ws) {
    only_documented(w.as_object(), kWarehouseKeys, "warehouse");
    const auto& a = w.as_object().at("address").as_object();
    only_documented(a, kWarehouseAddressKeys, "warehouse address");
    for (const char* k : {"address_line1", "city", "state", "postal_code", "region_code", "full_address"}) {
      INFO(k);
      CHECK_FALSE(str(a.at(k)).empty());
    }
    CHECK(str(a.at("full_address")).find(str(a.at("address_line1"))) == 0);
    CHECK(str(a.at("full_address")).find(str(a.at("postal_code"))) != std::string::npos);
  }
}
