// Logistics: GET /logistics/202309/warehouses (reference §8).
#include "../world.hpp"
#include "order_detail.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

json::object warehouse_json(const Shop& shop, const Warehouse& w) {
  return json::object{{"id", w.id},
                      {"name", w.name},
                      {"type", w.type},
                      {"sub_type", "DOMESTIC_WAREHOUSE"},
                      {"effect_status", "ENABLED"},
                      {"is_default", w.is_default},
                      {"address", warehouse_address_json(shop, w)}};
}

json::value warehouses(ApiContext& c) {
  json::array out;
  for (const auto& w : c.the_shop().data.warehouses) out.push_back(warehouse_json(c.the_shop(), w));
  return json::object{{"warehouses", out}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"GET", "/logistics/202309/warehouses", ShopScope::kRequired, std::nullopt, warehouses});
}

void truth(const Shop& shop, json::object& out) {
  json::array list;
  for (const auto& w : shop.data.warehouses) list.push_back(warehouse_json(shop, w));
  out["warehouses"] = std::move(list);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"logistics", register_routes, nullptr, nullptr, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
