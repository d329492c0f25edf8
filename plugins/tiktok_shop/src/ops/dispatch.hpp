// What shipping an order needs beyond the call itself: the order and package as TikTok sees them, the
// on-hold guard (ORD-SYNC-ONHOLD: no fulfilment during the one-hour hold unless the caller forces
// it), and the shipping provider named either by TikTok id or by the ERP's carrier code through the
// carrier map (SHOP-MAN-CARRIER). Shared by fulfillment.cpp and dispatch.cpp.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "capability/request.hpp"
#include "ops/context.hpp"

namespace ocean::tiktok::ops {

// A paid order stays on hold this long (reference §4, ORD-SYNC-ONHOLD: "the 1-hour On Hold").
inline constexpr std::int64_t kOnHoldSeconds = 3600;

// GET /order/202309/orders?ids= for one order; Failure(not_found) when TikTok does not know it.
boost::json::object order_detail(OpsContext& c, const std::string& order_id);
// GET /fulfillment/202309/packages/{id} as shipment.v1 (carrier name, tracking, line_item_ids).
boost::json::object package_shipment(OpsContext& c, const std::string& package_id, bool raw);

// When the order's hold ends (Unix seconds), or nullopt when it is not on hold.
std::optional<std::int64_t> hold_end(const boost::json::object& order);
// Failure(invalid_argument) naming the hold end while the order is on hold, unless `force`.
void refuse_during_hold(OpsContext& c, const boost::json::object& order, bool force);

// The TikTok shipping provider id of a request: `shipping_provider_id` as given, or `carrier` (an ERP
// carrier code) mapped for the order's delivery option. Exactly one of the two must be present.
std::string provider_of(OpsContext& c, const capability::Request& r, const boost::json::object& order);
// The request's tracking number: 1-64 letters, digits or '-'.
std::string tracking_number_of(const capability::Request& r);

}  // namespace ocean::tiktok::ops
