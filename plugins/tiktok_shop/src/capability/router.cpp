#include "capability/router.hpp"

#include <boost/json/serialize.hpp>

#include "audit/audit_capabilities.hpp"
#include "audit/audit_trail.hpp"
#include "util/call_trace.hpp"
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

// Every call but the host's monitoring polls gets an integration-log row: outcome, duration, the
// TikTok request id and the API calls it made, and the (redacted) error.
Outcome invoke(const Rooms& rooms, Logger& log, std::string_view id, std::string_view request_json,
               std::string& response) {
  audit::AuditTrail* trail = audit::is_monitoring_read(id) ? nullptr : rooms.audit;
  const std::int64_t started = trail ? trail->host().wall_ms() : 0;
  const auto mark = call_trace::mark();
  Outcome o = guarded(log, [&] { response = run_capability(rooms, id, request_json); });
  if (trail) {
    const auto trace = call_trace::since(mark);
    store::LogEntry row{std::string(id), started,  trail->host().wall_ms(), o.ok() ? "ok" : "failed", 0, 0,
                        o.ok() ? 0 : 1,  o.message};
    if (!o.ok()) row.status = status_name(o.status);
    row.request_id = trace.request_id;
    row.api_calls = trace.api_calls;
    trail->record(std::move(row));
  }
  return o;
}

}  // namespace ocean::tiktok::capability
