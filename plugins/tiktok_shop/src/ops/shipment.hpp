// shipment.v1 (plugin_api/schemas/shipment.v1.json) from TikTok package and order objects.
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ocean::tiktok::ops {

// Package status (PROCESSING, FULFILLING, COMPLETED, CANCELLED) to the neutral status.
std::string shipment_status_of_package(std::string_view package_status);
// Order status to the status of its packages (used where only the order is known).
std::string shipment_status_of_order(std::string_view order_status);
// PICKUP / DROP_OFF / SELLER (or a self_shipment) to the neutral handover method; "" unknown.
std::string handover_of(std::string_view tiktok_word);

// The common part: schema, marketplace, account, shop, package id.
boost::json::object shipment_base(const std::string& account_id, const std::string& shop_id,
                                  const std::string& package_id);

// From Get Package Detail: weight, dimension (decimal strings with their units), sender and recipient
// address, delivery option. Fields the answer lacks are left out.
void put_package_details(boost::json::object& shipment, const boost::json::object& package_detail);

}  // namespace ocean::tiktok::ops
