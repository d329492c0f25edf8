// The capability handlers of each operations domain. Each reads and validates its whole request
// first (Failure(invalid_argument), no network), then calls the API through OpsContext.
#pragma once
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "ops/context.hpp"

namespace ocean::tiktok::ops {

using OpsHandler = std::function<boost::json::object(OpsContext&, const boost::json::object&)>;
using OpsHandlers = std::map<std::string, OpsHandler, std::less<>>;

// Each adds its capabilities (the manifest's ids) to `h`.
void add_logistics(OpsHandlers& h);
void add_fulfillment(OpsHandlers& h);
void add_promotions(OpsHandlers& h);
void add_returns(OpsHandlers& h);
void add_live_planner(OpsHandlers& h);
void add_affiliate(OpsHandlers& h);
void add_analytics(OpsHandlers& h);

}  // namespace ocean::tiktok::ops
