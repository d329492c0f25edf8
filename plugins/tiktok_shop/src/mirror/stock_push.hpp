// ERP -> TikTok stock through an outbox. inventory.update records what the ERP holds and queues
// available = max(0, on_hand - reserved - safety_buffer) per SKU and warehouse; push_due sends
// what is due, batched per product (one inventory/update call carries all its SKUs). Transient
// failures are retried from tick with backoff; a newer value supersedes a pending older one; the
// same value is never queued twice; the outcome per SKU is kept for inventory.push_status.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "tiktok_api/products.hpp"
#include "store/commerce_store.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::mirror {

// The API's accepted range for inventory.quantity (reference §8; the sandbox takes 0 too, and a
// sold-out SKU must be able to say 0).
inline constexpr std::int64_t kMaxQuantity = 99'999;

std::int64_t available_of(std::int64_t on_hand, std::int64_t reserved, std::int64_t safety_buffer);

// One line of inventory.update, already read and type-checked (capability/request).
struct StockUpdate {
  std::string where;    // "items[3]", for messages
  std::string erp_sku;  // one of erp_sku / sku_id names the SKU
  std::string sku_id;
  std::string warehouse_id;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
};

struct PushReport {
  std::int64_t products = 0, pushed = 0, failed = 0, retried = 0;
};

class StockPusher {
 public:
  StockPusher(store::CommerceStore& store, tiktok_api::ProductApi& products, Host& host, std::string account_id,
              std::int64_t safety_buffer);

  // Checks every item against the mirror first (all or nothing), then queues them in one
  // transaction. Throws Failure(invalid_argument) naming each bad item. `safety_buffer` overrides
  // the configured one. Returns the stock_level.v1 views.
  boost::json::array enqueue(const std::vector<StockUpdate>& items, std::optional<std::int64_t> safety_buffer);
  PushReport push_due(int max_items = 1000);
  // Levels with their push state; one SKU's (with history) when sku_id or erp_sku is given.
  boost::json::object status(std::string sku_id, const std::string& erp_sku);

  static boost::json::object level_view(const store::StockLevel& l, std::string_view account_id);
  static constexpr int kMaxAttempts = 8;

 private:
  std::int64_t backoff_ms(int attempts) const;

  store::CommerceStore& store_;
  tiktok_api::ProductApi& products_;
  Host& host_;
  std::string account_id_;
  std::int64_t safety_buffer_;
};

}  // namespace ocean::tiktok::mirror
