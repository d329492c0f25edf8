// The counters one account keeps for the host's /metrics (capability metrics.read): API calls by
// API and outcome, throttling and the time spent waiting for the rate limiter, sync runs and
// records by kind, webhook intake/apply/failure, stock pushes and integration-log failures.
// Counters live in memory for the life of the instance (a Prometheus counter may restart from 0
// when the process does); gauges (outbox depth, token expiry) are read from the store when asked.
// Thread-safety: every method may be called from any thread (one mutex).
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace ocean::tiktok {

class Metrics {
 public:
  // One finished API call: `api` is the quota key (ids collapsed), `outcome` "ok" or a status name.
  void api_call(std::string_view api, std::string_view outcome);
  void api_throttled();
  void rate_limit_wait_ns(std::int64_t ns);
  // One row written to the integration log (sync:<kind>, webhooks, stock_push, a capability, ...):
  // runs and records by kind, and every failed row.
  void run_logged(std::string_view kind, std::string_view outcome, std::int64_t records, std::int64_t errors);
  // A webhook delivery at intake: "accepted", "duplicate" or "refused".
  void webhook_received(std::string_view result);
  // Commits of background work the lease fence refused (store/fence.hpp), and ticks skipped because
  // another node holds the account's lease.
  void commits_fenced(std::int64_t n);
  void tick_not_owner();

  // The counters as metrics.v1 families: {"name","type","help","samples":[{"labels":{..},"value":N}]}.
  boost::json::array families() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> api_calls_;
  std::uint64_t throttled_ = 0;
  std::uint64_t wait_ms_ = 0;
  std::int64_t wait_ns_rest_ = 0;
  std::map<std::pair<std::string, std::string>, std::uint64_t> sync_runs_;  // (kind, outcome)
  std::map<std::string, std::uint64_t> sync_records_;                       // kind
  std::map<std::string, std::uint64_t> webhooks_received_;                  // result
  std::uint64_t webhooks_applied_ = 0;
  std::uint64_t webhooks_failed_ = 0;
  std::uint64_t stock_pushed_ = 0;
  std::uint64_t stock_failed_ = 0;
  std::uint64_t log_failures_ = 0;
  std::uint64_t fenced_ = 0;
  std::uint64_t not_owner_ = 0;
};

// One metric family in the metrics.v1 shape, for gauges the caller computes.
boost::json::object metric_family(std::string_view name, std::string_view type, std::string_view help,
                                  boost::json::array samples);
boost::json::object metric_sample(boost::json::object labels, std::int64_t value);

}  // namespace ocean::tiktok
