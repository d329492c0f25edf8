// What the store keeps of an order and a product: the fields it indexes plus the raw API object
// (as JSON text), from which the neutral views are produced on read.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ocean::tiktok::model {

// One SKU of an order. The 202309 API has one line item per unit, so quantity counts line items.
struct OrderLine {
  std::string sku_id;
  std::string product_id;
  std::string seller_sku;
  std::string name;
  std::string sku_name;
  std::int64_t quantity = 0;
  std::string unit_price;  // decimal string as the API gave it
  std::string original_price;
  std::vector<std::string> line_item_ids;
};

struct OrderRecord {
  std::string id;
  std::string status;  // TikTok's word (CANCEL normalised to CANCELLED)
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string raw_json;
  std::vector<OrderLine> lines;
};

struct SkuRecord {
  std::string id;
  std::string seller_sku;
  std::string price_amount;
  std::string currency;
  std::vector<std::pair<std::string, std::int64_t>> stock;  // warehouse id, quantity
};

struct ProductRecord {
  std::string id;
  std::string title;
  std::string status;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string raw_json;
  std::vector<SkuRecord> skus;
};

}  // namespace ocean::tiktok::model
