// The capability handlers of the operations domains, one file per domain; each reads and checks its whole
// request first (Failure(invalid_argument) naming the field, no network), then calls the API through
// OpsContext. capability/table.cpp routes each capability id to one of these.
#pragma once
#include <boost/json/object.hpp>

#include "capability/request.hpp"
#include "ops/context.hpp"

namespace ocean::tiktok::ops {

using capability::Paging;
using capability::Request;

// logistics.cpp
boost::json::object logistics_warehouses(OpsContext& c, const Request& r);
boost::json::object logistics_shipping_providers(OpsContext& c, const Request& r);
// fulfillment.cpp
boost::json::object fulfillment_ship(OpsContext& c, const Request& r);
boost::json::object fulfillment_documents(OpsContext& c, const Request& r);
boost::json::object fulfillment_tracking(OpsContext& c, const Request& r);
boost::json::object fulfillment_mark_shipped(OpsContext& c, const Request& r);
// dispatch.cpp
boost::json::object fulfillment_update_tracking(OpsContext& c, const Request& r);
boost::json::object logistics_carrier_map_set(OpsContext& c, const Request& r);
boost::json::object logistics_carrier_map_get(OpsContext& c, const Request& r);
// order_refs.cpp
boost::json::object orders_external_refs_set(OpsContext& c, const Request& r);
boost::json::object orders_external_refs_get(OpsContext& c, const Request& r);
// cancellation_decisions.cpp
boost::json::object cancellations_approve(OpsContext& c, const Request& r);
boost::json::object cancellations_reject(OpsContext& c, const Request& r);
boost::json::object cancellations_reject_reasons(OpsContext& c, const Request& r);
// promotions.cpp
boost::json::object promotions_create(OpsContext& c, const Request& r);
boost::json::object promotions_update(OpsContext& c, const Request& r);
boost::json::object promotions_products_add(OpsContext& c, const Request& r);
boost::json::object promotions_products_remove(OpsContext& c, const Request& r);
boost::json::object promotions_deactivate(OpsContext& c, const Request& r);
boost::json::object promotions_get(OpsContext& c, const Request& r);
boost::json::object promotions_search(OpsContext& c, const Request& r);
boost::json::object promotions_coupons_search(OpsContext& c, const Request& r);
// returns.cpp
boost::json::object returns_search(OpsContext& c, const Request& r);
boost::json::object returns_approve(OpsContext& c, const Request& r);
boost::json::object returns_reject(OpsContext& c, const Request& r);
boost::json::object cancellations_search(OpsContext& c, const Request& r);
boost::json::object orders_cancel(OpsContext& c, const Request& r);
// live_planner.cpp
boost::json::object live_sessions_plan(OpsContext& c, const Request& r);
boost::json::object live_sessions_list(OpsContext& c, const Request& r);
boost::json::object live_sessions_get(OpsContext& c, const Request& r);
boost::json::object live_sessions_cancel(OpsContext& c, const Request& r);
boost::json::object live_sessions_performance(OpsContext& c, const Request& r);
// affiliate.cpp
boost::json::object affiliate_collaborations_create(OpsContext& c, const Request& r);
boost::json::object affiliate_collaborations_search(OpsContext& c, const Request& r);
boost::json::object affiliate_creators_search(OpsContext& c, const Request& r);
boost::json::object affiliate_orders_search(OpsContext& c, const Request& r);
boost::json::object affiliate_creators_summary(OpsContext& c, const Request& r);
// analytics.cpp
boost::json::object analytics_shop_performance(OpsContext& c, const Request& r);
boost::json::object analytics_product_performance(OpsContext& c, const Request& r);
boost::json::object analytics_sku_performance(OpsContext& c, const Request& r);
boost::json::object analytics_video_performance(OpsContext& c, const Request& r);

}  // namespace ocean::tiktok::ops
