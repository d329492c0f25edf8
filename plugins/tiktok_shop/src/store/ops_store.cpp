#include "store/ops_store.hpp"

#include <map>
#include <set>

#include "ocean_common/crypto.hpp"

namespace ocean::tiktok::store {

std::string OpsStore::idempotency_key(std::string_view operation, std::string_view target, std::string_view fingerprint,
                                      std::int64_t now_ms) {
  std::string key;
  db_.transaction([&] {
    auto q = db_.prepare("SELECT key FROM ops_idempotency WHERE operation = ?1 AND target = ?2 AND fingerprint = ?3");
    q.bind(1, operation).bind(2, target).bind(3, fingerprint);
    if (q.step()) {
      key = q.text(0);
      return;
    }
    key = crypto::to_hex(crypto::random_bytes(16));
    auto ins = db_.prepare(
        "INSERT INTO ops_idempotency (operation, target, fingerprint, key, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
    ins.bind(1, operation).bind(2, target).bind(3, fingerprint).bind(4, key).bind(5, now_ms);
    ins.run();
  });
  return key;
}

void OpsStore::idempotency_done(std::string_view key, std::int64_t now_ms) {
  auto st = db_.prepare("UPDATE ops_idempotency SET completed_at_ms = ?2 WHERE key = ?1 AND completed_at_ms IS NULL");
  st.bind(1, key).bind(2, now_ms);
  st.run();
}

std::optional<std::int64_t> OpsStore::idempotency_completed_at(std::string_view key) {
  auto st = db_.prepare("SELECT completed_at_ms FROM ops_idempotency WHERE key = ?1");
  st.bind(1, key);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return st.int64(0);
}

namespace {
constexpr const char* kSessionColumns =
    "id, title, start_time, end_time, status, activity_id, products_json, created_at_ms, updated_at_ms, "
    "performance_json, performance_fetched_ms";

LiveSession read_session(db::Statement& st) {
  LiveSession s;
  s.id = st.text(0);
  s.title = st.text(1);
  s.start_time = st.int64(2);
  s.end_time = st.int64(3);
  s.status = st.text(4);
  s.activity_id = st.text(5);
  s.products_json = st.text(6);
  s.created_at_ms = st.int64(7);
  s.updated_at_ms = st.int64(8);
  s.performance_json = st.text(9);
  s.performance_fetched_ms = st.int64(10);
  return s;
}
}  // namespace

void OpsStore::insert_live_session(const LiveSession& s) {
  auto st = db_.prepare(std::string("INSERT INTO live_sessions (") + kSessionColumns +
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  st.bind(1, s.id).bind(2, s.title).bind(3, s.start_time).bind(4, s.end_time).bind(5, s.status).bind(6, s.activity_id);
  st.bind(7, s.products_json).bind(8, s.created_at_ms).bind(9, s.updated_at_ms).bind(10, s.performance_json);
  st.bind(11, s.performance_fetched_ms);
  st.run();
}

std::optional<LiveSession> OpsStore::live_session(std::string_view id) {
  auto st = db_.prepare(std::string("SELECT ") + kSessionColumns + " FROM live_sessions WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_session(st);
}

std::vector<LiveSession> OpsStore::live_sessions(std::optional<std::string> status, std::optional<std::int64_t> from,
                                                 std::optional<std::int64_t> to) {
  auto st = db_.prepare(std::string("SELECT ") + kSessionColumns +
                        " FROM live_sessions WHERE (CAST(?1 AS TEXT) IS NULL OR status = ?1) AND (CAST(?2 AS BIGINT) "
                        "IS NULL OR end_time > ?2)"
                        " AND (CAST(?3 AS BIGINT) IS NULL OR start_time < ?3) ORDER BY start_time, id");
  st.bind_optional(1, status);
  st.bind_optional(2, from);
  st.bind_optional(3, to);
  std::vector<LiveSession> out;
  while (st.step()) out.push_back(read_session(st));
  return out;
}

void OpsStore::update_live_session(const LiveSession& s) {
  auto st = db_.prepare(
      "UPDATE live_sessions SET status = ?2, activity_id = ?3, updated_at_ms = ?4, performance_json = ?5, "
      "performance_fetched_ms = ?6 WHERE id = ?1");
  st.bind(1, s.id).bind(2, s.status).bind(3, s.activity_id).bind(4, s.updated_at_ms).bind(5, s.performance_json);
  st.bind(6, s.performance_fetched_ms);
  st.run();
}

void OpsStore::upsert_affiliate_orders(const std::vector<AffiliateOrderLine>& lines, std::int64_t now_ms) {
  db_.transaction([&] {
    std::set<std::string> cleared;
    for (const auto& l : lines) {
      if (cleared.insert(l.order_id).second) {
        auto del = db_.prepare("DELETE FROM affiliate_order_lines WHERE order_id = ?1");
        del.bind(1, l.order_id);
        del.run();
      }
      auto ins = db_.prepare(
          "INSERT INTO affiliate_order_lines (order_id, line_no, product_id, sku_id, creator_username, status, "
          "currency,"
          " gmv, commission, create_time, raw_json, fetched_at_ms, content_type, content_id)"
          " VALUES (?1, (SELECT COUNT(*) FROM affiliate_order_lines WHERE order_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
          " ?9, ?10, ?11, ?12, ?13)");
      ins.bind(1, l.order_id).bind(2, l.product_id).bind(3, l.sku_id).bind(4, l.creator_username).bind(5, l.status);
      ins.bind(6, l.currency).bind(7, l.gmv).bind(8, l.commission).bind(9, l.create_time).bind(10, l.raw_json);
      ins.bind(11, now_ms).bind(12, l.content_type).bind(13, l.content_id);
      ins.run();
    }
  });
}

std::vector<CreatorTotals> OpsStore::creator_totals(std::optional<std::string> creator,
                                                    std::optional<std::int64_t> from, std::optional<std::int64_t> to) {
  auto st = db_.prepare(
      "SELECT creator_username, currency, order_id, gmv, commission FROM affiliate_order_lines"
      " WHERE (CAST(?1 AS TEXT) IS NULL OR creator_username = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR create_time >= ?2)"
      " AND (CAST(?3 AS BIGINT) IS NULL OR create_time < ?3) ORDER BY creator_username, currency, order_id");
  st.bind_optional(1, creator);
  st.bind_optional(2, from);
  st.bind_optional(3, to);
  std::map<std::pair<std::string, std::string>, std::pair<CreatorTotals, std::set<std::string>>> acc;
  while (st.step()) {
    auto& [t, orders] = acc[{st.text(0), st.text(1)}];
    t.creator_username = st.text(0);
    t.currency = st.text(1);
    orders.insert(st.text(2));
    t.gmv_parts.push_back(st.text(3));
    t.commission_parts.push_back(st.text(4));
  }
  std::vector<CreatorTotals> out;
  for (auto& [k, v] : acc) {
    v.first.orders = static_cast<std::int64_t>(v.second.size());
    out.push_back(std::move(v.first));
  }
  return out;
}

std::int64_t OpsStore::affiliate_order_lines() {
  auto st = db_.prepare("SELECT COUNT(*) FROM affiliate_order_lines");
  st.step();
  return st.int64(0);
}

std::vector<std::string> OpsStore::affiliate_orders_by_content(std::string_view content_id) {
  auto st = db_.prepare(
      "SELECT DISTINCT order_id FROM affiliate_order_lines WHERE content_id = ?1 AND content_id <> '' ORDER BY "
      "order_id");
  st.bind(1, content_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::int64_t OpsStore::insert_analytics_snapshot(std::string_view kind, std::string_view params_json,
                                                 std::string_view data_json, std::int64_t fetched_at_ms) {
  auto st = db_.prepare(
      "INSERT INTO analytics_snapshots (kind, params_json, data_json, fetched_at_ms) VALUES (?1, ?2, ?3, ?4)"
      " RETURNING id");
  st.bind(1, kind).bind(2, params_json).bind(3, data_json).bind(4, fetched_at_ms);
  st.step();
  const std::int64_t id = st.int64(0);
  st.run();
  return id;
}

std::int64_t OpsStore::analytics_snapshot_count(std::string_view kind) {
  auto st = db_.prepare("SELECT COUNT(*) FROM analytics_snapshots WHERE kind = ?1");
  st.bind(1, kind);
  st.step();
  return st.int64(0);
}

}  // namespace ocean::tiktok::store
