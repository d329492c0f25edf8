// The mirror: everything this plugin does to keep orders, products and stock right, composed for
// one account. It owns the sync engine, webhook intake and apply, and the stock outbox; its
// capabilities (sync.*, orders.*, products.*, inventory.*) are in mirror_capabilities.hpp.
//   on_tick(now_ms)              auto-sync when due, resumes interrupted runs, applies stored
//                                webhooks, pushes due stock
//   intake(headers, body, ms)    verify + store one webhook; safe to call concurrently with
//                                everything else (its own SQLite connection, no API call)
// Thread-safety: capabilities and on_tick take work_mutex() (capabilities hold it, on_tick skips a
// round when it is taken); intake() may run on any thread at any time. Nothing here knows the ABI.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mirror/stock_push.hpp"
#include "mirror/sync_engine.hpp"
#include "mirror/sync_lease.hpp"
#include "mirror/webhook_apply.hpp"
#include "mirror/webhook_intake.hpp"
#include "model/to_neutral.hpp"
#include "store/commerce_sqlite.hpp"
#include "store/order_notes.hpp"
#include "tiktok_api/orders.hpp"
#include "tiktok_api/products.hpp"
#include "util/host.hpp"
#include "util/metrics.hpp"

namespace ocean::tiktok {
class ShopAccount;
}

namespace ocean::tiktok::mirror {

struct MirrorSettings {
  store::Location location() const { return pg ? store::Location{"", *pg} : store::Location::sqlite_file(db_path); }

  std::string db_path;                  // the plugin's SQLite file (shared with the account store), unless `pg`
  std::optional<store::PgLocation> pg;  // the account's PostgreSQL schema instead of the file
  std::string account_id;               // the host's name for this account (events carry it)
  std::string shop_id;                  // "" = accept any shop's webhooks
  std::string app_key;
  std::string app_secret;                         // webhook verification only; never logged
  std::int64_t sync_interval_seconds = 900;       // 0 = manual
  std::int64_t dispatch_due_seconds = 24 * 3600;  // order.dispatch_due this long before the ship-by deadline
  std::int64_t safety_buffer = 0;
  std::int64_t overlap_seconds = 300;
  int page_size = tiktok_api::kMaxPageSize;
  std::int64_t lease_ms = 15 * 60 * 1000;  // a crashed owner's lease expires after this
};

// The sync lease's life on a cluster (config store.lease), where its holder may be on another machine.
inline constexpr std::int64_t kClusterSyncLeaseMs = 60 * 1000;

// A sync kind that lives in another room (finance): sync.run and the auto-sync run it under this
// mirror's lease while `enabled()` (its feature is on). `run(full, between_pages)` calls
// between_pages after each committed page and answers its run report.
struct ExtraKind {
  std::function<bool()> enabled;
  std::function<boost::json::object(bool full, const std::function<void()>& between_pages)> run;
  std::function<boost::json::object()> status;  // for sync.status
};

// What one sync.run does: which kinds, whether from scratch, and an optional order backfill.
struct SyncRequest {
  std::vector<std::string> kinds{"products", "orders"};  // products, orders, inventory, finance
  bool full = false;
  std::optional<Backfill> backfill;
};

class Mirror {
 public:
  Mirror(MirrorSettings settings, ApiClient& api, std::function<std::string()> shop_cipher, Host& host,
         AccountSignals signals = {});
  ~Mirror();

  // Runs the kinds in order under the sync lease; emits sync.finished. Throws Failure when a kind
  // fails (what was committed stays committed). Returns {"runs": [...], "duration_ms"}.
  boost::json::object run_sync(const SyncRequest& request);
  void on_tick(std::int64_t now_ms);
  // Emits order.dispatch_due once for each unshipped mirrored order whose ship-by deadline is within
  // dispatch_due_seconds (tick calls it; it runs no sync and no API call).
  void announce_dispatch_due(std::int64_t now_ms);
  IntakeResult intake(std::string_view headers, std::string_view body, std::int64_t received_at_ms);
  // The same, answered as webhook_result.v1 JSON.
  std::string on_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
    return webhook_result_json(intake(headers, body, received_at_ms));
  }
  // The webhook_result.v1 answer for an intake result (what the host replies to TikTok).
  static std::string webhook_result_json(const IntakeResult& r);

  // Where webhook intake and the integration log's runs are counted (the account's metrics);
  // set once, before the first tick or delivery.
  void set_metrics(Metrics* metrics);

  // The finance kind (finance/finance_room.hpp), set by the glue once the finance room is open.
  void set_finance(ExtraKind k) { finance_ = std::move(k); }
  bool finance_enabled() const { return finance_.run && finance_.enabled && finance_.enabled(); }
  // The finance kind's counts and cursors while it is on; null otherwise.
  boost::json::value finance_status() const {
    return finance_enabled() && finance_.status ? boost::json::value(finance_.status()) : boost::json::value(nullptr);
  }

  // For the capability handlers (mirror_capabilities.cpp) and tests.
  std::mutex& work_mutex() { return work_mutex_; }
  store::CommerceStore& store() { return *store_; }
  store::OrderNotes& notes() { return *notes_; }
  // The main connection itself, for tables of other rooms written with the mirror's (catalog.publish,
  // dead letters).
  db::Database& database() { return store_->database(); }
  SyncEngine& engine() { return *engine_; }
  StockPusher& pusher() { return *pusher_; }
  WebhookApplier& applier() { return *applier_; }
  const MirrorSettings& settings() const { return settings_; }
  Host& host() { return host_; }
  bool syncing() const { return lease_.syncing(); }
  model::ViewContext view_context(bool include_raw);

 private:
  boost::json::object run_finance(bool full, SyncLease::Held& held);

  MirrorSettings settings_;
  Host& host_;
  std::unique_ptr<store::CommerceSqliteStore> store_;         // sync, capabilities, tick
  std::unique_ptr<store::CommerceSqliteStore> intake_store_;  // webhook intake only
  std::unique_ptr<store::OrderNotes> notes_;                  // on store_'s connection
  tiktok_api::OrderApi order_api_;
  tiktok_api::ProductApi product_api_;
  std::unique_ptr<SyncEngine> engine_;
  std::unique_ptr<WebhookIntake> intake_;
  std::unique_ptr<WebhookApplier> applier_;
  std::unique_ptr<StockPusher> pusher_;
  SyncLease lease_;
  ExtraKind finance_;
  Metrics* metrics_ = nullptr;
  std::mutex work_mutex_;  // capabilities and tick share the main connection
};

// Builds the mirror for a started account: settings from its config and store, its API client,
// and account signals that turn deauthorization and authorization-expiry webhooks into the
// account's link state. Throws Failure when the mirror cannot be opened.
std::unique_ptr<Mirror> make_mirror(ShopAccount& account, Host& host, std::string account_id);

}  // namespace ocean::tiktok::mirror
