// The plugin's commerce mirror (orders, products, stock, sync cursors, webhook inbox, stock
// outbox, integration log) behind an interface narrow enough for a second backend (PostgreSQL).
// Domain-level operations only: callers never see SQL. Writes that must land together (a page
// of records and the cursor that follows it) run inside in_transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.hpp"

namespace ocean::tiktok::store {

enum class UpsertOutcome {
  inserted,   // first time seen
  changed,    // newer update_time (or same time, different content) replaced the stored one
  unchanged,  // identical to what is stored
  stale,      // older update_time than the stored one: ignored, a later update never loses
};

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::unchanged;
  std::string previous_status;  // "" when inserted
};

struct StoredObject {
  std::string id;
  std::string status;
  std::int64_t update_time = 0;
  std::string raw_json;
};

// Keyset paging over (update_time, id) ascending: stable while records change.
struct ListQuery {
  std::optional<std::string> status;          // TikTok word
  std::optional<std::int64_t> updated_since;  // update_time >= this
  std::int64_t after_update_time = -1;        // cursor: strictly after (after_update_time, after_id)
  std::string after_id;
  int limit = 50;
};

struct SyncCursor {
  std::string kind;            // "orders", "products" or "backfill:<...>"
  std::int64_t watermark = 0;  // update_time every record at or below is mirrored (minus overlap)
  bool full_done = false;      // a first full sync has completed
  // The run in progress (empty when none): resumable after a crash.
  std::string page_token;
  std::string run_json;  // the run's filter, so a resume repeats the same query
  std::int64_t run_max_seen = 0;
  std::int64_t run_pages = 0;
  std::int64_t run_records = 0;
  std::int64_t run_started_ms = 0;
  std::int64_t last_finished_ms = 0;
  std::string last_outcome;
};

struct InboxItem {
  std::int64_t id = 0;
  std::string notification_id;
  int type = 0;
  std::string body;
  int attempts = 0;
};

struct SkuRef {
  std::string product_id;
  std::string sku_id;
  std::string seller_sku;
};

struct StockLevel {
  std::string erp_sku;
  std::string product_id;
  std::string sku_id;
  std::string warehouse_id;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t safety_buffer = 0;
  std::int64_t available = 0;  // what is (to be) pushed
  std::int64_t version = 0;
  std::string push_status;  // pending, pushed, failed, superseded
  std::int64_t pushed_at_ms = 0;
  std::string error;
};

struct OutboxItem {
  std::int64_t id = 0;
  std::string product_id;
  std::string sku_id;
  std::string warehouse_id;
  std::int64_t quantity = 0;
  std::int64_t version = 0;
  int attempts = 0;
  std::string state;
  std::string last_error;
};

// One row of the integration log (the audit trail): a capability call or a background action.
struct LogEntry {
  std::string kind;  // the action: a capability id, sync:orders, webhooks, stock_push, token_refresh, ...
  std::int64_t started_ms = 0;
  std::int64_t finished_ms = 0;
  std::string outcome;  // ok, partial, failed
  std::int64_t pages = 0;
  std::int64_t records = 0;
  std::int64_t errors = 0;
  std::string message;          // the error, when there is one (never a secret)
  std::string status = {};      // the status name of a failure ("" when ok)
  std::string request_id = {};  // the last TikTok request id of the action ("" when none)
  std::int64_t api_calls = 0;
};

// Held while a long run of writes goes on (a sync). The SQLite store checkpoints its WAL on a
// thread of its own meanwhile (store/background_checkpoint.hpp); another store may do nothing.
class BulkWrite {
 public:
  virtual ~BulkWrite() = default;
};

class CommerceStore {
 public:
  virtual ~CommerceStore() = default;

  // Runs fn atomically; rolls back and rethrows when it throws. Not reentrant.
  virtual void in_transaction(const std::function<void()>& fn) = 0;
  virtual std::unique_ptr<BulkWrite> bulk_write() = 0;

  virtual UpsertResult upsert_order(const model::OrderRecord& order, std::int64_t now_ms, std::string_view source) = 0;
  virtual std::optional<StoredObject> order(std::string_view id) = 0;
  virtual std::vector<StoredObject> orders(const ListQuery& q) = 0;
  virtual std::int64_t order_count() = 0;

  virtual UpsertResult upsert_product(const model::ProductRecord& product, std::int64_t now_ms) = 0;
  virtual std::optional<StoredObject> product(std::string_view id) = 0;
  virtual std::vector<StoredObject> products(const ListQuery& q) = 0;
  virtual std::int64_t product_count() = 0;
  // Warehouse stock as last mirrored from TikTok: (warehouse, quantity) per SKU.
  virtual std::vector<std::pair<std::string, std::int64_t>> mirrored_stock(std::string_view sku_id) = 0;

  // External-id map. Products map their seller_sku automatically unless the ERP mapped it first.
  virtual void map_sku(std::string_view erp_sku, std::string_view product_id, std::string_view sku_id) = 0;
  virtual std::optional<std::string> erp_sku_of(std::string_view sku_id) = 0;
  virtual std::optional<SkuRef> sku_by_erp(std::string_view erp_sku) = 0;
  virtual std::optional<SkuRef> sku_by_id(std::string_view sku_id) = 0;

  // A record the API sent that could not be read: kept with its raw text, never dropped.
  virtual void reject_record(std::string_view kind, std::string_view id, std::string_view error, std::string_view raw,
                             std::int64_t now_ms) = 0;
  virtual std::int64_t reject_count() = 0;

  virtual SyncCursor cursor(std::string_view kind) = 0;
  virtual void save_cursor(const SyncCursor& c) = 0;

  // One syncing owner per account (even across processes sharing the file); a lease that is not
  // renewed expires, so a crashed run never blocks the next one for long.
  virtual bool acquire_sync_lease(std::string_view owner, std::int64_t now_ms, std::int64_t ttl_ms) = 0;
  virtual void release_sync_lease(std::string_view owner) = 0;
  // The current holder ("" when free) and its expiry.
  virtual std::pair<std::string, std::int64_t> sync_lease_holder() = 0;
  // Takes the lease over from `previous` (known dead) only if it still holds it.
  virtual bool take_over_sync_lease(std::string_view previous, std::string_view owner, std::int64_t now_ms,
                                    std::int64_t ttl_ms) = 0;

  // Webhook inbox, unique on the notification id. false = already there (a duplicate).
  virtual bool inbox_insert(std::string_view notification_id, int type, std::string_view shop_id,
                            std::int64_t timestamp, std::string_view body, std::int64_t now_ms) = 0;
  virtual std::vector<InboxItem> inbox_pending(int limit) = 0;
  // state: applied, ignored or failed (final); retry keeps it pending with attempts + 1.
  virtual void inbox_finish(std::int64_t id, std::string_view state, std::string_view error, std::int64_t now_ms) = 0;
  virtual void inbox_retry(std::int64_t id, std::string_view error) = 0;
  virtual std::int64_t inbox_count(std::string_view state) = 0;

  // Records the desired level and queues a push unless the same value is already pending or
  // pushed. A newer value supersedes a pending older one. Returns true when a push was queued.
  virtual bool enqueue_stock(const StockLevel& desired, std::int64_t now_ms) = 0;
  virtual std::vector<OutboxItem> outbox_due(std::int64_t now_ms, int limit) = 0;
  virtual void outbox_sent(std::int64_t id, std::int64_t now_ms) = 0;
  virtual void outbox_retry(std::int64_t id, std::string_view error, std::int64_t next_attempt_ms) = 0;
  virtual void outbox_failed(std::int64_t id, std::string_view error, std::int64_t now_ms) = 0;
  virtual std::vector<OutboxItem> outbox_history(std::string_view sku_id, std::string_view warehouse_id, int limit) = 0;
  virtual std::vector<StockLevel> stock_levels(std::string_view sku_id) = 0;  // "" = all

  virtual void log_run(const LogEntry& e) = 0;
  // The newest background runs (sync:<kind>, webhooks, stock_push, token_refresh), not capability calls.
  virtual std::vector<LogEntry> recent_runs(int limit) = 0;

  // Small named values (auto-sync schedule, account flags).
  virtual std::optional<std::string> meta(std::string_view key) = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;
};

}  // namespace ocean::tiktok::store
