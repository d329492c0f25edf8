// The neutral views (plugin_api/schemas order.v1, product.v1) built from the raw API object
// kept in the store. Money stays a decimal string; times become RFC 3339 UTC.
#pragma once
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>

namespace ocean::tiktok::model {

struct ViewContext {
  std::string account_id;
  std::string shop_id;
  bool include_raw = false;
  // ERP SKU of a TikTok SKU id from the external-id map; nullopt when unmapped.
  std::function<std::optional<std::string>(const std::string& sku_id)> erp_sku;
  // The ERP order number set on TikTok for an order (orders.external_refs.set); nullopt when none.
  std::function<std::optional<std::string>(const std::string& order_id)> external_order_id;
};

// `raw_json` is what parse_order / parse_product accepted; throws ParseError otherwise.
boost::json::object order_view(const std::string& raw_json, const ViewContext& ctx);
boost::json::object product_view(const std::string& raw_json, const ViewContext& ctx);

}  // namespace ocean::tiktok::model
