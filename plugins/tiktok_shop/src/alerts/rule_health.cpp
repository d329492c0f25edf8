// The account's health rules: token_expiry (the seller's authorization), dispatch_deadline (reusing
// the mirror's unshipped-orders query behind order.dispatch_due, with its own lead time),
// sync_failures (sync runs of one kind, or stock push runs, failing in a row, from the integration
// log) and webhook_backlog (deliveries stored but not yet applied).
#include <boost/json.hpp>

#include <map>

#include "account/shop_account.hpp"
#include "alerts/alert_store.hpp"
#include "alerts/rules.hpp"
#include "mirror/mirror.hpp"
#include "model/time_format.hpp"
#include "store/order_notes.hpp"
#include "store/sqlite_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::alerts {
namespace json = boost::json;

namespace {
mirror::Mirror& mirror_of(AlertContext& c) {
  if (c.mirror == nullptr) throw Failure(Status::internal, "the mirror is not open");
  return *c.mirror;
}

// A run that failed: a sync kind that failed, or a stock push with SKUs that failed or wait to retry.
bool failed_run(const store::LogEntry& e) {
  if (e.kind == "stock_push") return e.errors > 0;
  return e.kind.rfind("sync:", 0) == 0 && e.outcome == "failed";
}
}  // namespace

void token_expiry_rule(AlertContext& c) {
  const auto record = c.account.store()->account();
  if (!record || record->state != store::LinkState::connected || record->refresh_expires_at <= 0) return;
  const std::int64_t left = record->refresh_expires_at - c.now_s;
  if (left > *c.rules.token_expiry_days * 86400) return;
  const std::string when = model::rfc3339(record->refresh_expires_at);
  c.raise(Alert{"token_expiry", left < 86400 ? "critical" : "warning", "account", "authorization",
                std::to_string(record->refresh_expires_at),
                "the seller's authorization (refresh token) of shop " + record->shop.id + " expires at " + when +
                    "; after that every call fails until the seller authorizes again",
                "ask the seller to authorize again: account.authorize_url, the consent page, account.connect",
                json::object{{"shop_id", record->shop.id},
                             {"refresh_token_expires_at", when},
                             {"days_left", left / 86400},
                             {"threshold_days", *c.rules.token_expiry_days}}});
}

void dispatch_deadline_rule(AlertContext& c) {
  const std::int64_t lead = *c.rules.dispatch_hours * 3600;
  for (const auto& due : c.notes.unshipped_due_by(c.now_s + lead)) {
    const bool overdue = due.ship_by <= c.now_s;
    c.raise(Alert{"dispatch_deadline", overdue ? "critical" : "warning", "order", due.order_id,
                  std::to_string(due.ship_by),
                  "order " + due.order_id + (overdue ? " missed" : " must be shipped by") + " its ship-by deadline " +
                      model::rfc3339(due.ship_by),
                  overdue ? "ship it now (fulfillment.ship) and expect a late-dispatch penalty"
                          : "pack and ship it (fulfillment.ship, fulfillment.documents) before the deadline",
                  json::object{{"order_id", due.order_id},
                               {"ship_by", model::rfc3339(due.ship_by)},
                               {"seconds_left", due.ship_by - c.now_s},
                               {"overdue", overdue}}});
  }
}

void sync_failures_rule(AlertContext& c) {
  struct Streak {
    std::int64_t failed = 0;
    bool ended = false;         // a good run came after (older ones do not count)
    std::int64_t first_ms = 0;  // the streak's oldest failed run
    std::string last_message;
  };
  std::map<std::string, Streak> by_kind;
  for (const auto& e : mirror_of(c).store().recent_runs(200)) {  // newest first
    Streak& s = by_kind[e.kind];
    if (s.ended) continue;
    if (!failed_run(e)) {
      s.ended = true;
      continue;
    }
    if (s.failed++ == 0) s.last_message = e.message;
    s.first_ms = e.started_ms;
  }
  for (const auto& [kind, s] : by_kind) {
    if (s.failed < *c.rules.failures_in_a_row) continue;
    const bool stock = kind == "stock_push";
    c.raise(Alert{"sync_failures", "critical", "run_kind", kind, std::to_string(s.first_ms),
                  std::to_string(s.failed) + " " + kind + " runs failed in a row" +
                      (s.last_message.empty() ? "" : "; last: " + s.last_message),
                  stock ? "check inventory.push_status for the failing SKUs and their errors"
                        : "check sync.status and the log; a lasting auth failure needs the seller to authorize again",
                  json::object{{"kind", kind},
                               {"failed_in_a_row", s.failed},
                               {"since", model::rfc3339(s.first_ms / 1000)},
                               {"last_error", s.last_message}}});
  }
}

void webhook_backlog_rule(AlertContext& c) {
  const std::int64_t pending = mirror_of(c).store().inbox_count("pending");
  if (pending < *c.rules.backlog_pending) {
    c.raised.clear("webhook_backlog", "webhook_inbox");  // the next backlog alerts again
    return;
  }
  c.raise(Alert{"webhook_backlog", "warning", "webhook_inbox", "webhook_inbox", "open",
                std::to_string(pending) + " webhook deliveries wait to be applied",
                "check that tick runs and that the API answers (sync.status shows the inbox and recent runs)",
                json::object{{"pending", pending}, {"threshold", *c.rules.backlog_pending}}});
}

}  // namespace ocean::tiktok::alerts
