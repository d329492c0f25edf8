// Promotion activities (reference §8, Promotions), shared by promotions.* and the LIVE planner's
// flash sales. Validation happens in the *_spec readers, before any call.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "ops/context.hpp"

namespace ocean::tiktok::ops {

inline constexpr std::size_t kMaxActivityTitle = 50;  // characters (reference §8)

// Throws Failure(invalid_argument) unless 1..50 characters (UTF-8 code points).
void check_activity_title(const std::string& title, const char* field);
// Throws unless begin < end and begin is not in the past (`now`).
void check_activity_window(std::int64_t begin, std::int64_t end, std::int64_t now, const char* what);

// The wire "products" array for PUT /activities/{id}/products from a request's "products",
// validated for the activity type (FLASHSALE/FIXED_PRICE need prices, DIRECT_DISCOUNT needs
// discount percentages in 1..99; "" = either, exactly one per entry).
boost::json::array activity_products(const boost::json::object& req, const char* key, const std::string& activity_type);

// POST /promotion/202309/activities; returns the activity id.
std::string create_activity(OpsContext& c, const boost::json::object& body);
void put_activity_products(OpsContext& c, const std::string& activity_id, const std::string& activity_type,
                           const boost::json::array& products);
void deactivate_activity(OpsContext& c, const std::string& activity_id);
// GET, normalized (RFC 3339 times, neutral type word, raw on request).
boost::json::object get_activity(OpsContext& c, const std::string& activity_id, bool raw);

}  // namespace ocean::tiktok::ops
