// return.v1 from a TikTok return or cancellation object (returns.cpp), shared by the returns and the
// cancellation-decision handlers.
#pragma once
#include <boost/json/object.hpp>

#include "ops/context.hpp"

namespace ocean::tiktok::ops {

boost::json::object to_return_v1(OpsContext& c, const boost::json::object& o, bool cancellation, bool raw);

}  // namespace ocean::tiktok::ops
