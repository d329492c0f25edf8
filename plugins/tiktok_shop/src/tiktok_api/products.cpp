#include "tiktok_api/products.hpp"

#include <boost/json/serialize.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::tiktok_api {
namespace json = boost::json;

tiktok_api::Page ProductApi::search(const ProductFilter& f, const std::string& page_token, int page_size) {
  json::object body;
  if (f.status) body["status"] = *f.status;
  if (f.update_time_ge) body["update_time_ge"] = *f.update_time_ge;
  if (f.update_time_le) body["update_time_le"] = *f.update_time_le;
  ApiCall call;
  call.method = "POST";
  call.path = "/product/202309/products/search";
  call.query = {{"page_size", std::to_string(page_size)}};
  if (!page_token.empty()) call.query.emplace_back("page_token", page_token);
  call.body = json::serialize(body);
  call.shop_cipher = cipher_();
  call.idempotent = true;
  ApiResult res = api_.call(call);
  return tiktok_api::read_page(std::move(res.data), "products", "product search", std::move(res.body));
}

json::value ProductApi::get(const std::string& product_id) {
  ApiCall call;
  call.method = "GET";
  call.path = "/product/202309/products/" + product_id;
  call.shop_cipher = cipher_();
  return api_.call(call).data;
}

std::vector<SkuError> ProductApi::update_inventory(const std::string& product_id,
                                                   const std::vector<SkuInventory>& skus) {
  json::array sku_list;
  for (const auto& s : skus) {
    json::array inv;
    for (const auto& [w, q] : s.inventory) inv.push_back(json::object{{"warehouse_id", w}, {"quantity", q}});
    sku_list.push_back(json::object{{"id", s.sku_id}, {"inventory", std::move(inv)}});
  }
  ApiCall call;
  call.method = "POST";
  call.path = "/product/202309/products/" + product_id + "/inventory/update";
  call.body = json::serialize(json::object{{"skus", std::move(sku_list)}});
  call.shop_cipher = cipher_();
  // Setting an absolute quantity twice leaves the same result, so repeating is safe.
  call.idempotent = true;
  const json::value data = api_.call(call).data;
  std::vector<SkuError> errors;
  if (!data.is_object()) return errors;
  const auto* errs = data.as_object().if_contains("errors");
  if (errs == nullptr || !errs->is_array()) return errors;
  for (const auto& e : errs->as_array()) {
    if (!e.is_object()) continue;
    SkuError se;
    const auto& o = e.as_object();
    if (const auto* m = o.if_contains("message"); m != nullptr && m->is_string())
      se.message = std::string(m->as_string());
    if (const auto* c = o.if_contains("code"); c != nullptr && c->is_int64()) {
      se.message = "code " + std::to_string(c->as_int64()) + (se.message.empty() ? "" : ": " + se.message);
    }
    if (const auto* d = o.if_contains("detail"); d != nullptr && d->is_object()) {
      if (const auto* s = d->as_object().if_contains("sku_id"); s != nullptr && s->is_string()) {
        se.sku_id = std::string(s->as_string());
      }
    }
    errors.push_back(std::move(se));
  }
  return errors;
}

}  // namespace ocean::tiktok::tiktok_api
