// Dead letters: webhooks and stock pushes that ran out of attempts (webhook_inbox and stock_outbox
// rows in state 'failed'), listed, requeued or dismissed by the operator (queue_job's requeue).
// A failed stock push whose SKU has since been given a newer value is not listed: the newer push
// speaks for it. Dismissals are kept (dead_letter_dismissals, migration 7).
// Thread-safety: as the connection it is given (the mirror's, under its work mutex).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace ocean::tiktok::store {

struct DeadLetter {
  std::string source;  // "webhook" or "stock_push"
  std::int64_t item_id = 0;
  std::string error;
  std::int64_t attempts = 0;  // tries made
  std::int64_t failed_at_ms = 0;
  // webhook
  std::string notification_id = {};
  std::int64_t type = 0;
  // stock_push
  std::string product_id = {}, sku_id = {}, warehouse_id = {};
  std::int64_t quantity = 0;
};

enum class Requeue { requeued, superseded, not_found };

class DeadLetters {
 public:
  explicit DeadLetters(db::Database& db) : db_(db) {}

  // Newest failure first; `source` "" = both.
  std::vector<DeadLetter> list(const std::string& source);
  std::optional<DeadLetter> find(const std::string& source, std::int64_t item_id);
  // Back to pending with its attempts reset; a stock push whose SKU has a newer value (or a push
  // pending) is marked superseded instead.
  Requeue requeue(const std::string& source, std::int64_t item_id, std::int64_t now_ms);
  // false when there is no such (listed) dead letter.
  bool dismiss(const std::string& source, std::int64_t item_id, std::int64_t now_ms);
  // The row's state now (pending, applied, sent, failed, superseded, ...); "" when there is none.
  std::string state_of(const std::string& source, std::int64_t item_id);

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::store
