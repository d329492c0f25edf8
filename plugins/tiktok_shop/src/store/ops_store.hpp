// The operations domains' tables in the instance's SQLite file (migration 3): persisted
// idempotency keys, the LIVE session planner, affiliate orders and analytics snapshots.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace ocean::tiktok::store {

struct LiveSession {
  std::string id;
  std::string title;
  std::int64_t start_time = 0, end_time = 0;  // Unix seconds
  std::string status;                         // planned, cancelled
  std::string activity_id;                    // the flash sale, "" when none
  std::string products_json;                  // [{product_id, sku_id?, session_price}]
  std::int64_t created_at_ms = 0, updated_at_ms = 0;
  std::string performance_json;  // last pulled performance, "" when never
  std::int64_t performance_fetched_ms = 0;
};

struct AffiliateOrderLine {
  std::string order_id;
  std::string product_id;
  std::string sku_id;
  std::string creator_username;
  std::string status;
  std::string currency;
  std::string gmv;         // decimal string
  std::string commission;  // decimal string
  std::int64_t create_time = 0;
  std::string content_type;  // VIDEO, LIVE, SHOWCASE...: what the creator sold through
  std::string content_id;
  std::string raw_json;  // the order's sku entry
};

struct CreatorTotals {
  std::string creator_username;
  std::string currency;
  std::int64_t orders = 0;
  std::vector<std::string> gmv_parts, commission_parts;  // decimal strings, summed exactly by the caller
};

class OpsStore {
 public:
  explicit OpsStore(db::Database& db) : db_(db) {}

  // The key for (operation, target, fingerprint of the request): created once, then reused by
  // every retry of the same request, so TikTok can deduplicate it.
  std::string idempotency_key(std::string_view operation, std::string_view target, std::string_view fingerprint,
                              std::int64_t now_ms);
  void idempotency_done(std::string_view key, std::int64_t now_ms);
  std::optional<std::int64_t> idempotency_completed_at(std::string_view key);

  void insert_live_session(const LiveSession& s);
  std::optional<LiveSession> live_session(std::string_view id);
  // Sessions overlapping [from, to) when given, else all; optionally only one status.
  std::vector<LiveSession> live_sessions(std::optional<std::string> status, std::optional<std::int64_t> from,
                                         std::optional<std::int64_t> to);
  void update_live_session(const LiveSession& s);

  // Replaces the lines of each order present in `lines`, in one transaction.
  void upsert_affiliate_orders(const std::vector<AffiliateOrderLine>& lines, std::int64_t now_ms);
  std::vector<CreatorTotals> creator_totals(std::optional<std::string> creator, std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to);
  std::int64_t affiliate_order_lines();
  // Distinct order ids whose lines were sold through this content (a video id, a LIVE id).
  std::vector<std::string> affiliate_orders_by_content(std::string_view content_id);

  std::int64_t insert_analytics_snapshot(std::string_view kind, std::string_view params_json,
                                         std::string_view data_json, std::int64_t fetched_at_ms);
  std::int64_t analytics_snapshot_count(std::string_view kind);

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::store
