#include "mirror/mirror.hpp"

#include <boost/json/serialize.hpp>

#include <filesystem>

#include "account/shop_account.hpp"
#include "model/events.hpp"
#include "model/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;

Mirror::Mirror(MirrorSettings settings, ApiClient& api, std::function<std::string()> shop_cipher, Host& host,
               AccountSignals signals)
    : settings_(std::move(settings)),
      host_(host),
      store_(std::make_unique<store::CommerceSqliteStore>(settings_.location())),
      intake_store_(std::make_unique<store::CommerceSqliteStore>(settings_.location())),
      order_api_(api, shop_cipher),
      product_api_(api, shop_cipher),
      lease_(*store_, host_, settings_.lease_ms) {
  SyncSettings ss;
  ss.account_id = settings_.account_id;
  ss.shop_id = settings_.shop_id;
  ss.overlap_seconds = settings_.overlap_seconds;
  ss.page_size = settings_.page_size;
  engine_ = std::make_unique<SyncEngine>(*store_, order_api_, product_api_, host_, ss);
  intake_ = std::make_unique<WebhookIntake>(*intake_store_, settings_.app_key, settings_.app_secret);
  applier_ = std::make_unique<WebhookApplier>(*store_, order_api_, product_api_, *engine_, host_, settings_.account_id,
                                              settings_.shop_id, std::move(signals));
  pusher_ = std::make_unique<StockPusher>(*store_, product_api_, host_, settings_.account_id, settings_.safety_buffer);
  notes_ = std::make_unique<store::OrderNotes>(store_->database());
}

Mirror::~Mirror() = default;

void Mirror::announce_dispatch_due(std::int64_t now_ms) {
  const std::int64_t now = now_ms / 1000;
  for (const auto& due : notes_->unshipped_due_by(now + settings_.dispatch_due_seconds)) {
    if (!notes_->mark_alert(due.order_id, "dispatch_due", due.ship_by, now_ms)) continue;  // sent before
    host_.emit_event(model::make_event("order.dispatch_due", settings_.account_id, now_ms,
                                       json::object{{"order_id", due.order_id},
                                                    {"ship_by", model::rfc3339(due.ship_by)},
                                                    {"seconds_left", due.ship_by - now},
                                                    {"overdue", due.ship_by <= now}}));
  }
}

json::object Mirror::run_sync(const SyncRequest& request) {
  const std::int64_t started = host_.wall_ms();
  json::array runs;
  auto finish = [&](const char* outcome) {
    host_.emit_event(model::make_event(
        "sync.finished", settings_.account_id, host_.wall_ms(),
        json::object{{"outcome", outcome}, {"runs", runs}, {"duration_ms", host_.wall_ms() - started}}));
  };
  auto held = lease_.acquire();
  engine_->set_page_hook([&held](const std::string&, std::int64_t) { held.renew_if_due(); });
  for (const auto& kind : request.kinds) {
    // A failed kind is reported in the run log and the event before the failure goes on up.
    try {
      if (kind == "finance") {
        if (!finance_enabled())
          throw Failure(Status::feature_disabled,
                        "the finance feature is off; turn it on with features.finance = true in the account's "
                        "configuration");
        runs.push_back(run_finance(request.full, held));
        continue;
      }
      KindReport r;
      if (kind == "products")
        r = engine_->sync_products(request.full);
      else if (kind == "inventory")
        r = engine_->sync_inventory();
      else if (request.backfill)
        r = engine_->backfill_orders(*request.backfill);
      else
        r = engine_->sync_orders(request.full);
      runs.push_back(r.to_json());
    } catch (const Failure& f) {
      runs.push_back(json::object{{"kind", kind}, {"outcome", "failed"}, {"error", f.what()}});
      if (f.status() == Status::auth_required) {
        host_.emit_event(model::make_event("account.needs_reauth", settings_.account_id, host_.wall_ms(),
                                           json::object{{"reason", f.what()}}));
      }
      engine_->set_page_hook(nullptr);
      finish("failed");
      throw;
    }
  }
  engine_->set_page_hook(nullptr);
  finish("ok");
  return json::object{{"runs", std::move(runs)}, {"duration_ms", host_.wall_ms() - started}};
}

// The finance kind lives in its own room; its run gets an integration-log row here, like the others.
json::object Mirror::run_finance(bool full, SyncLease::Held& held) {
  const std::int64_t started = host_.wall_ms();
  store::LogEntry row{"sync:finance", started, 0, "ok", 0, 0, 0, ""};
  try {
    json::object report = finance_.run(full, [&held] { held.renew_if_due(); });
    row.finished_ms = host_.wall_ms();
    store_->log_run(row);
    return report;
  } catch (const Failure& f) {
    row.finished_ms = host_.wall_ms();
    row.outcome = "failed";
    row.status = status_name(f.status());
    row.message = f.what();
    row.errors = 1;
    store_->log_run(row);
    throw;
  }
}

model::ViewContext Mirror::view_context(bool include_raw) {
  model::ViewContext ctx;
  ctx.account_id = settings_.account_id;
  ctx.shop_id = settings_.shop_id;
  ctx.include_raw = include_raw;
  ctx.erp_sku = [this](const std::string& sku) { return store_->erp_sku_of(sku); };
  ctx.external_order_id = [this](const std::string& order_id) { return notes_->external_ref(order_id); };
  return ctx;
}

void Mirror::on_tick(std::int64_t now_ms) {
  std::unique_lock lock(work_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // a capability is running; the next tick will do it
  applier_->apply_pending();
  pusher_->push_due();
  announce_dispatch_due(now_ms);
  if (settings_.sync_interval_seconds <= 0 || lease_.syncing()) return;
  const std::int64_t last = std::stoll(store_->meta("auto_sync.last_started_ms").value_or("0"));
  const bool interrupted = !store_->cursor("orders").run_json.empty() || !store_->cursor("products").run_json.empty();
  if (!interrupted && now_ms - last < settings_.sync_interval_seconds * 1000) return;
  store_->set_meta("auto_sync.last_started_ms", std::to_string(now_ms));
  // A failed auto-sync is in the run log and the sync.finished event; tick goes on with the rest.
  try {
    SyncRequest auto_sync;
    if (finance_enabled()) auto_sync.kinds.push_back("finance");
    run_sync(auto_sync);
  } catch (const Failure& f) {
    host_.log(LogLevel::warn, std::string("[sync] auto-sync failed: ") + f.what());
  }
}

void Mirror::set_metrics(Metrics* metrics) {
  metrics_ = metrics;
  if (metrics == nullptr) return store_->set_log_observer(nullptr);
  store_->set_log_observer(
      [metrics](const store::LogEntry& e) { metrics->run_logged(e.kind, e.outcome, e.records, e.errors); });
}

IntakeResult Mirror::intake(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
  // Intake answers TikTok itself (an HTTP status), so a store failure becomes a 500 here: TikTok
  // retries, and nothing was stored.
  IntakeResult r;
  try {
    r = intake_->handle(headers, body, received_at_ms);
  } catch (const std::exception& e) {
    r = IntakeResult{};
    r.http_status = 500;
    r.status = Status::retry;
    r.message = std::string("webhook could not be stored: ") + e.what();
  }
  if (metrics_ != nullptr)
    metrics_->webhook_received(r.http_status != 200 ? "refused" : r.duplicate ? "duplicate" : "accepted");
  return r;
}

std::string Mirror::webhook_result_json(const IntakeResult& r) {
  json::object o{{"schema", "webhook_result.v1"}, {"http_status", r.http_status}, {"message", r.message}};
  if (!r.notification_id.empty()) {
    o["notification_id"] = r.notification_id;
    o["duplicate"] = r.duplicate;
    o["type"] = r.type;
  }
  return json::serialize(o);
}

namespace {

AccountSignals account_signals(ShopAccount& account, Host& host) {
  store::Store* st = account.store();
  AccountSignals signals;
  signals.deauthorized = [st, &host](const std::string& reason) {
    st->set_link_state(store::LinkState::disconnected, reason, host.wall_ms());
  };
  // The notice comes 30 days ahead while the tokens still work, so the account stays connected;
  // the host gets the account.authorization_expiring event and asks the seller to re-authorize.
  signals.authorization_expiring = [&account](const std::string& reason, std::int64_t expires_at) {
    account.logger().warn("[account] " + reason + " (refresh token expires at " + std::to_string(expires_at) + ")");
  };
  return signals;
}

}  // namespace

std::unique_ptr<Mirror> make_mirror(ShopAccount& account, Host& host, std::string account_id) {
  const Config* config = account.config();
  const auto dir = host.data_dir();
  if (config == nullptr || !dir || account.api() == nullptr || account.store() == nullptr) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  MirrorSettings s;
  const store::Location where = account.store_location();
  s.db_path = where.sqlite_path;
  s.pg = where.pg;
  s.account_id = std::move(account_id);
  // Webhooks name their shop; before the account is connected any shop is accepted and the
  // signature (app key + secret) is what admits a delivery.
  if (const auto record = account.store()->account()) s.shop_id = record->shop.id;
  s.app_key = config->app_key;
  s.app_secret = config->app_secret;
  s.sync_interval_seconds = config->sync_interval_seconds;
  s.dispatch_due_seconds = config->dispatch_due_hours * 3600;
  s.safety_buffer = config->safety_buffer;
  // On a cluster the node holding a sync lease may be another machine, whose death this one cannot
  // see (the pid check in sync_lease.cpp works on one machine only): the lease then expires after a
  // minute, not fifteen, so the account's new owner syncs soon after a node is killed mid-sync. The
  // holder renews it every quarter (15 s) between pages.
  if (config->store && config->store->lease) s.lease_ms = kClusterSyncLeaseMs;
  auto mirror = std::make_unique<Mirror>(
      std::move(s), *account.api(), [&account] { return account.accounts()->shop_cipher(); }, host,
      account_signals(account, host));
  mirror->set_metrics(&account.metrics());
  return mirror;
}

}  // namespace ocean::tiktok::mirror
