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

}  // namespace ocean::tiktok::ops
