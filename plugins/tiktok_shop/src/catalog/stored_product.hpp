// Reading a listed product back from TikTok and keeping it: the mirrored product and its ERP SKU <->
// TikTok SKU map are written in one transaction (with `also`, e.g. catalog.publish's outcome row, in
// the same one), then product.audit_passed / audit_failed is emitted when its stored status moved.
#pragma once
#include <boost/json/value.hpp>

#include <functional>
#include <string>

#include "catalog/catalog_context.hpp"

namespace ocean::tiktok::catalog {

// Returns the product detail (the API's data). `also` may be empty.
boost::json::value read_and_store_product(CatalogContext& c, const std::string& product_id,
                                          const std::function<void(const boost::json::value&)>& also);

}  // namespace ocean::tiktok::catalog
