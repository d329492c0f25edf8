#include "model/parse_api.hpp"

#include <boost/json/serialize.hpp>

#include <map>

#include "model/status_map.hpp"

namespace ocean::tiktok::model {
namespace json = boost::json;
namespace {

const json::object& as_object(const json::value& v, const char* what) {
  if (!v.is_object()) throw ParseError(std::string(what) + " is not a JSON object");
  return v.as_object();
}

std::string req_string(const json::object& o, const char* key, const char* what) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty()) {
    throw ParseError(std::string(what) + "." + key + " is missing or not a non-empty string");
  }
  return std::string(v->as_string());
}

std::string opt_string(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

std::int64_t req_time(const json::object& o, const char* key, const char* what) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !(v->is_int64() || v->is_uint64())) {
    throw ParseError(std::string(what) + "." + key + " is missing or not an integer (Unix seconds)");
  }
  const std::int64_t t = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
  if (t < 0) throw ParseError(std::string(what) + "." + key + " is negative");
  return t;
}

std::int64_t opt_int(const json::object& o, const char* key, std::int64_t fallback) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return fallback;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  return fallback;
}

}  // namespace

std::string object_id(const json::value& v) {
  if (!v.is_object()) return "";
  const auto* id = v.as_object().if_contains("id");
  return (id != nullptr && id->is_string()) ? std::string(id->as_string()) : std::string();
}

OrderRecord parse_order(const json::value& value, std::string_view raw) {
  const auto& o = as_object(value, "order");
  OrderRecord r;
  r.id = req_string(o, "id", "order");
  const std::string status = req_string(o, "status", "order");
  if (!neutral_order_status(status)) throw ParseError("order " + r.id + ": unknown status " + status);
  r.status = canonical_order_status(status);
  r.create_time = req_time(o, "create_time", "order");
  r.update_time = req_time(o, "update_time", "order");
  const auto* items = o.if_contains("line_items");
  if (items == nullptr || !items->is_array())
    throw ParseError("order " + r.id + ": line_items is missing or not an array");
  std::map<std::string, std::size_t> by_sku;  // one line per SKU, in first-seen order
  for (const auto& iv : items->as_array()) {
    const auto& li = as_object(iv, "order.line_items[]");
    const std::string sku = req_string(li, "sku_id", "order.line_items[]");
    const std::string item_id = req_string(li, "id", "order.line_items[]");
    auto [it, fresh] = by_sku.emplace(sku, r.lines.size());
    if (fresh) {
      OrderLine line;
      line.sku_id = sku;
      line.product_id = opt_string(li, "product_id");
      line.seller_sku = opt_string(li, "seller_sku");
      line.name = opt_string(li, "product_name");
      line.sku_name = opt_string(li, "sku_name");
      line.unit_price = opt_string(li, "sale_price");
      line.original_price = opt_string(li, "original_price");
      r.lines.push_back(std::move(line));
    }
    OrderLine& line = r.lines[it->second];
    ++line.quantity;
    line.line_item_ids.push_back(item_id);
  }
  r.raw_json = raw.empty() ? json::serialize(value) : std::string(raw);
  return r;
}

ProductRecord parse_product(const json::value& value, std::string_view raw) {
  const auto& o = as_object(value, "product");
  ProductRecord r;
  r.id = req_string(o, "id", "product");
  r.title = opt_string(o, "title");
  r.status = req_string(o, "status", "product");
  if (!neutral_product_status(r.status)) throw ParseError("product " + r.id + ": unknown status " + r.status);
  r.create_time = opt_int(o, "create_time", 0);
  r.update_time = req_time(o, "update_time", "product");
  const auto* skus = o.if_contains("skus");
  if (skus == nullptr || !skus->is_array()) throw ParseError("product " + r.id + ": skus is missing or not an array");
  for (const auto& sv : skus->as_array()) {
    const auto& s = as_object(sv, "product.skus[]");
    SkuRecord k;
    k.id = req_string(s, "id", "product.skus[]");
    k.seller_sku = opt_string(s, "seller_sku");
    if (const auto* p = s.if_contains("price"); p != nullptr && p->is_object()) {
      k.price_amount = opt_string(p->as_object(), "sale_price");
      if (k.price_amount.empty()) k.price_amount = opt_string(p->as_object(), "amount");
      k.currency = opt_string(p->as_object(), "currency");
    }
    if (const auto* inv = s.if_contains("inventory"); inv != nullptr) {
      if (!inv->is_array()) throw ParseError("product " + r.id + ": skus[].inventory is not an array");
      for (const auto& wv : inv->as_array()) {
        const auto& w = as_object(wv, "product.skus[].inventory[]");
        const std::string wid = req_string(w, "warehouse_id", "product.skus[].inventory[]");
        const auto* q = w.if_contains("quantity");
        if (q == nullptr || !(q->is_int64() || q->is_uint64())) {
          throw ParseError("product " + r.id + ": skus[].inventory[].quantity is not an integer");
        }
        k.stock.emplace_back(wid, q->is_int64() ? q->as_int64() : static_cast<std::int64_t>(q->as_uint64()));
      }
    }
    r.skus.push_back(std::move(k));
  }
  r.raw_json = raw.empty() ? json::serialize(value) : std::string(raw);
  return r;
}

}  // namespace ocean::tiktok::model
