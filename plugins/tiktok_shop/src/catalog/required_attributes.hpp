// A category's required product attributes (and the conditional ones the given values switch on) must be
// in a listing: checked before the listing is sent, from one read of the category's attributes, so the
// refusal names `attributes` and no write reaches TikTok. catalog.publish reads each category once for a
// whole batch.
#pragma once
#include <boost/json/object.hpp>

#include <string>

#include "capability/request.hpp"
#include "catalog/catalog_context.hpp"
#include "catalog/listing_request.hpp"

namespace ocean::tiktok::catalog {

// The data of GET /product/202309/categories/{id}/attributes.
boost::json::object category_attributes(CatalogContext& c, const std::string& category_id,
                                        const std::string& category_version);

// Failure(invalid_argument) naming r's `attributes` when `l` lacks one that `attributes_data` requires.
void check_required_attributes(const boost::json::object& attributes_data, const capability::Request& r,
                               const Listing& l);

}  // namespace ocean::tiktok::catalog
