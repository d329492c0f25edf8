#include "config/alert_rules.hpp"

namespace ocean::tiktok {
namespace {
std::optional<std::int64_t> param(const boost::json::object& alerts, const char* rule, const char* field) {
  const auto* r = alerts.if_contains(rule);
  if (r == nullptr || !r->is_object()) return std::nullopt;
  const auto* v = r->as_object().if_contains(field);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->to_number<std::int64_t>();
}
}  // namespace

AlertRules read_alert_rules(const boost::json::object& alerts) {
  AlertRules r;
  r.live_minutes_before = param(alerts, "live_session", "minutes_before");
  r.gmv_drop_percent = param(alerts, "affiliate_gmv_drop", "percent");
  r.token_expiry_days = param(alerts, "token_expiry", "days");
  r.dispatch_hours = param(alerts, "dispatch_deadline", "hours");
  r.failures_in_a_row = param(alerts, "sync_failures", "consecutive");
  r.backlog_pending = param(alerts, "webhook_backlog", "pending");
  return r;
}

}  // namespace ocean::tiktok
