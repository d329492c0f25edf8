#include "store/commerce_sqlite.hpp"

#include "store/audit_log.hpp"

#include <stdexcept>

#include "store/background_checkpoint.hpp"
#include "store/migrations.hpp"
#include "store/open.hpp"
#include "store/sqlite_db.hpp"

namespace ocean::tiktok::store {

struct CommerceSqliteStore::Cached {
  Cached(db::Database& db, const char* sql) : st(db.prepare(sql)) {}
  db::Statement st;
};

CommerceSqliteStore::CommerceSqliteStore(const Location& where) : db_(open_database(where)) { migrate(*db_); }

// Statements must go before the connection closes.
CommerceSqliteStore::~CommerceSqliteStore() { cache_.clear(); }

CommerceSqliteStore::Use CommerceSqliteStore::stmt(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<Cached>(*db_, sql)).first;
  return Use(it->second->st);
}

void CommerceSqliteStore::in_transaction(const std::function<void()>& fn) {
  db_->transaction([&] { fn(); });
}

namespace {
// For the run of writes: checkpoints on their own thread, and a larger page cache (the order
// indexes of a 100,000-order mirror stay in memory). The cache goes back to SQLite's default
// afterwards, so an idle instance keeps a small footprint.
struct SqliteBulkWrite final : BulkWrite {
  explicit SqliteBulkWrite(sqlite::Database& db) : db_(db), checkpoint(db) { db_.exec("PRAGMA cache_size=-32768"); }
  ~SqliteBulkWrite() override {
    try {
      db_.exec("PRAGMA cache_size=-2000");
    } catch (...) {  // a destructor must not throw; only memory is at stake
    }
  }
  sqlite::Database& db_;
  sqlite::BackgroundCheckpoint checkpoint;
};
}  // namespace

std::unique_ptr<BulkWrite> CommerceSqliteStore::bulk_write() {
  if (auto* file = dynamic_cast<sqlite::Database*>(db_.get())) return std::make_unique<SqliteBulkWrite>(*file);
  return std::make_unique<BulkWrite>();  // PostgreSQL checkpoints and caches on its own
}

// ---------------------------------------------------------------- orders

UpsertResult CommerceSqliteStore::upsert_order(const model::OrderRecord& o, std::int64_t now_ms,
                                               std::string_view source) {
  UpsertResult result;
  std::int64_t row = 0;  // lines and history hang off the order's row number (migration 4)
  auto sel = stmt("SELECT order_row, status, update_time, raw_json FROM orders WHERE order_id = ?1");
  sel->bind(1, o.id);
  const bool exists = sel->step();
  if (exists) {
    row = sel->int64(0);
    result.previous_status = sel->text(1);
    const std::int64_t stored_time = sel->int64(2);
    if (stored_time > o.update_time) {
      result.outcome = UpsertOutcome::stale;
      return result;
    }
    if (stored_time == o.update_time && sel->text(3) == o.raw_json) {
      result.outcome = UpsertOutcome::unchanged;
      return result;
    }
    sel->reset();
    auto up = stmt(
        "UPDATE orders SET status = ?2, create_time = ?3, update_time = ?4, raw_json = ?5, synced_at_ms = ?6 "
        "WHERE order_row = ?1");
    up->bind(1, row)
        .bind(2, o.status)
        .bind(3, o.create_time)
        .bind(4, o.update_time)
        .bind(5, o.raw_json)
        .bind(6, now_ms);
    up->run();
    auto del = stmt("DELETE FROM order_lines WHERE order_row = ?1");
    del->bind(1, row);
    del->run();
    result.outcome = UpsertOutcome::changed;
  } else {
    sel->reset();
    auto ins = stmt(
        "INSERT INTO orders (order_id, status, create_time, update_time, raw_json, first_seen_ms, synced_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING order_row");
    ins->bind(1, o.id)
        .bind(2, o.status)
        .bind(3, o.create_time)
        .bind(4, o.update_time)
        .bind(5, o.raw_json)
        .bind(6, now_ms);
    if (!ins->step()) throw std::runtime_error("SQLite: INSERT INTO orders returned no row");
    row = ins->int64(0);
    ins->run();  // to completion, so the statement is done before it is reused
    result.outcome = UpsertOutcome::inserted;
  }
  auto line = stmt(
      "INSERT INTO order_lines (order_row, sku_id, order_id, product_id, seller_sku, quantity, unit_price, "
      "line_item_ids) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& l : o.lines) {
    std::string ids;
    for (const auto& id : l.line_item_ids) ids += (ids.empty() ? "" : ",") + id;
    line->reset();
    line->bind(1, row).bind(2, l.sku_id).bind(3, o.id).bind(4, l.product_id).bind(5, l.seller_sku).bind(6, l.quantity);
    line->bind(7, l.unit_price).bind(8, ids);
    line->run();
  }
  if (result.previous_status != o.status) {
    auto hist = stmt(
        "INSERT INTO order_status_history (order_row, update_time, status, order_id, recorded_at_ms, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    hist->bind(1, row).bind(2, o.update_time).bind(3, o.status).bind(4, o.id).bind(5, now_ms).bind(6, source);
    hist->run();
  }
  return result;
}

std::optional<StoredObject> CommerceSqliteStore::order(std::string_view id) {
  auto s = stmt("SELECT order_id, status, update_time, raw_json FROM orders WHERE order_id = ?1");
  s->bind(1, id);
  if (!s->step()) return std::nullopt;
  return StoredObject{s->text(0), s->text(1), s->int64(2), s->text(3)};
}

std::vector<StoredObject> CommerceSqliteStore::list(const char* table, const char* id_col, const ListQuery& q) {
  const std::string sql =
      std::string("SELECT ") + id_col + ", status, update_time, raw_json FROM " + table +
      " WHERE (CAST(?1 AS TEXT) IS NULL OR status = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR update_time >= ?2)"
      " AND (update_time > ?3 OR (update_time = ?3 AND " +
      id_col +
      " > ?4))"
      " ORDER BY update_time, " +
      id_col + " LIMIT ?5";
  auto q_st = db_->prepare(sql);
  q_st.bind_optional(1, q.status);
  q_st.bind_optional(2, q.updated_since);
  q_st.bind(3, q.after_update_time).bind(4, q.after_id).bind(5, static_cast<std::int64_t>(q.limit));
  std::vector<StoredObject> out;
  while (q_st.step()) out.push_back(StoredObject{q_st.text(0), q_st.text(1), q_st.int64(2), q_st.text(3)});
  return out;
}

std::vector<StoredObject> CommerceSqliteStore::orders(const ListQuery& q) { return list("orders", "order_id", q); }

std::int64_t CommerceSqliteStore::order_count() {
  auto s = stmt("SELECT COUNT(*) FROM orders");
  return s->step() ? s->int64(0) : 0;
}

// ---------------------------------------------------------------- products

UpsertResult CommerceSqliteStore::upsert_product(const model::ProductRecord& p, std::int64_t now_ms) {
  UpsertResult result;
  auto sel = stmt("SELECT status, update_time, raw_json FROM products WHERE product_id = ?1");
  sel->bind(1, p.id);
  if (sel->step()) {
    result.previous_status = sel->text(0);
    const std::int64_t stored_time = sel->int64(1);
    if (stored_time > p.update_time) {
      result.outcome = UpsertOutcome::stale;
      return result;
    }
    if (stored_time == p.update_time && sel->text(2) == p.raw_json) {
      result.outcome = UpsertOutcome::unchanged;
      return result;
    }
    result.outcome = UpsertOutcome::changed;
  } else {
    result.outcome = UpsertOutcome::inserted;
  }
  sel->reset();
  auto up = stmt(
      "INSERT INTO products (product_id, title, status, create_time, update_time, raw_json, synced_at_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (product_id) DO UPDATE SET title = excluded.title, "
      "status = excluded.status, create_time = excluded.create_time, update_time = excluded.update_time, "
      "raw_json = excluded.raw_json, synced_at_ms = excluded.synced_at_ms");
  up->bind(1, p.id).bind(2, p.title).bind(3, p.status).bind(4, p.create_time).bind(5, p.update_time);
  up->bind(6, p.raw_json).bind(7, now_ms);
  up->run();
  auto del_stock = stmt("DELETE FROM sku_stock WHERE product_id = ?1");
  del_stock->bind(1, p.id);
  del_stock->run();
  auto del_skus = stmt("DELETE FROM product_skus WHERE product_id = ?1");
  del_skus->bind(1, p.id);
  del_skus->run();
  for (const auto& k : p.skus) {
    auto sku = stmt(
        "INSERT INTO product_skus (sku_id, product_id, seller_sku, price_amount, currency) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sku_id) DO UPDATE SET product_id = excluded.product_id, "
        "seller_sku = excluded.seller_sku, price_amount = excluded.price_amount, currency = excluded.currency");
    sku->bind(1, k.id).bind(2, p.id).bind(3, k.seller_sku).bind(4, k.price_amount).bind(5, k.currency);
    sku->run();
    for (const auto& [w, q] : k.stock) {
      auto st = stmt(
          "INSERT INTO sku_stock (sku_id, warehouse_id, product_id, quantity) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET product_id = excluded.product_id, "
          "quantity = excluded.quantity");
      st->bind(1, k.id).bind(2, w).bind(3, p.id).bind(4, q);
      st->run();
    }
    if (!k.seller_sku.empty()) {
      // Convention: the seller SKU is the ERP SKU until the ERP maps it otherwise.
      auto map = stmt(
          "INSERT INTO sku_map (erp_sku, product_id, sku_id, origin) VALUES (?1, ?2, ?3, 'seller_sku') "
          "ON CONFLICT DO NOTHING");
      map->bind(1, k.seller_sku).bind(2, p.id).bind(3, k.id);
      map->run();
    }
  }
  return result;
}

std::optional<StoredObject> CommerceSqliteStore::product(std::string_view id) {
  auto s = stmt("SELECT product_id, status, update_time, raw_json FROM products WHERE product_id = ?1");
  s->bind(1, id);
  if (!s->step()) return std::nullopt;
  return StoredObject{s->text(0), s->text(1), s->int64(2), s->text(3)};
}

std::vector<StoredObject> CommerceSqliteStore::products(const ListQuery& q) {
  return list("products", "product_id", q);
}

std::int64_t CommerceSqliteStore::product_count() {
  auto s = stmt("SELECT COUNT(*) FROM products");
  return s->step() ? s->int64(0) : 0;
}

std::vector<std::pair<std::string, std::int64_t>> CommerceSqliteStore::mirrored_stock(std::string_view sku_id) {
  auto s = stmt("SELECT warehouse_id, quantity FROM sku_stock WHERE sku_id = ?1 ORDER BY warehouse_id");
  s->bind(1, sku_id);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s->step()) out.emplace_back(s->text(0), s->int64(1));
  return out;
}

// ---------------------------------------------------------------- external-id map

void CommerceSqliteStore::map_sku(std::string_view erp_sku, std::string_view product_id, std::string_view sku_id) {
  db_->transaction([&] {
    auto del = stmt("DELETE FROM sku_map WHERE erp_sku = ?1 OR sku_id = ?2");
    del->bind(1, erp_sku).bind(2, sku_id);
    del->run();
    auto ins = stmt("INSERT INTO sku_map (erp_sku, product_id, sku_id, origin) VALUES (?1, ?2, ?3, 'erp')");
    ins->bind(1, erp_sku).bind(2, product_id).bind(3, sku_id);
    ins->run();
  });
}

std::optional<std::string> CommerceSqliteStore::erp_sku_of(std::string_view sku_id) {
  auto s = stmt("SELECT erp_sku FROM sku_map WHERE sku_id = ?1");
  s->bind(1, sku_id);
  if (!s->step()) return std::nullopt;
  return s->text(0);
}

std::optional<SkuRef> CommerceSqliteStore::sku_by_erp(std::string_view erp_sku) {
  auto s = stmt(
      "SELECT m.product_id, m.sku_id, COALESCE(k.seller_sku, '') FROM sku_map m "
      "LEFT JOIN product_skus k ON k.sku_id = m.sku_id WHERE m.erp_sku = ?1");
  s->bind(1, erp_sku);
  if (!s->step()) return std::nullopt;
  return SkuRef{s->text(0), s->text(1), s->text(2)};
}

std::optional<SkuRef> CommerceSqliteStore::sku_by_id(std::string_view sku_id) {
  auto s = stmt("SELECT product_id, sku_id, seller_sku FROM product_skus WHERE sku_id = ?1");
  s->bind(1, sku_id);
  if (!s->step()) return std::nullopt;
  return SkuRef{s->text(0), s->text(1), s->text(2)};
}

// ---------------------------------------------------------------- rejects, cursors, lease

void CommerceSqliteStore::reject_record(std::string_view kind, std::string_view id, std::string_view error,
                                        std::string_view raw, std::int64_t now_ms) {
  auto s = stmt("INSERT INTO sync_rejects (kind, record_id, error, raw, seen_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
  s->bind(1, kind).bind(2, id).bind(3, error).bind(4, raw).bind(5, now_ms);
  s->run();
}

std::int64_t CommerceSqliteStore::reject_count() {
  auto s = stmt("SELECT COUNT(*) FROM sync_rejects");
  return s->step() ? s->int64(0) : 0;
}

SyncCursor CommerceSqliteStore::cursor(std::string_view kind) {
  auto s = stmt(
      "SELECT watermark, full_done, page_token, run_json, run_max_seen, run_pages, run_records, run_started_ms, "
      "last_finished_ms, last_outcome FROM sync_cursors WHERE kind = ?1");
  s->bind(1, kind);
  SyncCursor c;
  c.kind = std::string(kind);
  if (s->step()) {
    c.watermark = s->int64(0);
    c.full_done = s->int64(1) != 0;
    c.page_token = s->text(2);
    c.run_json = s->text(3);
    c.run_max_seen = s->int64(4);
    c.run_pages = s->int64(5);
    c.run_records = s->int64(6);
    c.run_started_ms = s->int64(7);
    c.last_finished_ms = s->int64(8);
    c.last_outcome = s->text(9);
  }
  return c;
}

void CommerceSqliteStore::save_cursor(const SyncCursor& c) {
  auto s = stmt(
      "INSERT INTO sync_cursors (kind, watermark, full_done, page_token, run_json, run_max_seen, run_pages, "
      "run_records, run_started_ms, last_finished_ms, last_outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11) ON CONFLICT (kind) DO UPDATE SET watermark = excluded.watermark, full_done = excluded.full_done, "
      "page_token = excluded.page_token, run_json = excluded.run_json, run_max_seen = excluded.run_max_seen, "
      "run_pages = excluded.run_pages, run_records = excluded.run_records, run_started_ms = excluded.run_started_ms, "
      "last_finished_ms = excluded.last_finished_ms, last_outcome = excluded.last_outcome");
  s->bind(1, c.kind).bind(2, c.watermark).bind(3, static_cast<std::int64_t>(c.full_done ? 1 : 0)).bind(4, c.page_token);
  s->bind(5, c.run_json).bind(6, c.run_max_seen).bind(7, c.run_pages).bind(8, c.run_records).bind(9, c.run_started_ms);
  s->bind(10, c.last_finished_ms).bind(11, c.last_outcome);
  s->run();
}

bool CommerceSqliteStore::acquire_sync_lease(std::string_view owner, std::int64_t now_ms, std::int64_t ttl_ms) {
  bool got = false;
  db_->transaction([&] {
    auto s = stmt(
        "INSERT INTO sync_lease (id, owner, expires_at_ms) VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET "
        "owner = excluded.owner, expires_at_ms = excluded.expires_at_ms "
        "WHERE sync_lease.owner = excluded.owner OR sync_lease.expires_at_ms <= ?3");
    s->bind(1, owner).bind(2, now_ms + ttl_ms).bind(3, now_ms);
    s->run();
    got = db_->changes() > 0;
  });
  return got;
}

void CommerceSqliteStore::release_sync_lease(std::string_view owner) {
  auto s = stmt("DELETE FROM sync_lease WHERE id = 1 AND owner = ?1");
  s->bind(1, owner);
  s->run();
}

std::pair<std::string, std::int64_t> CommerceSqliteStore::sync_lease_holder() {
  auto s = stmt("SELECT owner, expires_at_ms FROM sync_lease WHERE id = 1");
  if (!s->step()) return {"", 0};
  return {s->text(0), s->int64(1)};
}

bool CommerceSqliteStore::take_over_sync_lease(std::string_view previous, std::string_view owner, std::int64_t now_ms,
                                               std::int64_t ttl_ms) {
  auto s = stmt("UPDATE sync_lease SET owner = ?2, expires_at_ms = ?3 WHERE id = 1 AND owner = ?1");
  s->bind(1, previous).bind(2, owner).bind(3, now_ms + ttl_ms);
  s->run();
  return db_->changes() > 0;
}

// ---------------------------------------------------------------- webhook inbox

bool CommerceSqliteStore::inbox_insert(std::string_view notification_id, int type, std::string_view shop_id,
                                       std::int64_t timestamp, std::string_view body, std::int64_t now_ms) {
  auto s = stmt(
      "INSERT INTO webhook_inbox (notification_id, type, shop_id, timestamp, body, received_at_ms, state) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending') ON CONFLICT (notification_id) DO NOTHING");
  s->bind(1, notification_id).bind(2, static_cast<std::int64_t>(type)).bind(3, shop_id).bind(4, timestamp);
  s->bind(5, body).bind(6, now_ms);
  s->run();
  return db_->changes() > 0;
}

std::vector<InboxItem> CommerceSqliteStore::inbox_pending(int limit) {
  auto s = stmt(
      "SELECT id, notification_id, type, body, attempts FROM webhook_inbox WHERE state = 'pending' ORDER BY id LIMIT "
      "?1");
  s->bind(1, static_cast<std::int64_t>(limit));
  std::vector<InboxItem> out;
  while (s->step()) {
    out.push_back(
        InboxItem{s->int64(0), s->text(1), static_cast<int>(s->int64(2)), s->text(3), static_cast<int>(s->int64(4))});
  }
  return out;
}

void CommerceSqliteStore::inbox_finish(std::int64_t id, std::string_view state, std::string_view error,
                                       std::int64_t now_ms) {
  auto s = stmt("UPDATE webhook_inbox SET state = ?2, error = ?3, applied_at_ms = ?4 WHERE id = ?1");
  s->bind(1, id).bind(2, state).bind(3, error).bind(4, now_ms);
  s->run();
}

void CommerceSqliteStore::inbox_retry(std::int64_t id, std::string_view error) {
  auto s = stmt("UPDATE webhook_inbox SET attempts = attempts + 1, error = ?2 WHERE id = ?1");
  s->bind(1, id).bind(2, error);
  s->run();
}

std::int64_t CommerceSqliteStore::inbox_count(std::string_view state) {
  auto s = stmt("SELECT COUNT(*) FROM webhook_inbox WHERE ?1 = '' OR state = ?1");
  s->bind(1, state);
  return s->step() ? s->int64(0) : 0;
}

// ---------------------------------------------------------------- stock outbox

bool CommerceSqliteStore::enqueue_stock(const StockLevel& d, std::int64_t now_ms) {
  auto sel = stmt("SELECT available, version, push_status FROM stock_levels WHERE sku_id = ?1 AND warehouse_id = ?2");
  sel->bind(1, d.sku_id).bind(2, d.warehouse_id);
  std::int64_t version = 0;
  bool same_value_in_flight = false;
  if (sel->step()) {
    version = sel->int64(1);
    const std::string status = sel->text(2);
    same_value_in_flight = sel->int64(0) == d.available && (status == "pending" || status == "pushed");
  }
  sel->reset();
  if (same_value_in_flight) {
    // Deduplicated: the marketplace has (or will get) this value; only the ERP figures change.
    auto up = stmt(
        "UPDATE stock_levels SET erp_sku = ?3, on_hand = ?4, reserved = ?5, safety_buffer = ?6, updated_at_ms = ?7 "
        "WHERE sku_id = ?1 AND warehouse_id = ?2");
    up->bind(1, d.sku_id).bind(2, d.warehouse_id).bind(3, d.erp_sku).bind(4, d.on_hand).bind(5, d.reserved);
    up->bind(6, d.safety_buffer).bind(7, now_ms);
    up->run();
    return false;
  }
  ++version;
  auto sup = stmt(
      "UPDATE stock_outbox SET state = 'superseded', updated_at_ms = ?3 "
      "WHERE sku_id = ?1 AND warehouse_id = ?2 AND state = 'pending'");
  sup->bind(1, d.sku_id).bind(2, d.warehouse_id).bind(3, now_ms);
  sup->run();
  auto ins = stmt(
      "INSERT INTO stock_outbox (product_id, sku_id, warehouse_id, quantity, version, state, attempts, "
      "next_attempt_ms, "
      "last_error, created_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, 0, '', ?6, ?6)");
  ins->bind(1, d.product_id).bind(2, d.sku_id).bind(3, d.warehouse_id).bind(4, d.available).bind(5, version);
  ins->bind(6, now_ms);
  ins->run();
  // A new SKU has no push time yet; a known one keeps the time of its last push.
  auto lvl = stmt(
      "INSERT INTO stock_levels (sku_id, warehouse_id, erp_sku, product_id, on_hand, reserved, safety_buffer, "
      "available, version, push_status, pushed_at_ms, error, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
      "?9, 'pending', NULL, '', ?10) ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET erp_sku = excluded.erp_sku, "
      "product_id = excluded.product_id, on_hand = excluded.on_hand, reserved = excluded.reserved, "
      "safety_buffer = excluded.safety_buffer, available = excluded.available, version = excluded.version, "
      "push_status = excluded.push_status, error = excluded.error, updated_at_ms = excluded.updated_at_ms");
  lvl->bind(1, d.sku_id).bind(2, d.warehouse_id).bind(3, d.erp_sku).bind(4, d.product_id).bind(5, d.on_hand);
  lvl->bind(6, d.reserved).bind(7, d.safety_buffer).bind(8, d.available).bind(9, version).bind(10, now_ms);
  lvl->run();
  return true;
}

std::vector<OutboxItem> CommerceSqliteStore::outbox_due(std::int64_t now_ms, int limit) {
  auto s = stmt(
      "SELECT id, product_id, sku_id, warehouse_id, quantity, version, attempts, state, last_error FROM stock_outbox "
      "WHERE state = 'pending' AND next_attempt_ms <= ?1 ORDER BY product_id, id LIMIT ?2");
  s->bind(1, now_ms).bind(2, static_cast<std::int64_t>(limit));
  std::vector<OutboxItem> out;
  while (s->step()) {
    out.push_back(OutboxItem{s->int64(0), s->text(1), s->text(2), s->text(3), s->int64(4), s->int64(5),
                             static_cast<int>(s->int64(6)), s->text(7), s->text(8)});
  }
  return out;
}

void CommerceSqliteStore::outbox_settle(std::int64_t id, const char* state, std::string_view error,
                                        std::int64_t now_ms) {
  db_->transaction([&] {
    auto up = stmt(
        "UPDATE stock_outbox SET state = ?2, last_error = ?3, attempts = attempts + 1, updated_at_ms = ?4 "
        "WHERE id = ?1 AND state = 'pending' RETURNING sku_id, warehouse_id, version");
    up->bind(1, id).bind(2, state).bind(3, error).bind(4, now_ms);
    if (!up->step()) return;  // superseded meanwhile: the newer row speaks for the SKU
    const std::string sku = up->text(0), wh = up->text(1);
    const std::int64_t version = up->int64(2);
    up->reset();
    auto lvl = stmt(
        "UPDATE stock_levels SET push_status = ?4, error = ?5, "
        "pushed_at_ms = CASE WHEN ?4 = 'pushed' THEN ?6 ELSE pushed_at_ms END "
        "WHERE sku_id = ?1 AND warehouse_id = ?2 AND version = ?3");
    lvl->bind(1, sku).bind(2, wh).bind(3, version).bind(4, std::string_view(state) == "sent" ? "pushed" : "failed");
    lvl->bind(5, error).bind(6, now_ms);
    lvl->run();
  });
}

void CommerceSqliteStore::outbox_sent(std::int64_t id, std::int64_t now_ms) { outbox_settle(id, "sent", "", now_ms); }

void CommerceSqliteStore::outbox_failed(std::int64_t id, std::string_view error, std::int64_t now_ms) {
  outbox_settle(id, "failed", error, now_ms);
}

void CommerceSqliteStore::outbox_retry(std::int64_t id, std::string_view error, std::int64_t next_attempt_ms) {
  db_->transaction([&] {
    auto s = stmt(
        "UPDATE stock_outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_ms = ?3 "
        "WHERE id = ?1 AND state = 'pending' RETURNING sku_id, warehouse_id, version");
    s->bind(1, id).bind(2, error).bind(3, next_attempt_ms);
    if (!s->step()) return;
    const std::string sku = s->text(0), wh = s->text(1);
    const std::int64_t version = s->int64(2);
    s->reset();
    auto lvl = stmt("UPDATE stock_levels SET error = ?4 WHERE sku_id = ?1 AND warehouse_id = ?2 AND version = ?3");
    lvl->bind(1, sku).bind(2, wh).bind(3, version).bind(4, error);
    lvl->run();
  });
}

std::vector<OutboxItem> CommerceSqliteStore::outbox_history(std::string_view sku_id, std::string_view warehouse_id,
                                                            int limit) {
  auto s = stmt(
      "SELECT id, product_id, sku_id, warehouse_id, quantity, version, attempts, state, last_error FROM stock_outbox "
      "WHERE sku_id = ?1 AND warehouse_id = ?2 ORDER BY id DESC LIMIT ?3");
  s->bind(1, sku_id).bind(2, warehouse_id).bind(3, static_cast<std::int64_t>(limit));
  std::vector<OutboxItem> out;
  while (s->step()) {
    out.push_back(OutboxItem{s->int64(0), s->text(1), s->text(2), s->text(3), s->int64(4), s->int64(5),
                             static_cast<int>(s->int64(6)), s->text(7), s->text(8)});
  }
  return out;
}

std::vector<StockLevel> CommerceSqliteStore::stock_levels(std::string_view sku_id) {
  auto s = stmt(
      "SELECT erp_sku, product_id, sku_id, warehouse_id, on_hand, reserved, safety_buffer, available, version, "
      "push_status, COALESCE(pushed_at_ms, 0), error FROM stock_levels WHERE ?1 = '' OR sku_id = ?1 "
      "ORDER BY sku_id, warehouse_id");
  s->bind(1, sku_id);
  std::vector<StockLevel> out;
  while (s->step()) {
    out.push_back(StockLevel{s->text(0), s->text(1), s->text(2), s->text(3), s->int64(4), s->int64(5), s->int64(6),
                             s->int64(7), s->int64(8), s->text(9), s->int64(10), s->text(11)});
  }
  return out;
}

// ---------------------------------------------------------------- log, meta

void CommerceSqliteStore::log_run(const LogEntry& e) {
  AuditLog(*db_).record(e);
  if (log_observer_) log_observer_(e);
}

std::vector<LogEntry> CommerceSqliteStore::recent_runs(int limit) {
  auto s = stmt(
      "SELECT kind, started_at_ms, finished_at_ms, outcome, pages, records, errors, message FROM integration_log "
      "WHERE kind NOT LIKE '%.%' ORDER BY id DESC LIMIT ?1");  // background runs; capability ids have a dot
  s->bind(1, static_cast<std::int64_t>(limit));
  std::vector<LogEntry> out;
  while (s->step()) {
    out.push_back(
        LogEntry{s->text(0), s->int64(1), s->int64(2), s->text(3), s->int64(4), s->int64(5), s->int64(6), s->text(7)});
  }
  return out;
}

std::optional<std::string> CommerceSqliteStore::meta(std::string_view key) {
  auto s = stmt("SELECT value FROM commerce_meta WHERE key = ?1");
  s->bind(1, key);
  if (!s->step()) return std::nullopt;
  return s->text(0);
}

void CommerceSqliteStore::set_meta(std::string_view key, std::string_view value) {
  auto s = stmt(
      "INSERT INTO commerce_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s->bind(1, key).bind(2, value);
  s->run();
}

}  // namespace ocean::tiktok::store
