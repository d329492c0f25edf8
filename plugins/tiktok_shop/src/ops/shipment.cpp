#include "ops/shipment.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

std::string shipment_status_of_package(std::string_view s) {
  if (s == "PROCESSING" || s == "TO_FULFILL") return "processing";
  if (s == "AWAITING_COLLECTION") return "ready_to_ship";
  if (s == "FULFILLING" || s == "IN_TRANSIT") return "shipped";
  if (s == "COMPLETED" || s == "DELIVERED") return "delivered";
  if (s == "CANCELLED") return "cancelled";
  return "processing";  // unknown words: the TikTok word stays in marketplace_status
}

std::string shipment_status_of_order(std::string_view s) {
  if (s == "AWAITING_COLLECTION") return "ready_to_ship";
  if (s == "IN_TRANSIT" || s == "PARTIALLY_SHIPPING") return "shipped";
  if (s == "DELIVERED" || s == "COMPLETED") return "delivered";
  if (s == "CANCELLED") return "cancelled";
  return "processing";
}

std::string handover_of(std::string_view w) {
  if (w == "PICKUP") return "pickup";
  if (w == "DROP_OFF") return "drop_off";
  if (w == "SELLER" || w == "SELF_SHIPMENT" || w == "SELLER_SHIPPED") return "seller_shipped";
  return "";
}

json::object shipment_base(const std::string& account_id, const std::string& shop_id, const std::string& package_id) {
  json::object o{{"schema", "shipment.v1"},
                 {"marketplace", "tiktok_shop"},
                 {"account_id", account_id},
                 {"package_id", package_id}};
  if (!shop_id.empty()) o["shop_id"] = shop_id;
  return o;
}

namespace {

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

const json::object* object_at(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_object()) ? &v->as_object() : nullptr;
}

// A package address as shipment.v1 shows it (the shape of order.v1's shipping_address).
json::object neutral_address(const json::object& a) {
  json::array lines;
  for (const char* k : {"address_line1", "address_line2", "address_line3", "address_line4"}) {
    if (auto l = text(a, k); !l.empty()) lines.push_back(json::value(l));
  }
  return json::object{{"name", text(a, "name")},
                      {"phone", text(a, "phone_number")},
                      {"lines", std::move(lines)},
                      {"postal_code", text(a, "postal_code")},
                      {"region_code", text(a, "region_code")},
                      {"full_address", text(a, "full_address")}};
}

}  // namespace

void put_package_details(json::object& s, const json::object& d) {
  if (const auto* w = object_at(d, "weight"); w != nullptr && !text(*w, "value").empty()) {
    s["weight"] = json::object{{"value", text(*w, "value")}, {"unit", text(*w, "unit")}};
  }
  if (const auto* b = object_at(d, "dimension"); b != nullptr && !text(*b, "length").empty()) {
    s["dimension"] = json::object{{"length", text(*b, "length")},
                                  {"width", text(*b, "width")},
                                  {"height", text(*b, "height")},
                                  {"unit", text(*b, "unit")}};
  }
  if (const auto* a = object_at(d, "sender_address")) s["sender_address"] = neutral_address(*a);
  if (const auto* a = object_at(d, "recipient_address")) s["recipient_address"] = neutral_address(*a);
  if (auto name = text(d, "delivery_option_name"); !name.empty()) s["delivery_option"] = name;
}

}  // namespace ocean::tiktok::ops
