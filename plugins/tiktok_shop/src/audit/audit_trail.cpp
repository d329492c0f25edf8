#include "audit/audit_trail.hpp"

#include <exception>

#include "store/dead_letters.hpp"
#include "store/migrations.hpp"
#include "store/open.hpp"

namespace ocean::tiktok::audit {
namespace json = boost::json;
namespace {
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kPruneEveryMs = 3600LL * 1000;
}  // namespace

AuditTrail::AuditTrail(const store::Location& where, Host& host, Logger& log, Metrics& metrics,
                       std::int64_t retention_days)
    : host_(host),
      log_(log),
      metrics_(metrics),
      retention_days_(retention_days),
      db_(store::open_database(where)),
      log_rows_(*db_) {
  store::migrate(*db_);
}

void AuditTrail::record(store::LogEntry row) {
  row.message = log_.redact(row.message);
  metrics_.run_logged(row.kind, row.outcome, row.records, row.errors);
  try {
    std::lock_guard lock(mutex_);
    log_rows_.record(row);
  } catch (const std::exception& e) {
    log_.warn("[audit] integration-log row for " + row.kind + " not written: " + e.what());
  }
}

std::vector<store::AuditRow> AuditTrail::search(const store::AuditQuery& q) {
  std::lock_guard lock(mutex_);
  return log_rows_.search(q);
}

std::int64_t AuditTrail::prune(std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return log_rows_.prune(now_ms - retention_days_ * kDayMs);
}

std::int64_t AuditTrail::prune_if_due(std::int64_t now_ms) {
  {
    std::lock_guard lock(mutex_);
    if (now_ms < next_prune_ms_) return 0;
    next_prune_ms_ = now_ms + kPruneEveryMs;
  }
  return prune(now_ms);
}

std::int64_t AuditTrail::count(const char* sql) {
  auto q = db_->prepare(sql);
  return q.step() ? q.int64(0) : 0;
}

json::object AuditTrail::health() {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT link_state, reason, access_expires_at, refresh_expires_at FROM account WHERE id = 1");
  const std::int64_t now_s = host_.wall_ms() / 1000;
  if (!q.step()) {
    return json::object{{"schema", "health.v1"},
                        {"ready", false},
                        {"link_state", "disconnected"},
                        {"reason", "no TikTok Shop account is connected (account.authorize_url, account.connect)"},
                        {"token_valid", false},
                        {"access_token_expires_in_seconds", nullptr}};
  }
  const std::string state = q.text(0);
  const std::int64_t access_left = q.int64(2) - now_s;
  const bool token_valid = state == "connected" && access_left > 0;
  std::string reason = q.text(1);
  if (state == "connected" && !token_valid) reason = "the access token expired and was not refreshed";
  return json::object{{"schema", "health.v1"},
                      {"ready", token_valid},
                      {"link_state", state},
                      {"reason", reason},
                      {"token_valid", token_valid},
                      {"access_token_expires_in_seconds", access_left},
                      {"refresh_token_expires_in_seconds", q.int64(3) - now_s}};
}

json::array AuditTrail::gauges() {
  std::lock_guard lock(mutex_);
  const std::int64_t outbox = count("SELECT COUNT(*) FROM stock_outbox WHERE state = 'pending'");
  const std::int64_t inbox = count("SELECT COUNT(*) FROM webhook_inbox WHERE state = 'pending'");
  const auto dead = static_cast<std::int64_t>(store::DeadLetters(*db_).list("").size());
  json::array out{metric_family("ocean_outbox_depth", "gauge", "stock pushes waiting in the outbox",
                                json::array{metric_sample({}, outbox)}),
                  metric_family("ocean_webhook_inbox_depth", "gauge", "stored webhooks waiting to be applied",
                                json::array{metric_sample({}, inbox)}),
                  metric_family("ocean_dead_letters", "gauge", "webhooks and stock pushes that ran out of attempts",
                                json::array{metric_sample({}, dead)})};
  auto q = db_->prepare("SELECT access_expires_at FROM account WHERE id = 1 AND link_state = 'connected'");
  json::array expiry;
  if (q.step()) expiry.push_back(metric_sample({}, q.int64(0) - host_.wall_ms() / 1000));
  out.push_back(metric_family("ocean_token_expiry_seconds", "gauge",
                              "seconds until the access token expires (absent when not connected)", std::move(expiry)));
  return out;
}

}  // namespace ocean::tiktok::audit
