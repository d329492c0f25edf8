// The catalog.publish tables (migration 8): a job row and one row per product with its state
// (pending -> in_flight -> listed | failed). Over the mirror's main SQLite connection, so a product's
// outcome commits in the same transaction as the mirrored product and its ERP SKU map. The caller holds
// the mirror's work mutex around every use (the connection is shared with sync and tick).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace ocean::tiktok::catalog {

struct PublishJob {
  std::string job_id;
  std::string products_sha256;
  std::string source;
  std::int64_t total = 0;
  std::string state;  // open, finished
  std::string owner;
  std::int64_t lease_until_ms = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::int64_t finished_at_ms = 0;
};

struct PublishItem {
  std::int64_t index = 0;
  std::string erp_product_id;
  std::string erp_skus_json;  // ["SKU-1", ...]
  std::string request_json;
  std::string state;  // pending, in_flight, listed, failed
  std::string product_id;
  std::string skus_json = "[]";  // [{"erp_sku", "sku_id"}]
  std::string reason;
  std::int64_t attempts = 0;
  std::int64_t updated_at_ms = 0;
};

struct PublishCounts {
  std::int64_t pending = 0, in_flight = 0, listed = 0, failed = 0;
  std::int64_t done() const { return listed + failed; }
};

class PublishStore {
 public:
  explicit PublishStore(db::Database& db) : db_(db) {}

  // The job and all its items (state pending) in one transaction.
  void create_job(const PublishJob& job, const std::vector<PublishItem>& items);
  std::optional<PublishJob> job(std::string_view job_id);
  // The newest jobs first, at most `limit`.
  std::vector<PublishJob> recent_jobs(int limit);

  // Takes the job for `owner` when it is free, its lease ran out, or `dead_owner` names the holder
  // (a process known to be gone). false when someone else holds it.
  bool acquire(std::string_view job_id, std::string_view owner, std::int64_t now_ms, std::int64_t lease_ms,
               std::string_view dead_owner);
  void release(std::string_view job_id, std::string_view owner);
  void finish(std::string_view job_id, std::int64_t now_ms);

  PublishCounts counts(std::string_view job_id);
  // The next item still to do (pending or in_flight) at index > after, in index order.
  std::optional<PublishItem> next_open(std::string_view job_id, std::int64_t after);
  // Items with index > after (optionally of one state), in index order, at most `limit`.
  std::vector<PublishItem> items(std::string_view job_id, std::int64_t after, std::optional<std::string> state,
                                 int limit);

  // pending|in_flight -> in_flight, attempts + 1, and renews the job's lease (its own transaction).
  void mark_in_flight(std::string_view job_id, std::int64_t index, std::string_view owner, std::int64_t now_ms,
                      std::int64_t lease_ms);
  // The outcome; call inside the transaction that stores the mirrored product.
  void mark_listed(std::string_view job_id, std::int64_t index, std::string_view product_id, std::string_view skus_json,
                   std::string_view note, std::int64_t now_ms);
  void mark_failed(std::string_view job_id, std::int64_t index, std::string_view reason, std::int64_t now_ms);

  db::Database& database() { return db_; }

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::catalog
