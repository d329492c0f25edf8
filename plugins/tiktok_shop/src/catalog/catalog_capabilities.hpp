// The product_catalog feature's write path and listing look-ups (issue 11): handlers of
// products.create / update / partial_update / prices.update / activate / deactivate / delete,
// categories.search / rules / attributes / recommend, brands.search, products.prerequisites,
// images.upload / optimize, size_charts.search and products.seo_words, and the bulk listing jobs
// (catalog.publish / publish_status). Each reads and checks its whole
// request first (zero API calls for a bad request), then calls TikTok; writes refresh the mirror's copy
// of the product and keep the ERP SKU <-> TikTok id map in the same transaction.
#pragma once
#include <boost/json/object.hpp>

#include "capability/request.hpp"
#include "catalog/catalog_context.hpp"

namespace ocean::tiktok::catalog {

using capability::Request;

boost::json::object products_create(CatalogContext& c, const Request& r);
boost::json::object products_update(CatalogContext& c, const Request& r);
boost::json::object products_partial_update(CatalogContext& c, const Request& r);
boost::json::object products_prices_update(CatalogContext& c, const Request& r);
boost::json::object products_activate(CatalogContext& c, const Request& r);
boost::json::object products_deactivate(CatalogContext& c, const Request& r);
boost::json::object products_delete(CatalogContext& c, const Request& r);
boost::json::object products_prerequisites(CatalogContext& c, const Request& r);
boost::json::object products_seo_words(CatalogContext& c, const Request& r);
boost::json::object categories_search(CatalogContext& c, const Request& r);
boost::json::object categories_rules(CatalogContext& c, const Request& r);
boost::json::object categories_attributes(CatalogContext& c, const Request& r);
boost::json::object categories_recommend(CatalogContext& c, const Request& r);
boost::json::object brands_search(CatalogContext& c, const Request& r);
boost::json::object size_charts_search(CatalogContext& c, const Request& r);
boost::json::object images_upload(CatalogContext& c, const Request& r);
boost::json::object images_optimize(CatalogContext& c, const Request& r);
// Bulk listing (publish_run.hpp). catalog_publish is called WITHOUT the mirror's work mutex held (it
// takes it product by product); catalog_publish_status with it, like the others.
boost::json::object catalog_publish(CatalogContext& c, const Request& r);
boost::json::object catalog_publish_status(CatalogContext& c, const Request& r);

}  // namespace ocean::tiktok::catalog
