// Product endpoints the mirror and the stock push use (reference §6, §8).
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_api/page.hpp"
#include "transport/api_client.hpp"

namespace ocean::tiktok::tiktok_api {

struct ProductFilter {
  std::optional<std::string> status;                           // TikTok word; absent = ALL
  std::optional<std::int64_t> update_time_ge, update_time_le;  // note _le for products
};

struct SkuInventory {
  std::string sku_id;
  std::vector<std::pair<std::string, std::int64_t>> inventory;  // warehouse, quantity
};

struct SkuError {
  std::string sku_id;  // "" when the API did not say which
  std::string message;
};

class ProductApi {
 public:
  ProductApi(ApiClient& api, std::function<std::string()> shop_cipher) : api_(api), cipher_(std::move(shop_cipher)) {}

  tiktok_api::Page search(const ProductFilter& f, const std::string& page_token,
                          int page_size = tiktok_api::kMaxPageSize);
  boost::json::value get(const std::string& product_id);
  // One call per product; returns the per-SKU errors the API listed in data.errors[].
  std::vector<SkuError> update_inventory(const std::string& product_id, const std::vector<SkuInventory>& skus);

 private:
  ApiClient& api_;
  std::function<std::string()> cipher_;
};

}  // namespace ocean::tiktok::tiktok_api
