// Reads the ERP's view of a product (products.create / update / partial_update) and checks all of it
// locally before any call: title and description limits, image count, package weight and dimensions,
// prices > 0 in the shop's currency digits, stock 0..99,999, unique ERP SKUs and unique option
// combinations. Each refusal is Failure(invalid_argument) naming the field's JSON path. The result is
// TikTok's Create/Edit body with main_images still as the ERP gave them (resolve them with images.hpp).
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "capability/request.hpp"
#include "catalog/catalog_context.hpp"

namespace ocean::tiktok::catalog {

struct Listing {
  boost::json::object body;         // TikTok's body (main_images filled by the caller)
  std::vector<std::string> images;  // as given: local path, https URL or uploaded uri
  std::vector<std::string> erp_skus;
  std::string category_id, category_version;
  bool as_draft = false;
  bool white_background = false;  // give the first image a white background first (CAT-NFOQUAL-AUTOWHTBG)
};

enum class ListingMode { kCreate, kUpdate, kPartial };

// kPartial reads only the fields present (products.partial_update); otherwise all are required.
// idempotency_key is read on create only, category and as_draft on create and update.
Listing read_listing(const capability::Request& r, const Market& m, ListingMode mode);

// The SKU price object TikTok takes: {"amount", "currency"}; `key` names the field in errors.
boost::json::object price_json(const capability::Request& sku, std::string_view key, const Market& m);

}  // namespace ocean::tiktok::catalog
