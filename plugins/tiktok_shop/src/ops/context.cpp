#include "ops/context.hpp"

#include <boost/json.hpp>

#include "account/account_service.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

json::object OpsContext::call(const std::string& method, const std::string& path, url::QueryParams query,
                              const std::optional<json::object>& body, bool idempotent) {
  ApiCall c;
  c.method = method;
  c.path = path;
  c.query = std::move(query);
  if (body) c.body = json::serialize(*body);
  c.shop_cipher = accounts.shop_cipher();
  // Reads are always safe to repeat; writes only when they carry an idempotency key.
  c.idempotent = idempotent || method == "GET";
  ApiResult r = api.call(c);
  if (r.data.is_null()) return {};
  if (!r.data.is_object()) throw Failure(Status::permanent, path + ": the answer's data is not an object");
  return std::move(r.data.as_object());
}

std::string OpsContext::shop_id() {
  const json::object st = accounts.status();
  const auto* shop = st.if_contains("shop");
  if (shop == nullptr || !shop->is_object()) return "";
  return api_string(shop->as_object(), "id");
}

std::string api_string(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  throw Failure(Status::permanent, "the API answer's field '" + std::string(key) + "' is not a string");
}

std::int64_t api_int(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  if (v->is_string()) {
    const auto& s = v->as_string();
    if (!s.empty() && s.find_first_not_of("0123456789") == json::string::npos && s.size() < 19)
      return std::stoll(std::string(s));
  }
  throw Failure(Status::permanent, "the API answer's field '" + std::string(key) + "' is not an integer");
}

const json::array& api_array(const json::object& o, std::string_view key, std::string_view what) {
  static const json::array empty;
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return empty;
  if (!v->is_array())
    throw Failure(Status::permanent, std::string(what) + ": data." + std::string(key) + " is not an array");
  return v->as_array();
}

const json::object& api_object(const json::value& v, std::string_view what) {
  if (!v.is_object()) throw Failure(Status::permanent, std::string(what) + ": an entry is not an object");
  return v.as_object();
}

json::object page_response(json::array items, const json::object& data) {
  json::object out;
  out["count"] = items.size();
  out["items"] = std::move(items);
  out["next_page_token"] = api_string(data, "next_page_token");
  if (const auto* t = data.if_contains("total_count"); t != nullptr && t->is_int64())
    out["total_count"] = t->as_int64();
  return out;
}

}  // namespace ocean::tiktok::ops
