#include "audit/audit_capabilities.hpp"

#include <boost/json/array.hpp>

#include <charconv>

#include "model/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::audit {
namespace json = boost::json;
namespace {

json::value time_or_null(std::int64_t ms) { return ms > 0 ? json::value(model::rfc3339(ms / 1000)) : nullptr; }

json::object row_view(const store::AuditRow& r) {
  const auto& e = r.entry;
  return json::object{
      {"id", r.id},
      {"action", e.kind},
      {"outcome", e.outcome},
      {"status", e.status.empty() ? json::value(nullptr) : json::value(e.status)},
      {"started_at", time_or_null(e.started_ms)},
      {"started_ms", e.started_ms},
      {"duration_ms", e.finished_ms - e.started_ms},
      {"counts",
       json::object{{"pages", e.pages}, {"records", e.records}, {"errors", e.errors}, {"api_calls", e.api_calls}}},
      {"request_id", e.request_id.empty() ? json::value(nullptr) : json::value(e.request_id)},
      {"error", e.message.empty() ? json::value(nullptr) : json::value(e.message)}};
}

std::optional<std::int64_t> cursor_of(const Request& r) {
  const auto text = r.opt_str("cursor");
  if (!text) return std::nullopt;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || end != text->data() + text->size() || id <= 0)
    r.fail("cursor", "is not a cursor this capability gave (use next_cursor from the previous page)");
  return id;
}

}  // namespace

bool is_monitoring_read(std::string_view capability) {
  return capability == "metrics.read" || capability == "health.read";
}

json::object integration_log_search(AuditTrail& a, const Request& r) {
  store::AuditQuery q;
  q.action = r.opt_str("action");
  if (r.has("outcome")) q.outcome = r.one_of("outcome", {"ok", "partial", "failed"}, nullptr);
  if (const auto since = r.opt_time("since")) q.since_ms = *since * 1000;
  q.limit = static_cast<int>(r.int_in("limit", 1, 500, 50));
  q.before_id = cursor_of(r);
  auto rows = a.search(q);
  const bool more = rows.size() > static_cast<std::size_t>(q.limit);
  if (more) rows.resize(static_cast<std::size_t>(q.limit));
  json::array entries;
  for (const auto& row : rows) entries.push_back(row_view(row));
  return json::object{{"entries", std::move(entries)},
                      {"next_cursor", more ? json::value(std::to_string(rows.back().id)) : json::value(nullptr)},
                      {"retention_days", a.retention_days()}};
}

json::object metrics_read(AuditTrail& a, const Request&) {
  json::array families = a.metrics().families();
  for (auto& g : a.gauges()) families.push_back(std::move(g));
  return json::object{{"schema", "metrics.v1"}, {"families", std::move(families)}};
}

json::object health_read(AuditTrail& a, const Request&) { return a.health(); }

}  // namespace ocean::tiktok::audit
