#include "util/metrics.hpp"

#include <boost/json/array.hpp>

namespace ocean::tiktok {
namespace json = boost::json;

json::object metric_sample(json::object labels, std::int64_t value) {
  return json::object{{"labels", std::move(labels)}, {"value", value}};
}

json::object metric_family(std::string_view name, std::string_view type, std::string_view help, json::array samples) {
  return json::object{{"name", name}, {"type", type}, {"help", help}, {"samples", std::move(samples)}};
}

void Metrics::api_call(std::string_view api, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++api_calls_[{std::string(api), std::string(outcome)}];
}

void Metrics::commits_fenced(std::int64_t n) {
  std::lock_guard lock(mutex_);
  fenced_ += static_cast<std::uint64_t>(n);
}

void Metrics::tick_not_owner() {
  std::lock_guard lock(mutex_);
  ++not_owner_;
}

void Metrics::api_throttled() {
  std::lock_guard lock(mutex_);
  ++throttled_;
}

void Metrics::rate_limit_wait_ns(std::int64_t ns) {
  if (ns <= 0) return;
  std::lock_guard lock(mutex_);
  wait_ns_rest_ += ns;  // whole milliseconds are counted; the rest carries over
  wait_ms_ += static_cast<std::uint64_t>(wait_ns_rest_ / 1'000'000);
  wait_ns_rest_ %= 1'000'000;
}

void Metrics::run_logged(std::string_view kind, std::string_view outcome, std::int64_t records, std::int64_t errors) {
  std::lock_guard lock(mutex_);
  if (outcome == "failed") ++log_failures_;
  if (kind.rfind("sync:", 0) == 0) {
    const std::string k(kind.substr(5));
    ++sync_runs_[{k, std::string(outcome)}];
    sync_records_[k] += static_cast<std::uint64_t>(records > 0 ? records : 0);
  } else if (kind == "webhooks") {
    webhooks_applied_ += static_cast<std::uint64_t>(records > errors ? records - errors : 0);
    webhooks_failed_ += static_cast<std::uint64_t>(errors > 0 ? errors : 0);
  } else if (kind == "stock_push") {
    stock_pushed_ += static_cast<std::uint64_t>(records > 0 ? records : 0);
    stock_failed_ += static_cast<std::uint64_t>(errors > 0 ? errors : 0);
  }
}

void Metrics::webhook_received(std::string_view result) {
  std::lock_guard lock(mutex_);
  ++webhooks_received_[std::string(result)];
}

namespace {
json::object counter(std::string_view name, std::string_view help, std::uint64_t value) {
  return metric_family(name, "counter", help, json::array{metric_sample({}, static_cast<std::int64_t>(value))});
}
}  // namespace

json::array Metrics::families() const {
  std::lock_guard lock(mutex_);
  json::array calls, runs, records, received;
  for (const auto& [key, n] : api_calls_)
    calls.push_back(metric_sample({{"path", key.first}, {"outcome", key.second}}, static_cast<std::int64_t>(n)));
  for (const auto& [key, n] : sync_runs_)
    runs.push_back(metric_sample({{"kind", key.first}, {"outcome", key.second}}, static_cast<std::int64_t>(n)));
  for (const auto& [kind, n] : sync_records_)
    records.push_back(metric_sample({{"kind", kind}}, static_cast<std::int64_t>(n)));
  for (const auto& [result, n] : webhooks_received_)
    received.push_back(metric_sample({{"result", result}}, static_cast<std::int64_t>(n)));
  return json::array{
      metric_family("ocean_api_calls_total", "counter", "TikTok API calls by API path and outcome", std::move(calls)),
      counter("ocean_api_throttled_total", "HTTP 429 / 36009002 answers from TikTok", throttled_),
      counter("ocean_commits_fenced_total", "background commits refused: the account's lease moved to another node",
              fenced_),
      counter("ocean_ticks_not_owner_total", "ticks that did no background work: another node holds the lease",
              not_owner_),
      counter("ocean_api_rate_limit_wait_milliseconds_total", "time spent waiting for the client-side rate limiter",
              wait_ms_),
      metric_family("ocean_sync_runs_total", "counter", "sync runs by kind and outcome", std::move(runs)),
      metric_family("ocean_sync_records_total", "counter", "records written by sync runs, by kind", std::move(records)),
      metric_family("ocean_webhooks_received_total", "counter", "webhook deliveries at intake by result",
                    std::move(received)),
      counter("ocean_webhooks_applied_total", "stored webhooks applied to the mirror", webhooks_applied_),
      counter("ocean_webhooks_failed_total", "stored webhooks that failed to apply (retried or dead-lettered)",
              webhooks_failed_),
      counter("ocean_stock_pushed_total", "stock levels pushed to TikTok", stock_pushed_),
      counter("ocean_stock_push_failed_total", "stock pushes that failed (retried or dead-lettered)", stock_failed_),
      counter("ocean_integration_log_failures_total", "integration-log rows whose outcome is failed", log_failures_),
  };
}

}  // namespace ocean::tiktok
