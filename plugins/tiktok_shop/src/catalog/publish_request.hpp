// Reads catalog.publish's products (inline `products` or a JSON `file` holding the same array) and
// checks every one of them before anything is sent: each is read exactly as products.create reads its
// request (read_listing), ERP SKUs and erp_product_id must be unique across the whole batch, and at most
// 10,000 products. A refusal is INVALID_ARGUMENT naming the product's index and field
// ("products[12].skus[0].price"); the whole request is refused, nothing is stored or sent.
#pragma once
#include <boost/json/array.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "capability/request.hpp"
#include "catalog/catalog_context.hpp"
#include "catalog/listing_request.hpp"

namespace ocean::tiktok::catalog {

inline constexpr std::size_t kMaxPublishProducts = 10000;

// The fields a product of catalog.publish may carry: products.create's (without include_raw) plus the
// ERP's own product key. idempotency_key is declared only to be refused: the job sets one per product.
std::vector<std::string_view> publish_product_fields();

struct PublishInput {
  std::string erp_product_id;  // "" when not given
  Listing listing;             // as read (ERP SKUs, category, attributes)
  std::string request_json;    // the product as given
};

struct PublishBatch {
  std::string source;  // "request" or the file's path
  std::string sha256;  // of the products' canonical text
  std::vector<PublishInput> products;
};

// Reads `products` or `file` (exactly one) from the capability request `r`.
PublishBatch read_publish_batch(const capability::Request& r, const Market& m);

// Reads one stored product again (for sending): `index` names it in errors.
Listing read_publish_product(const boost::json::object& product, std::size_t index, const Market& m);

}  // namespace ocean::tiktok::catalog
