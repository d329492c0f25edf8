// The audit room's capabilities (all core): integration_log.search (the audit trail, newest first,
// filtered by action, outcome and time, paged by cursor), metrics.read (the account's counters and
// gauges as metrics.v1, for the host's /metrics) and health.read (link state and token validity,
// for the host's /readyz). Read-only; no API call.
#pragma once
#include <boost/json/object.hpp>

#include "audit/audit_trail.hpp"
#include "capability/request.hpp"

namespace ocean::tiktok::audit {

using capability::Request;

boost::json::object integration_log_search(AuditTrail& a, const Request& r);
boost::json::object metrics_read(AuditTrail& a, const Request& r);
boost::json::object health_read(AuditTrail& a, const Request& r);

// Actions the host polls (metrics.read, health.read): not written to the log, so a scrape every
// few seconds does not bury the trail.
bool is_monitoring_read(std::string_view capability);

}  // namespace ocean::tiktok::audit
