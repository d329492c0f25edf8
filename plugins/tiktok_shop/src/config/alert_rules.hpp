// The alert rules of an account's config ("alerts"): which conditions tick watches and their
// thresholds. A rule is on when its object is present. The manifest's config_schema checks every
// field strictly (unknown fields are refused naming them); read_alert_rules reads what it admitted.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>

namespace ocean::tiktok {

struct AlertRules {
  std::optional<std::int64_t> live_minutes_before;  // live_session.minutes_before
  std::optional<std::int64_t> gmv_drop_percent;     // affiliate_gmv_drop.percent (week over week)
  std::optional<std::int64_t> token_expiry_days;    // token_expiry.days (the refresh token)
  std::optional<std::int64_t> dispatch_hours;       // dispatch_deadline.hours
  std::optional<std::int64_t> failures_in_a_row;    // sync_failures.consecutive (sync and stock push runs)
  std::optional<std::int64_t> backlog_pending;      // webhook_backlog.pending

  bool any() const {
    return live_minutes_before || gmv_drop_percent || token_expiry_days || dispatch_hours || failures_in_a_row ||
           backlog_pending;
  }
};

// `alerts` is the config's "alerts" object, already validated against the config_schema.
AlertRules read_alert_rules(const boost::json::object& alerts);

}  // namespace ocean::tiktok
