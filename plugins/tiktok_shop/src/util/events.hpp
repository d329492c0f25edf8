// event.v1 objects for the host (plugin_api/schemas/event.v1.json).
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace ocean::tiktok {

// "2026-11-25T08:30:00Z" for a Unix-epoch millisecond time.
std::string rfc3339_utc(std::int64_t unix_ms);

// {"schema":"event.v1","type":..,"account_id":..,"marketplace":"tiktok_shop","occurred_at":..,"data":..}
std::string make_event(const std::string& type, const std::string& account_id, std::int64_t now_ms,
                       boost::json::object data);

}  // namespace ocean::tiktok
