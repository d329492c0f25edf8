// The audit room: the integration log as an audit trail, and what the host's /metrics and /readyz
// ask about one account. On its own SQLite connection to the account's file, so the router can
// write a row after any capability (whatever room it ran in) and the host's polls never wait on a
// sync holding the mirror's connection.
//   record(row)       one capability call or background action; counted in the metrics
//   prune_if_due(ms)  rows older than the retention (config integration_log_retention_days), hourly
//   health()/gauges   link state and token expiry; outbox and inbox depth
// Thread-safety: every method may be called from any thread (one mutex over the connection).
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "store/audit_log.hpp"
#include "store/db.hpp"
#include "store/location.hpp"
#include "util/host.hpp"
#include "util/logger.hpp"
#include "util/metrics.hpp"

namespace ocean::tiktok::audit {

class AuditTrail {
 public:
  // Opens (and migrates) the account's database.
  AuditTrail(const store::Location& where, Host& host, Logger& log, Metrics& metrics, std::int64_t retention_days);

  // Writes one row (message redacted) and counts it. Never throws: a row that cannot be written is
  // logged, and the action it describes keeps its own outcome.
  void record(store::LogEntry row);
  std::vector<store::AuditRow> search(const store::AuditQuery& q);
  // Deletes rows older than the retention once an hour at most; returns how many went.
  std::int64_t prune_if_due(std::int64_t now_ms);
  std::int64_t prune(std::int64_t now_ms);
  std::int64_t retention_days() const { return retention_days_; }

  // {"ready","link_state","reason","token_valid","access_token_expires_in_seconds",...}.
  boost::json::object health();
  // The gauges beside the metrics' counters, as metrics.v1 families.
  boost::json::array gauges();

  Host& host() { return host_; }
  Metrics& metrics() { return metrics_; }

 private:
  std::int64_t count(const char* sql);

  Host& host_;
  Logger& log_;
  Metrics& metrics_;
  std::int64_t retention_days_;
  std::mutex mutex_;
  std::unique_ptr<db::Database> db_;
  store::AuditLog log_rows_;
  std::int64_t next_prune_ms_ = 0;
};

}  // namespace ocean::tiktok::audit
