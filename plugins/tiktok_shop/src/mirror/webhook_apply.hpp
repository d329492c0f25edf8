// Applies stored webhooks on tick: fetches the changed orders (in batches of 50) and products
// and upserts them through the sync engine, so a webhook and a poll can never disagree about
// what an order looks like, and a reordered or late notification cannot roll an order back.
// Account notifications (6 deauthorization, 7 authorization expiring) change the account state.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "tiktok_api/products.hpp"
#include "store/commerce_store.hpp"
#include "tiktok_api/orders.hpp"
#include "mirror/sync_engine.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::mirror {

// What the account side must do when TikTok says the authorization is gone or about to go.
struct AccountSignals {
  std::function<void(const std::string& reason)> deauthorized;
  std::function<void(const std::string& reason, std::int64_t expires_at)> authorization_expiring;
};

struct ApplyReport {
  std::int64_t applied = 0, ignored = 0, failed = 0, retried = 0, fetched_orders = 0, fetched_products = 0;
};

class WebhookApplier {
 public:
  WebhookApplier(store::CommerceStore& store, tiktok_api::OrderApi& orders, tiktok_api::ProductApi& products,
                 mirror::SyncEngine& engine, Host& host, std::string account_id, std::string shop_id,
                 AccountSignals signals);

  // Works through up to `max_items` pending notifications. A failed fetch leaves them pending
  // (retried next tick) until max_attempts, then marks them failed; polling remains the backstop.
  ApplyReport apply_pending(int max_items = 2000);

  static constexpr int kMaxAttempts = 8;
  static constexpr std::size_t kReadAheadBatches = 4;      // order GETs in flight ahead of the writer
  static constexpr std::size_t kMaxBatchesPerCommit = 10;  // 500 orders per transaction at most
  static constexpr std::size_t kBulkBatches = 4;           // from this many GETs, checkpoint in the background

  enum class Target;  // what a notification is about
  struct Parsed;      // one stored notification, read

 private:
  struct Round;
  void route(const Parsed& p, Round& round);
  void fetch_orders(Round& round, ApplyReport& rep);
  void fetch_products(Round& round, ApplyReport& rep);
  void finish_round(Round& round, ApplyReport& rep);
  void emit(std::string_view type, boost::json::object data);

  store::CommerceStore& store_;
  tiktok_api::OrderApi& orders_;
  tiktok_api::ProductApi& products_;
  mirror::SyncEngine& engine_;
  Host& host_;
  std::string account_id_;
  std::string shop_id_;
  AccountSignals signals_;
};

}  // namespace ocean::tiktok::mirror
