#include "store/dead_letters.hpp"

#include <algorithm>

namespace ocean::tiktok::store {
namespace {

// The inbox counts retries (the final, failing try is not added), the outbox tries: both are shown as
// tries made.
constexpr const char* kWebhookSql =
    "SELECT w.id, w.error, w.attempts + 1, COALESCE(w.applied_at_ms, w.received_at_ms), w.notification_id, w.type "
    "FROM webhook_inbox w WHERE w.state = 'failed' AND (CAST(?1 AS BIGINT) IS NULL OR w.id = ?1) AND NOT EXISTS "
    "(SELECT 1 FROM dead_letter_dismissals d WHERE d.source = 'webhook' AND d.item_id = w.id)";

// Only the SKU's latest value: an older failed push was replaced by a newer one.
constexpr const char* kStockSql =
    "SELECT o.id, o.last_error, o.attempts, o.updated_at_ms, o.product_id, o.sku_id, o.warehouse_id, o.quantity "
    "FROM stock_outbox o JOIN stock_levels l ON l.sku_id = o.sku_id AND l.warehouse_id = o.warehouse_id "
    "AND l.version = o.version WHERE o.state = 'failed' AND (CAST(?1 AS BIGINT) IS NULL OR o.id = ?1) AND NOT EXISTS "
    "(SELECT 1 FROM dead_letter_dismissals d WHERE d.source = 'stock_push' AND d.item_id = o.id)";

std::vector<DeadLetter> query(db::Database& db, const std::string& source, std::optional<std::int64_t> id) {
  std::vector<DeadLetter> out;
  if (source.empty() || source == "webhook") {
    auto q = db.prepare(kWebhookSql);
    q.bind_optional(1, id);
    while (q.step()) {
      DeadLetter d{"webhook", q.int64(0), q.text(1), q.int64(2), q.int64(3)};
      d.notification_id = q.text(4);
      d.type = q.int64(5);
      out.push_back(std::move(d));
    }
  }
  if (source.empty() || source == "stock_push") {
    auto q = db.prepare(kStockSql);
    q.bind_optional(1, id);
    while (q.step()) {
      DeadLetter d{"stock_push", q.int64(0), q.text(1), q.int64(2), q.int64(3)};
      d.product_id = q.text(4);
      d.sku_id = q.text(5);
      d.warehouse_id = q.text(6);
      d.quantity = q.int64(7);
      out.push_back(std::move(d));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DeadLetter& a, const DeadLetter& b) {
    return a.failed_at_ms != b.failed_at_ms ? a.failed_at_ms > b.failed_at_ms : a.item_id > b.item_id;
  });
  return out;
}

Requeue requeue_stock(db::Database& db, const DeadLetter& d, std::int64_t now_ms) {
  auto pending = db.prepare("SELECT 1 FROM stock_outbox WHERE sku_id = ?1 AND warehouse_id = ?2 AND state = 'pending'");
  pending.bind(1, d.sku_id).bind(2, d.warehouse_id);
  if (pending.step()) {
    auto sup = db.prepare("UPDATE stock_outbox SET state = 'superseded', updated_at_ms = ?2 WHERE id = ?1");
    sup.bind(1, d.item_id).bind(2, now_ms);
    sup.run();
    return Requeue::superseded;
  }
  auto up = db.prepare(
      "UPDATE stock_outbox SET state = 'pending', attempts = 0, next_attempt_ms = 0, last_error = '', "
      "updated_at_ms = ?2 WHERE id = ?1 AND state = 'failed' RETURNING version");
  up.bind(1, d.item_id).bind(2, now_ms);
  if (!up.step()) return Requeue::not_found;
  const std::int64_t version = up.int64(0);
  up.reset();
  auto lvl = db.prepare(
      "UPDATE stock_levels SET push_status = 'pending', error = '' WHERE sku_id = ?1 AND warehouse_id = ?2 AND "
      "version = ?3");
  lvl.bind(1, d.sku_id).bind(2, d.warehouse_id).bind(3, version);
  lvl.run();
  return Requeue::requeued;
}

}  // namespace

std::vector<DeadLetter> DeadLetters::list(const std::string& source) { return query(db_, source, std::nullopt); }

std::optional<DeadLetter> DeadLetters::find(const std::string& source, std::int64_t item_id) {
  auto found = query(db_, source, item_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Requeue DeadLetters::requeue(const std::string& source, std::int64_t item_id, std::int64_t now_ms) {
  Requeue result = Requeue::not_found;
  db_.transaction([&] {
    const auto d = find(source, item_id);
    if (!d) return;
    if (source == "stock_push") {
      result = requeue_stock(db_, *d, now_ms);
      return;
    }
    auto up = db_.prepare("UPDATE webhook_inbox SET state = 'pending', attempts = 0, error = '' WHERE id = ?1");
    up.bind(1, item_id);
    up.run();
    result = Requeue::requeued;
  });
  return result;
}

bool DeadLetters::dismiss(const std::string& source, std::int64_t item_id, std::int64_t now_ms) {
  bool done = false;
  db_.transaction([&] {
    if (!find(source, item_id)) return;
    auto ins = db_.prepare("INSERT INTO dead_letter_dismissals (source, item_id, dismissed_at_ms) VALUES (?1, ?2, ?3)");
    ins.bind(1, source).bind(2, item_id).bind(3, now_ms);
    ins.run();
    done = true;
  });
  return done;
}

std::string DeadLetters::state_of(const std::string& source, std::int64_t item_id) {
  auto q = db_.prepare(source == "webhook" ? "SELECT state FROM webhook_inbox WHERE id = ?1"
                                           : "SELECT state FROM stock_outbox WHERE id = ?1");
  q.bind(1, item_id);
  return q.step() ? q.text(0) : std::string();
}

}  // namespace ocean::tiktok::store
