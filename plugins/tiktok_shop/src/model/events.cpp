#include "model/events.hpp"

#include <boost/json/serialize.hpp>

#include "model/time_format.hpp"

namespace ocean::tiktok::model {

std::string make_event(std::string_view type, std::string_view account_id, std::int64_t now_ms,
                       boost::json::object data) {
  boost::json::object e;
  e["schema"] = "event.v1";
  e["type"] = type;
  if (!account_id.empty()) e["account_id"] = account_id;
  e["marketplace"] = "tiktok_shop";
  e["occurred_at"] = rfc3339(now_ms / 1000);
  e["data"] = std::move(data);
  return boost::json::serialize(e);
}

}  // namespace ocean::tiktok::model
