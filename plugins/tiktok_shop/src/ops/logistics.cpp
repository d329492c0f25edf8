// logistics.warehouses and logistics.shipping_providers (reference §8, Logistics).
#include <boost/json.hpp>

#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

json::object warehouses(OpsContext& c, const Request& req) {
  const bool raw = req.include_raw();
  const auto data = c.call("GET", "/logistics/202309/warehouses");
  json::array out;
  for (const auto& w : api_array(data, "warehouses", "warehouses")) {
    const auto& o = api_object(w, "warehouses");
    json::object e{
        {"id", api_string(o, "id")},
        {"name", api_string(o, "name")},
        {"type", api_string(o, "type")},
        {"sub_type", api_string(o, "sub_type")},
        {"effect_status", api_string(o, "effect_status")},
        {"is_default", o.if_contains("is_default") && o.at("is_default").is_bool() && o.at("is_default").as_bool()}};
    if (const auto* a = o.if_contains("address"); a != nullptr && a->is_object()) e["address"] = *a;
    if (raw) e["raw"] = o;
    out.push_back(std::move(e));
  }
  return json::object{{"warehouses", std::move(out)}};
}

json::array providers_of(OpsContext& c, const std::string& delivery_option_id) {
  const auto data = c.call("GET", "/logistics/202309/delivery_options/" + delivery_option_id + "/shipping_providers");
  json::array out;
  for (const auto& p : api_array(data, "shipping_providers", "shipping providers")) {
    const auto& o = api_object(p, "shipping providers");
    out.push_back(json::object{{"id", api_string(o, "id")}, {"name", api_string(o, "name")}});
  }
  return out;
}

// Either one delivery option's providers, or every delivery option of a warehouse with its own.
json::object shipping_providers(OpsContext& c, const Request& req) {
  const bool by_option = req.has("delivery_option_id");
  if (!by_option && !req.has("warehouse_id")) {
    throw Failure(Status::invalid_argument, "request needs 'delivery_option_id' or 'warehouse_id'");
  }
  if (by_option) {
    const std::string option = req.id("delivery_option_id");
    return json::object{{"delivery_options",
                         json::array{json::object{{"id", option}, {"shipping_providers", providers_of(c, option)}}}}};
  }
  const std::string warehouse = req.id("warehouse_id");
  const auto data = c.call("GET", "/logistics/202309/warehouses/" + warehouse + "/delivery_options");
  json::array out;
  for (const auto& d : api_array(data, "delivery_options", "delivery options")) {
    const auto& o = api_object(d, "delivery options");
    const std::string id = api_string(o, "id");
    if (id.empty()) throw Failure(Status::permanent, "delivery options: an option has no id");
    out.push_back(json::object{{"id", id},
                               {"name", api_string(o, "name")},
                               {"type", api_string(o, "type")},
                               {"shipping_providers", providers_of(c, id)}});
  }
  return json::object{{"warehouse_id", warehouse}, {"delivery_options", std::move(out)}};
}

}  // namespace

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object logistics_warehouses(OpsContext& c, const Request& r) { return warehouses(c, r); }
json::object logistics_shipping_providers(OpsContext& c, const Request& r) { return shipping_providers(c, r); }

}  // namespace ocean::tiktok::ops
