#include "tiktok_api/orders.hpp"

#include <boost/json/serialize.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::tiktok_api {
namespace json = boost::json;

Page OrderApi::search(const OrderFilter& f, const std::string& page_token, int page_size) {
  json::object body;
  if (f.status) body["order_status"] = *f.status;
  if (f.update_time_ge) body["update_time_ge"] = *f.update_time_ge;
  if (f.update_time_lt) body["update_time_lt"] = *f.update_time_lt;
  if (f.create_time_ge) body["create_time_ge"] = *f.create_time_ge;
  if (f.create_time_lt) body["create_time_lt"] = *f.create_time_lt;
  ApiCall call;
  call.method = "POST";
  call.path = "/order/202309/orders/search";
  call.query = {{"page_size", std::to_string(page_size)}, {"sort_field", "update_time"}, {"sort_order", "ASC"}};
  if (!page_token.empty()) call.query.emplace_back("page_token", page_token);
  call.body = json::serialize(body);
  call.shop_cipher = cipher_();
  call.idempotent = true;  // a search changes nothing
  ApiResult res = api_.call(call);
  return read_page(std::move(res.data), "orders", "order search", std::move(res.body));
}

json::array OrderApi::get(const std::vector<std::string>& ids) {
  std::string joined;
  for (const auto& id : ids) joined += (joined.empty() ? "" : ",") + id;
  ApiCall call;
  call.method = "GET";
  call.path = "/order/202309/orders";
  call.query = {{"ids", joined}};
  call.shop_cipher = cipher_();
  return read_page(api_.call(call).data, "orders", "order detail").items;
}

}  // namespace ocean::tiktok::tiktok_api
