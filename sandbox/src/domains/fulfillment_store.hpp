// Fulfillment entities kept per shop (Extension "fulfillment"): delivery options, shipping providers and
// what the seller did to each package. A package's status, times and line items are derived from its
// order (model.hpp), so the order and its packages can never disagree.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "../api.hpp"
#include "../model.hpp"

namespace tts_sandbox {

struct ShippingProvider {
  std::string id;
  std::string name;
};

struct DeliveryOption {
  std::string id;
  std::string warehouse_id;
  std::string type;  // STANDARD, ECONOMY, SEND_BY_SELLER
  std::string name;
  std::int64_t max_weight_grams = 0;
  std::vector<std::string> provider_ids;
};

struct TrackingEvent {
  std::int64_t at = 0;  // Unix seconds; the API reports milliseconds
  std::string description;
};

struct PackageMeta {
  bool shipped = false;          // shipped through the API (ship / mark as shipped)
  std::int64_t shipped_at = 0;   // when it shipped through the API (the 72 h tracking-update window)
  int info_updates = 0;          // shipping info updates after shipment
  std::int64_t create_time = 0;  // set for packages split off an order; 0 = the order's paid time
  std::int64_t update_time = 0;
  std::string handover_method;  // PICKUP, DROP_OFF or "" (self shipment / automatic flow)
  std::int64_t pickup_start = 0, pickup_end = 0;
  std::string tracking_number;
  std::string provider_id;
  std::vector<TrackingEvent> events;
};

struct FulfillmentStore : Extension {
  std::vector<ShippingProvider> providers;
  std::vector<DeliveryOption> options;
  std::map<std::string, PackageMeta> packages;       // package id -> seller actions
  std::map<std::string, std::string> package_order;  // package id -> order id (cache over the orders)
  std::size_t indexed_orders = 0;                    // orders covered by package_order
  std::size_t shipping_checked = 0;                  // orders given a real delivery option
};

inline FulfillmentStore& fulfillment_store(Shop& shop) { return shop.data.extension<FulfillmentStore>("fulfillment"); }
inline const FulfillmentStore& fulfillment_store(const Shop& shop) {
  return const_cast<Shop&>(shop).data.extension<FulfillmentStore>("fulfillment");
}

inline const DeliveryOption* find_option(const Shop& shop, const std::string& id) {
  const auto& opts = fulfillment_store(shop).options;
  auto it = std::find_if(opts.begin(), opts.end(), [&](const DeliveryOption& o) { return o.id == id; });
  return it == opts.end() ? nullptr : &*it;
}

inline std::string provider_name(const Shop& shop, const std::string& id, const std::string& fallback) {
  for (const auto& p : fulfillment_store(shop).providers)
    if (p.id == id) return p.name;
  return fallback;
}

// Gives the order a delivery option of its warehouse matching `shipping_type` (SELLER ships with the
// SEND_BY_SELLER option) and that option's first provider.
inline void assign_shipping(Shop& shop, Order& order, const std::string& shipping_type) {
  order.shipping_type = shipping_type;
  for (const auto& o : fulfillment_store(shop).options) {
    if (o.warehouse_id != order.warehouse_id) continue;
    if ((shipping_type == "SELLER") != (o.type == "SEND_BY_SELLER")) continue;
    order.delivery_option_id = o.id;
    order.delivery_option_name = o.name;
    if (!o.provider_ids.empty()) {
      order.shipping_provider_id = o.provider_ids.front();
      order.shipping_provider = provider_name(shop, order.shipping_provider_id, order.shipping_provider);
    }
    return;
  }
}

// Shipping documents handed out by GET .../shipping_documents and served at /_sandbox/documents/<id>.
struct ShippingDocument {
  std::string package_id;
  std::string type, size, format;
  std::string tracking_number;
  std::int64_t expires = 0;
};
std::map<std::string, ShippingDocument>& documents();
void register_document_route(AdminRouter& r);

}  // namespace tts_sandbox
