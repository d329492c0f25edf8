// External order references (reference §3.3, version 202406): an OMS/ERP attaches its own order number
// (and line numbers) to a TikTok order. POST /order/202406/orders/external_orders adds or replaces one
// reference per (order, platform) and answers per-order errors with string codes; GET
// /order/202406/orders/{order_id}/external_orders?platform= reads them back; POST
// /order/202406/orders/external_order_search?platform=&external_order_id= finds the TikTok order.
#include <algorithm>

#include "../world.hpp"
#include "domain_support.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

struct ExternalLine {
  std::string id, origin_id;
};
struct ExternalOrder {
  std::string id, platform;
  std::vector<ExternalLine> lines;
};
struct ExternalStore : Extension {
  std::map<std::string, std::map<std::string, ExternalOrder>> by_order;  // order id -> platform -> reference
};
ExternalStore& ext_store(Shop& shop) { return shop.data.extension<ExternalStore>("external_orders"); }

bool is_platform(const std::string& p) {
  return support::one_of(
      p, {"SHOPIFY", "WOOCOMMERCE", "BIGCOMMERCE", "MAGENTO", "SALESFORCE_COMMERCE_CLOUD", "CHANNEL_ADVISOR", "AMAZON",
          "ORDER_MANAGEMENT_SYSTEM", "WAREHOUSE_MANAGEMENT_SYSTEM", "ERP_SYSTEM"});
}

std::string read_platform(const std::optional<std::string>& p) {
  if (!p || p->empty()) throw bad_param("platform is a required field");
  if (!is_platform(*p)) throw bad_param("platform is invalid: " + *p);
  return *p;
}

json::object external_json(const ExternalOrder& e) {
  json::array lines;
  for (const auto& l : e.lines) lines.push_back(json::object{{"id", l.id}, {"origin_id", l.origin_id}});
  return json::object{{"id", e.id}, {"platform", e.platform}, {"line_items", lines}};
}

// One element of orders[]: every field is required; the shape is checked for the whole batch first.
struct Entry {
  std::string order_id;
  ExternalOrder ext;
};
Entry read_entry(const json::value& v) {
  if (!v.is_object()) throw bad_param("orders must be an array of objects");
  const auto& o = v.as_object();
  Entry e;
  e.order_id = fields::req_string(o, "id");
  const json::object* ext = fields::opt_object(o, "external_order");
  if (ext == nullptr) throw bad_param("orders[].external_order is a required field");
  e.ext.id = fields::req_string(*ext, "id");
  if (e.ext.id.size() > 100) throw bad_param("external_order.id must be at most 100 characters");
  e.ext.platform = read_platform(fields::opt_string(*ext, "platform"));
  const json::array* lines = fields::opt_array(*ext, "line_items");
  if (lines == nullptr || lines->empty()) throw bad_param("external_order.line_items is a required field");
  if (lines->size() > 100) throw bad_param("external_order.line_items allows at most 100 items");
  for (const auto& l : *lines) {
    if (!l.is_object()) throw bad_param("external_order.line_items must be an array of objects");
    e.ext.lines.push_back(
        ExternalLine{fields::req_string(l.as_object(), "id"), fields::req_string(l.as_object(), "origin_id")});
  }
  return e;
}

json::object entry_error(const Entry& e, const char* code, const std::string& message) {
  return json::object{
      {"code", code},  // a string here, unlike other batch APIs (reference §6.10)
      {"message", message},
      {"detail", json::object{{"order_id", e.order_id},
                              {"external_order", json::object{{"id", e.ext.id}, {"platform", e.ext.platform}}}}}};
}

json::value add_refs(ApiContext& c) {
  Shop& shop = c.the_shop();
  const json::array* orders = fields::opt_array(c.body(), "orders");
  if (orders == nullptr || orders->empty()) throw bad_param("orders is a required field");
  if (orders->size() > 100) throw bad_param("orders allows at most 100 orders");
  std::vector<Entry> entries;
  for (const auto& v : *orders) entries.push_back(read_entry(v));
  json::array errors;
  for (auto& e : entries) {
    auto it = shop.data.orders.find(e.order_id);
    if (it == shop.data.orders.end()) {
      errors.push_back(entry_error(e, "36020001", "order " + e.order_id + " does not exist in this shop"));
      continue;
    }
    const auto bad_line = std::find_if(e.ext.lines.begin(), e.ext.lines.end(), [&](const ExternalLine& l) {
      return find_line(it->second, l.origin_id) == nullptr;
    });
    if (bad_line != e.ext.lines.end()) {
      errors.push_back(
          entry_error(e, "36020002", "origin_id " + bad_line->origin_id + " is not a line item of the order"));
      continue;
    }
    ext_store(shop).by_order[e.order_id][e.ext.platform] = e.ext;  // one reference per (order, platform)
  }
  return json::object{{"errors", errors}};
}

json::value get_refs(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string platform = read_platform(c.query("platform"));
  const std::string& oid = c.path_param("order_id");
  if (!shop.data.orders.count(oid)) throw bad_param("order_id " + oid + " does not exist in this shop");
  json::array out;
  auto& refs = ext_store(shop).by_order;
  if (auto it = refs.find(oid); it != refs.end()) {
    if (auto p = it->second.find(platform); p != it->second.end()) out.push_back(external_json(p->second));
  }
  return json::object{{"external_orders", out}};
}

json::value search_refs(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string platform = read_platform(c.query("platform"));
  const auto ext_id = c.query("external_order_id");
  if (!ext_id || ext_id->empty()) throw bad_param("external_order_id is a required field");
  json::array out;
  for (const auto& [oid, per_platform] : ext_store(shop).by_order) {
    auto p = per_platform.find(platform);
    if (p != per_platform.end() && p->second.id == *ext_id) {
      out.push_back(json::object{{"id", oid}, {"external_order", external_json(p->second)}});
    }
  }
  return json::object{{"orders", out}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/order/202406/orders/external_orders", ShopScope::kRequired, std::nullopt, add_refs});
  r.add(
      ApiRoute{"GET", "/order/202406/orders/{order_id}/external_orders", ShopScope::kRequired, std::nullopt, get_refs});
  r.add(
      ApiRoute{"POST", "/order/202406/orders/external_order_search", ShopScope::kRequired, std::nullopt, search_refs});
}

void truth(const Shop& shop, json::object& out) {
  json::array list;
  for (const auto& [oid, per_platform] :
       const_cast<Shop&>(shop).data.extension<ExternalStore>("external_orders").by_order) {
    for (const auto& [platform, e] : per_platform)
      list.push_back(json::object{{"order_id", oid}, {"external_order", external_json(e)}});
  }
  out["external_orders"] = std::move(list);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"external_orders", register_routes, nullptr, nullptr, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
