// event.v1 JSON for the host (plugin_api/schemas/event.v1.json).
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ocean::tiktok::model {

std::string make_event(std::string_view type, std::string_view account_id, std::int64_t now_ms,
                       boost::json::object data);

}  // namespace ocean::tiktok::model
