#include "sync/order_api.hpp"

#include <boost/json/serialize.hpp>

#include "transport/json_spans.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::sync {
namespace json = boost::json;

Page read_page(json::value data, const char* list_key, const char* what, std::shared_ptr<const std::string> body) {
  if (!data.is_object()) throw Failure(Status::permanent, std::string(what) + ": the answer has no data object");
  auto& d = data.as_object();
  auto* list = d.if_contains(list_key);
  Page p;
  if (list != nullptr && !list->is_null()) {
    if (!list->is_array())
      throw Failure(Status::permanent, std::string(what) + ": data." + list_key + " is not an array");
    // Same storage on both sides, so this moves the parsed list rather than copying it.
    p.items = json::array(data.storage());
    p.items = std::move(list->as_array());
  }
  if (const auto* t = d.if_contains("next_page_token"); t != nullptr && !t->is_null()) {
    if (!t->is_string()) throw Failure(Status::permanent, std::string(what) + ": data.next_page_token is not a string");
    p.next_page_token = std::string(t->as_string());
  }
  if (const auto* c = d.if_contains("total_count"); c != nullptr && c->is_int64()) p.total_count = c->as_int64();
  if (!p.next_page_token.empty() && p.items.empty()) {
    // A "more" token with nothing on the page would loop forever on a broken server.
    throw Failure(Status::permanent, std::string(what) + ": an empty page came with a next_page_token");
  }
  if (body != nullptr && !p.items.empty()) {
    auto spans = array_element_spans(*body, {"data", list_key});
    if (spans && spans->size() == p.items.size()) {
      p.raw_items = std::move(*spans);
      p.raw_body = std::move(body);
    }
  }
  return p;
}

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

}  // namespace ocean::tiktok::sync
