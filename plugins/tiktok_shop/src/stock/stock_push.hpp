// ERP -> TikTok stock through an outbox. inventory.update records what the ERP holds and queues
// available = max(0, on_hand - reserved - safety_buffer) per SKU and warehouse; push_due sends
// what is due, batched per product (one inventory/update call carries all its SKUs). Transient
// failures are retried from tick with backoff; a newer value supersedes a pending older one; the
// same value is never queued twice; the outcome per SKU is kept for inventory.push_status.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

#include "catalog/product_api.hpp"
#include "store/commerce_store.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::stock {

// The API's accepted range for inventory.quantity (reference §8; the sandbox takes 0 too, and a
// sold-out SKU must be able to say 0).
inline constexpr std::int64_t kMaxQuantity = 99'999;

std::int64_t available_of(std::int64_t on_hand, std::int64_t reserved, std::int64_t safety_buffer);

struct PushReport {
  std::int64_t products = 0, pushed = 0, failed = 0, retried = 0;
};

class StockPusher {
 public:
  StockPusher(store::CommerceStore& store, catalog::ProductApi& products, Host& host, std::string account_id,
              std::int64_t safety_buffer);

  // Validates every item first (all or nothing), then queues them in one transaction.
  // Throws Failure(invalid_argument) naming each bad item. Returns the stock_level.v1 views.
  boost::json::array enqueue(const boost::json::object& request);
  PushReport push_due(int max_items = 1000);
  boost::json::object status(const boost::json::object& request);

  static boost::json::object level_view(const store::StockLevel& l, std::string_view account_id);
  static constexpr int kMaxAttempts = 8;

 private:
  std::int64_t backoff_ms(int attempts) const;

  store::CommerceStore& store_;
  catalog::ProductApi& products_;
  Host& host_;
  std::string account_id_;
  std::int64_t safety_buffer_;
};

}  // namespace ocean::tiktok::stock
