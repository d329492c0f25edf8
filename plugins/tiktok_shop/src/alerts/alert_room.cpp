#include "alerts/alert_room.hpp"

#include <boost/json.hpp>

#include "account/shop_account.hpp"
#include "alerts/alert_store.hpp"
#include "model/events.hpp"
#include "model/time_format.hpp"
#include "ocean_common/crypto.hpp"
#include "store/order_notes.hpp"
#include "store/sqlite_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::alerts {
namespace json = boost::json;

AlertRoom::AlertRoom(ShopAccount& account, Host& host, std::string account_id, mirror::Mirror* mirror,
                     ops::OpsContext* ops, const capability::Rooms* rooms,
                     std::function<bool(const std::string&)> feature_on)
    : account_(account),
      host_(host),
      account_id_(std::move(account_id)),
      mirror_(mirror),
      ops_(ops),
      rooms_(rooms),
      feature_on_(std::move(feature_on)) {
  if (!account.started() || account.store() == nullptr)
    throw Failure(Status::invalid_state, "the account is not started");
  store_ = std::make_unique<AlertStore>(account.store()->database());
  notes_ = std::make_unique<store::OrderNotes>(account.store()->database());
}

AlertRoom::~AlertRoom() = default;

void AlertRoom::raise(const Alert& a, std::int64_t now_ms) {
  const std::string id = "alert_" + crypto::to_hex(crypto::random_bytes(8));
  if (!store_->mark(a.rule, a.subject_id, a.occurrence, id, now_ms)) return;  // announced before
  json::object alert{{"schema", "alert.v1"},
                     {"alert_id", id},
                     {"rule", a.rule},
                     {"severity", a.severity},
                     {"account_id", account_id_},
                     {"marketplace", "tiktok_shop"},
                     {"subject", json::object{{"type", a.subject_type}, {"id", a.subject_id}}},
                     {"message", a.message},
                     {"suggested_action", a.suggested_action},
                     {"raised_at", model::rfc3339(now_ms / 1000)},
                     {"details", a.details}};
  host_.emit_event(model::make_event("alert.raised", account_id_, now_ms, std::move(alert)));
  account_.logger().warn("alert (" + a.severity + ", " + a.rule + "): " + a.message);
}

void AlertRoom::run_rule(const char* name, void (*rule)(AlertContext&), AlertContext& c) {
  std::string error;
  try {
    rule(c);
  } catch (const std::exception& e) {
    error = e.what();
  }
  // A failing rule is logged once per change of its error; the other rules still run.
  std::string& last = last_error_[name];
  if (!error.empty() && error != last)
    account_.logger().warn(std::string("alert rule ") + name + " could not be evaluated: " + error);
  last = error;
}

void AlertRoom::on_tick(std::int64_t now_ms) {
  const AlertRules& rules = account_.config()->alerts;
  if (!rules.any()) return;
  if (last_run_ms_ >= 0 && now_ms >= last_run_ms_ && now_ms - last_run_ms_ < kEveryMs) return;
  last_run_ms_ = now_ms;
  AlertContext c{rules,  now_ms / 1000, account_, mirror_,     ops_,
                 rooms_, *notes_,       *store_,  feature_on_, [this, now_ms](const Alert& a) { raise(a, now_ms); }};
  if (rules.live_minutes_before) run_rule("live_session", live_session_rule, c);
  if (rules.gmv_drop_percent) run_rule("affiliate_gmv_drop", affiliate_gmv_rule, c);
  if (rules.token_expiry_days) run_rule("token_expiry", token_expiry_rule, c);
  if (rules.dispatch_hours) run_rule("dispatch_deadline", dispatch_deadline_rule, c);
  if (rules.failures_in_a_row) run_rule("sync_failures", sync_failures_rule, c);
  if (rules.backlog_pending) run_rule("webhook_backlog", webhook_backlog_rule, c);
}

}  // namespace ocean::tiktok::alerts
