#include "util/events.hpp"

#include <boost/json/serialize.hpp>

#include <ctime>

namespace ocean::tiktok {

std::string rfc3339_utc(std::int64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string make_event(const std::string& type, const std::string& account_id, std::int64_t now_ms,
                       boost::json::object data) {
  boost::json::object e;
  e["schema"] = "event.v1";
  e["type"] = type;
  e["account_id"] = account_id;
  e["marketplace"] = "tiktok_shop";
  e["occurred_at"] = rfc3339_utc(now_ms);
  e["data"] = std::move(data);
  return boost::json::serialize(e);
}

}  // namespace ocean::tiktok
