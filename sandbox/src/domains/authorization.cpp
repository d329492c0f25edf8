// Authorization and seller endpoints: GET /authorization/202309/shops, DELETE /authorization/202403/shops,
// GET /seller/202309/shops. None takes shop_cipher (reference §1.1, §3) except the DELETE, which the
// official SDK (7.15.0) sends with the shop's cipher.
#include "../world.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

json::value authorized_shops(ApiContext& c) {
  json::array shops;
  for (const auto& id : c.grant.shop_ids) {
    if (const Shop* s = c.world.shop_by_id(id)) {
      shops.push_back(json::object{{"id", s->id},
                                   {"name", s->name},
                                   {"region", s->region},
                                   {"seller_type", s->seller_type},
                                   {"cipher", s->cipher},
                                   {"code", s->code}});
    }
  }
  return json::object{{"shops", shops}};
}

json::value active_shops(ApiContext& c) {
  json::array shops;
  for (const auto& id : c.grant.shop_ids) {
    if (const Shop* s = c.world.shop_by_id(id)) shops.push_back(json::object{{"id", s->id}, {"region", s->region}});
  }
  return json::object{{"shops", shops}};
}

// The seller (through the app) ends the authorization of the shop named by shop_cipher, as the
// official SDK sends it; without one, of every shop the token covers.
json::value deauthorize(ApiContext& c) {
  const std::vector<std::string> ids = c.shop != nullptr ? std::vector<std::string>{c.shop->id} : c.grant.shop_ids;
  for (const auto& id : ids) c.world.deauthorize(c.app.key, id, c.now);
  return json::object{};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"GET", "/authorization/202309/shops", ShopScope::kForbidden, std::nullopt, authorized_shops});
  r.add(ApiRoute{"DELETE", "/authorization/202403/shops", ShopScope::kOptional, std::nullopt, deauthorize});
  r.add(ApiRoute{"GET", "/seller/202309/shops", ShopScope::kForbidden, std::nullopt, active_shops});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"authorization", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
