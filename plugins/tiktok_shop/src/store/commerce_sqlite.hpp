// CommerceStore over the account's database (the SQLite file, WAL, or its PostgreSQL schema; the
// name is the first backend's). Each instance owns its own connection, so webhook intake can write
// through a second instance while a sync holds the first. Statements are prepared once and reused
// (the sync writes thousands of rows a second).
#pragma once
#include <map>
#include <memory>
#include <string>

#include "store/commerce_store.hpp"
#include "store/db.hpp"
#include "store/location.hpp"

namespace ocean::tiktok::store {

class CommerceSqliteStore final : public CommerceStore {
 public:
  // Opens (creating and migrating when needed) the store.
  explicit CommerceSqliteStore(const Location& where);
  explicit CommerceSqliteStore(const std::string& path) : CommerceSqliteStore(Location::sqlite_file(path)) {}
  ~CommerceSqliteStore() override;
  // The connection itself, for stores of other tables in the same file (store/order_notes.hpp).
  db::Database& database() { return *db_; }

  void in_transaction(const std::function<void()>& fn) override;
  std::unique_ptr<BulkWrite> bulk_write() override;

  UpsertResult upsert_order(const model::OrderRecord& order, std::int64_t now_ms, std::string_view source) override;
  std::optional<StoredObject> order(std::string_view id) override;
  std::vector<StoredObject> orders(const ListQuery& q) override;
  std::int64_t order_count() override;

  UpsertResult upsert_product(const model::ProductRecord& product, std::int64_t now_ms) override;
  std::optional<StoredObject> product(std::string_view id) override;
  std::vector<StoredObject> products(const ListQuery& q) override;
  std::int64_t product_count() override;
  std::vector<std::pair<std::string, std::int64_t>> mirrored_stock(std::string_view sku_id) override;

  void map_sku(std::string_view erp_sku, std::string_view product_id, std::string_view sku_id) override;
  std::optional<std::string> erp_sku_of(std::string_view sku_id) override;
  std::optional<SkuRef> sku_by_erp(std::string_view erp_sku) override;
  std::optional<SkuRef> sku_by_id(std::string_view sku_id) override;

  void reject_record(std::string_view kind, std::string_view id, std::string_view error, std::string_view raw,
                     std::int64_t now_ms) override;
  std::int64_t reject_count() override;

  SyncCursor cursor(std::string_view kind) override;
  void save_cursor(const SyncCursor& c) override;
  bool acquire_sync_lease(std::string_view owner, std::int64_t now_ms, std::int64_t ttl_ms) override;
  void release_sync_lease(std::string_view owner) override;
  std::pair<std::string, std::int64_t> sync_lease_holder() override;
  bool take_over_sync_lease(std::string_view previous, std::string_view owner, std::int64_t now_ms,
                            std::int64_t ttl_ms) override;

  bool inbox_insert(std::string_view notification_id, int type, std::string_view shop_id, std::int64_t timestamp,
                    std::string_view body, std::int64_t now_ms) override;
  std::vector<InboxItem> inbox_pending(int limit) override;
  void inbox_finish(std::int64_t id, std::string_view state, std::string_view error, std::int64_t now_ms) override;
  void inbox_retry(std::int64_t id, std::string_view error) override;
  std::int64_t inbox_count(std::string_view state) override;

  bool enqueue_stock(const StockLevel& desired, std::int64_t now_ms) override;
  std::vector<OutboxItem> outbox_due(std::int64_t now_ms, int limit) override;
  void outbox_sent(std::int64_t id, std::int64_t now_ms) override;
  void outbox_retry(std::int64_t id, std::string_view error, std::int64_t next_attempt_ms) override;
  void outbox_failed(std::int64_t id, std::string_view error, std::int64_t now_ms) override;
  std::vector<OutboxItem> outbox_history(std::string_view sku_id, std::string_view warehouse_id, int limit) override;
  std::vector<StockLevel> stock_levels(std::string_view sku_id) override;

  void log_run(const LogEntry& e) override;
  // Told about every row log_run writes (the account's metrics count runs from it).
  void set_log_observer(std::function<void(const LogEntry&)> observer) { log_observer_ = std::move(observer); }
  std::vector<LogEntry> recent_runs(int limit) override;

  std::optional<std::string> meta(std::string_view key) override;
  void set_meta(std::string_view key, std::string_view value) override;

 private:
  // A prepared statement kept for the connection's life. Use resets it when it goes out of scope:
  // a statement left mid-result would pin an old read snapshot, hiding rows that the webhook
  // intake connection wrote since.
  class Use {
   public:
    explicit Use(db::Statement& st) : st_(st) {}
    ~Use() { st_.reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    db::Statement* operator->() { return &st_; }

   private:
    db::Statement& st_;
  };
  Use stmt(const char* sql);
  std::vector<StoredObject> list(const char* table, const char* id_col, const ListQuery& q);
  void outbox_settle(std::int64_t id, const char* state, std::string_view error, std::int64_t now_ms);

  struct Cached;
  std::unique_ptr<db::Database> db_;
  std::map<const char*, std::unique_ptr<Cached>> cache_;
  std::function<void(const LogEntry&)> log_observer_;
};

}  // namespace ocean::tiktok::store
