#include "capability/router.hpp"

#include <boost/json/serialize.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::capability {
namespace json = boost::json;

const Capability* find_capability(std::string_view id) {
  for (const auto& c : capability_table()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string run_capability(const Rooms& rooms, std::string_view id, std::string_view request_json) {
  const Capability* cap = find_capability(id);
  if (cap == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto& c : capability_table()) ids.push_back(c.id);
    std::string message = "capability '" + std::string(id) + "' is not one this plugin has";
    if (const auto near = closest_name(id, ids); !near.empty()) message += " (did you mean '" + near + "'?)";
    throw Failure(Status::unsupported, message);
  }
  const json::object body = parse_request(request_json);
  const Request request(body, cap->fields);
  return json::serialize(cap->handler(rooms, request));
}

Outcome invoke(const Rooms& rooms, Logger& log, std::string_view id, std::string_view request_json,
               std::string& response) {
  return guarded(log, [&] { response = run_capability(rooms, id, request_json); });
}

}  // namespace ocean::tiktok::capability
