// products.create / update / partial_update / prices.update / activate / deactivate / delete.
#include <boost/json/serialize.hpp>

#include <set>

#include "account/account_service.hpp"
#include "catalog/catalog_capabilities.hpp"
#include "catalog/images.hpp"
#include "catalog/listing_request.hpp"
#include "catalog/required_attributes.hpp"
#include "catalog/stored_product.hpp"
#include "model/parse_api.hpp"
#include "model/to_neutral.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

// See stored_product.hpp.
json::value read_and_store_product(CatalogContext& c, const std::string& product_id,
                                   const std::function<void(const json::value&)>& also) {
  ApiCall call;
  call.path = "/product/202309/products/" + product_id;
  call.shop_cipher = c.ops.accounts.shop_cipher();
  const ApiResult got = c.ops.api.call(call);
  const model::ProductRecord rec = model::parse_product(got.data);
  auto& store = c.mirror.store();
  store::UpsertResult res;
  store.in_transaction([&] {
    res = store.upsert_product(rec, c.ops.host.wall_ms());
    for (const auto& s : got.data.as_object().at("skus").as_array()) {
      const std::string seller_sku = ops::api_string(s.as_object(), "seller_sku");
      if (!seller_sku.empty()) store.map_sku(seller_sku, product_id, ops::api_string(s.as_object(), "id"));
    }
    if (also) also(got.data);
  });
  c.mirror.engine().audit_events(product_id, rec.status, res.previous_status, &got.data, "api");
  return got.data;
}

namespace {

json::object store_product(CatalogContext& c, const std::string& product_id, bool include_raw) {
  const json::value got = read_and_store_product(c, product_id, nullptr);
  const auto& detail = got.as_object();
  json::array skus;
  for (const auto& s : detail.at("skus").as_array()) {
    skus.push_back(json::object{{"erp_sku", ops::api_string(s.as_object(), "seller_sku")},
                                {"sku_id", ops::api_string(s.as_object(), "id")}});
  }
  json::object audit{
      {"status", detail.contains("audit") ? ops::api_string(detail.at("audit").as_object(), "status") : ""}};
  if (const auto* reasons = detail.if_contains("audit_failed_reasons")) audit["failed_reasons"] = *reasons;
  return json::object{{"product_id", product_id},
                      {"status", ops::api_string(detail, "status")},
                      {"audit", audit},
                      {"skus", skus},
                      {"product", model::product_view(json::serialize(got), c.mirror.view_context(include_raw))}};
}

// Gives SKUs named by ERP SKU their TikTok id (so an edit keeps them) when the map knows them.
void attach_sku_ids(CatalogContext& c, const std::string& product_id, json::object& body) {
  if (!body.contains("skus")) return;
  for (auto& s : body["skus"].as_array()) {
    auto& o = s.as_object();
    if (o.contains("id")) continue;
    const auto ref = c.mirror.store().sku_by_erp(std::string(o.at("seller_sku").as_string()));
    if (ref && ref->product_id == product_id) o["id"] = ref->sku_id;
  }
}

json::object finish(CatalogContext& c, const std::string& id, const json::object& answer, bool raw) {
  json::object out = store_product(c, id, raw);
  if (const auto* w = answer.if_contains("warnings")) out["warnings"] = *w;
  return out;
}

}  // namespace

json::object products_create(CatalogContext& c, const Request& r) {
  const Listing l = read_listing(r, shop_market(c), ListingMode::kCreate);
  check_required_attributes(category_attributes(c, l.category_id, l.category_version), r, l);
  json::object body = l.body;
  body["main_images"] = main_images(c, l.images, l.white_background);
  const json::object answer =
      c.ops.call("POST", "/product/202309/products", {}, body, body.contains("idempotency_key"));
  const std::string id = ops::api_string(answer, "product_id");
  if (id.empty()) throw Failure(Status::permanent, "products: the create answer has no product_id");
  return finish(c, id, answer, r.include_raw());
}

json::object products_update(CatalogContext& c, const Request& r) {
  const std::string id = r.id("id");
  const Listing l = read_listing(r, shop_market(c), ListingMode::kUpdate);
  check_required_attributes(category_attributes(c, l.category_id, l.category_version), r, l);
  json::object body = l.body;
  attach_sku_ids(c, id, body);
  body["main_images"] = main_images(c, l.images, l.white_background);
  const json::object answer = c.ops.call("PUT", "/product/202509/products/" + id, {}, body);
  return finish(c, id, answer, r.include_raw());
}

json::object products_partial_update(CatalogContext& c, const Request& r) {
  const std::string id = r.id("id");
  // category_id, category_version and as_draft are not fields of this request (refused as unknown):
  // TikTok's Partial Edit cannot change them; products.update can.
  const Listing l = read_listing(r, shop_market(c), ListingMode::kPartial);
  json::object body = l.body;
  if (body.empty() && l.images.empty()) r.fail("id", "needs at least one field to change");
  attach_sku_ids(c, id, body);
  if (!l.images.empty()) body["main_images"] = main_images(c, l.images, l.white_background);
  const json::object answer = c.ops.call("POST", "/product/202509/products/" + id + "/partial_edit", {}, body);
  return finish(c, id, answer, r.include_raw());
}

json::object products_prices_update(CatalogContext& c, const Request& r) {
  const std::string id = r.id("id");
  const Market m = shop_market(c);
  json::array skus;
  std::set<std::string> seen;
  for (const auto& s : r.objects("skus", {"erp_sku", "sku_id", "price", "list_price"}, true)) {
    std::string sku_id = s.opt_str("sku_id").value_or("");
    if (sku_id.empty()) {
      const std::string erp = s.str("erp_sku");
      const auto ref = c.mirror.store().sku_by_erp(erp);
      if (!ref || ref->product_id != id) s.fail("erp_sku", "is not a SKU of product " + id + " in the mirror");
      sku_id = ref->sku_id;
    } else if (s.has("erp_sku")) {
      s.fail("erp_sku", "give erp_sku or sku_id, not both");
    }
    if (!seen.insert(sku_id).second) s.fail("sku_id", "repeats SKU " + sku_id);
    json::object o{{"id", sku_id}, {"price", price_json(s, "price", m)}};
    if (s.has("list_price")) o["list_price"] = price_json(s, "list_price", m);
    skus.push_back(std::move(o));
  }
  c.ops.call("POST", "/product/202309/products/" + id + "/prices/update", {}, json::object{{"skus", skus}});
  return store_product(c, id, r.include_raw());
}

namespace {

json::object bulk(CatalogContext& c, const Request& r, const std::string& method, const std::string& path,
                  bool platforms, bool refresh) {
  const auto ids = r.strings("ids", true);
  if (ids.size() > 20) r.fail("ids", "allows at most 20 product ids per call");
  json::object body{{"product_ids", json::array(ids.begin(), ids.end())}};
  if (platforms && r.has("listing_platforms")) {
    const Market m = shop_market(c);
    json::array lp;
    for (const auto& p : r.strings("listing_platforms", true)) {
      if (p != "TIKTOK_SHOP" && p != "TOKOPEDIA")
        r.fail("listing_platforms", "allows TIKTOK_SHOP and TOKOPEDIA, not " + p);
      if (p == "TOKOPEDIA" && !m.tokopedia) r.fail("listing_platforms", "TOKOPEDIA is for Indonesian shops only");
      lp.push_back(json::string(p));
    }
    body["listing_platforms"] = lp;
  }
  const json::object data = c.ops.call(method, path, {}, body);
  json::array errors = data.contains("errors") ? data.at("errors").as_array() : json::array{};
  std::set<std::string> failed;
  for (const auto& e : errors) {
    if (const auto* d = e.as_object().if_contains("detail"); d && d->is_object())
      failed.insert(ops::api_string(d->as_object(), "product_id"));
  }
  json::array done;
  for (const auto& id : ids) {
    if (failed.count(id)) continue;
    done.push_back(refresh ? store_product(c, id, false) : json::value(json::object{{"product_id", id}}));
  }
  return json::object{{"done", done}, {"errors", errors}};
}

}  // namespace

json::object products_activate(CatalogContext& c, const Request& r) {
  return bulk(c, r, "POST", "/product/202309/products/activate", true, true);
}
json::object products_deactivate(CatalogContext& c, const Request& r) {
  return bulk(c, r, "POST", "/product/202309/products/deactivate", true, true);
}
json::object products_delete(CatalogContext& c, const Request& r) {
  return bulk(c, r, "DELETE", "/product/202309/products", false, false);
}

}  // namespace ocean::tiktok::catalog
