#include "tiktok_api/authorization.hpp"

#include "util/status.hpp"

namespace json = boost::json;

namespace ocean::tiktok::tiktok_api {
namespace {

std::string field(const json::object& o, std::string_view key, bool required) {
  const auto* v = o.if_contains(key);
  if (v != nullptr && v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
  if (required) {
    throw Failure(Status::permanent, "authorized shops answer has a shop without a valid \"" + std::string(key) + "\"");
  }
  return {};
}

}  // namespace

std::vector<store::ShopInfo> parse_shops(const json::value& data) {
  const auto* obj = data.if_object();
  const auto* shops = obj != nullptr ? obj->if_contains("shops") : nullptr;
  if (shops == nullptr || !shops->is_array()) {
    throw Failure(Status::permanent, "authorized shops answer has no \"shops\" array");
  }
  std::vector<store::ShopInfo> out;
  for (const auto& item : shops->as_array()) {
    if (!item.is_object()) throw Failure(Status::permanent, "authorized shops answer has a shop that is not an object");
    const auto& o = item.as_object();
    out.push_back({field(o, "id", true), field(o, "name", false), field(o, "region", false),
                   field(o, "seller_type", false), field(o, "cipher", true), field(o, "code", false)});
  }
  return out;
}

std::vector<store::ShopInfo> get_authorized_shops(ApiClient& client, std::optional<std::string> access_token) {
  ApiCall call;
  call.method = "GET";
  call.path = "/authorization/202309/shops";
  call.access_token = std::move(access_token);
  return parse_shops(client.call(call).data);
}

void deauthorize(ApiClient& client, const std::string& shop_cipher) {
  ApiCall call;
  call.method = "DELETE";
  call.path = "/authorization/202403/shops";
  call.shop_cipher = shop_cipher;
  client.call(call);
}

}  // namespace ocean::tiktok::tiktok_api
