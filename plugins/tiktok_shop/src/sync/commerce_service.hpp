// Everything this plugin does to keep orders, products and stock right, below the ABI glue.
// The glue calls:
//   handles(capability)            -> whether the capability is answered here
//   invoke(capability, json text)  -> response JSON text; throws Failure (status + message)
//   on_tick(now_ms)                -> auto-sync when due, resumes interrupted runs, applies stored
//                                     webhooks, pushes due stock
//   on_webhook(headers, body, ms)  -> webhook_result.v1 JSON; safe to call concurrently with
//                                     invoke/on_tick (own SQLite connection, no API call)
// Nothing here knows the ABI.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "catalog/product_api.hpp"
#include "neutral/to_neutral.hpp"
#include "stock/stock_push.hpp"
#include "store/commerce_sqlite.hpp"
#include "sync/order_api.hpp"
#include "sync/sync_engine.hpp"
#include "util/host.hpp"
#include "webhooks/webhook_apply.hpp"
#include "webhooks/webhook_intake.hpp"

namespace ocean::tiktok {

struct CommerceSettings {
  std::string db_path;     // the plugin's SQLite file (shared with the account store)
  std::string account_id;  // the host's name for this account (events carry it)
  std::string shop_id;     // "" = accept any shop's webhooks
  std::string app_key;
  std::string app_secret;                    // webhook verification only; never logged
  std::int64_t sync_interval_seconds = 900;  // 0 = manual
  std::int64_t safety_buffer = 0;
  std::int64_t overlap_seconds = 300;
  int page_size = sync::kMaxPageSize;
  std::int64_t lease_ms = 15 * 60 * 1000;  // a crashed owner's lease expires after this
};

class CommerceService {
 public:
  CommerceService(CommerceSettings settings, ApiClient& api, std::function<std::string()> shop_cipher, Host& host,
                  webhooks::AccountSignals signals = {});
  ~CommerceService();

  static bool handles(std::string_view capability);
  std::string invoke(std::string_view capability, std::string_view request_json);
  void on_tick(std::int64_t now_ms);
  std::string on_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms);
  // The same, structured (tests and the glue's status mapping use it).
  webhooks::IntakeResult intake(std::string_view headers, std::string_view body, std::int64_t received_at_ms);
  // The webhook_result.v1 answer for an intake result (what the host replies to TikTok).
  static std::string webhook_result_json(const webhooks::IntakeResult& r);

  store::CommerceStore& store() { return *store_; }
  sync::SyncEngine& engine() { return *engine_; }

 private:
  boost::json::object sync_run(const boost::json::object& req);
  boost::json::object sync_status();
  boost::json::object list_orders(const boost::json::object& req);
  boost::json::object get_orders(const boost::json::object& req);
  boost::json::object list_products(const boost::json::object& req);
  boost::json::object get_products(const boost::json::object& req);
  boost::json::object inventory_get(const boost::json::object& req);
  neutral::ViewContext view_context(bool include_raw);
  // Runs fn holding the in-process flag and the store lease: one sync per account at a time.
  template <typename Fn>
  auto exclusive_sync(Fn&& fn);
  bool take_over_dead_lease();

  CommerceSettings settings_;
  Host& host_;
  std::unique_ptr<store::CommerceSqliteStore> store_;         // sync, capabilities, tick
  std::unique_ptr<store::CommerceSqliteStore> intake_store_;  // webhook intake only
  sync::OrderApi order_api_;
  catalog::ProductApi product_api_;
  std::unique_ptr<sync::SyncEngine> engine_;
  std::unique_ptr<webhooks::WebhookIntake> intake_;
  std::unique_ptr<webhooks::WebhookApplier> applier_;
  std::unique_ptr<stock::StockPusher> pusher_;
  std::mutex work_mutex_;  // invoke and tick share the main connection
  std::atomic<bool> syncing_{false};
  std::string lease_owner_;
};

}  // namespace ocean::tiktok
