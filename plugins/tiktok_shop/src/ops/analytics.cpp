// analytics.shop_performance / product_performance / sku_performance / video_performance
// (reference §8, Analytics): date ranges as start_date (inclusive) and end_date (exclusive),
// YYYY-MM-DD in the shop's time zone, granularity ALL or 1D. Every answer is stored as a snapshot
// with the time it was fetched (TikTok revises recent days, so when matters).
#include <boost/json.hpp>

#include "model/time_format.hpp"
#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

struct Range {
  std::string start, end, granularity, currency;
};

Range range_args(const Request& req) {
  const std::int64_t from = req.date("start_date"), to = req.date("end_date");
  if (from >= to)
    throw Failure(Status::invalid_argument,
                  "request field 'start_date' must be before 'end_date' (end_date is exclusive)");
  return Range{date_string(from), date_string(to), req.one_of("granularity", {"ALL", "1D"}, "ALL"),
               req.one_of("currency", {"LOCAL", "USD"}, "LOCAL")};
}

url::QueryParams range_query(const Range& r, bool with_granularity) {
  url::QueryParams q{{"start_date_ge", r.start}, {"end_date_lt", r.end}, {"currency", r.currency}};
  if (with_granularity) q.emplace_back("granularity", r.granularity);
  return q;
}

// Stores the whole answer and returns the common head of every analytics response.
json::object snapshot(OpsContext& c, const std::string& kind, const Range& r, const json::object& params,
                      const json::object& data) {
  json::object p = params;
  p["start_date"] = r.start;
  p["end_date"] = r.end;
  p["granularity"] = r.granularity;
  p["currency"] = r.currency;
  const std::int64_t fetched = c.host.wall_ms();
  const std::int64_t id = c.store.insert_analytics_snapshot(kind, json::serialize(p), json::serialize(data), fetched);
  json::object out{
      {"kind", kind}, {"snapshot_id", id}, {"fetched_at", model::rfc3339(fetched / 1000)}, {"params", std::move(p)}};
  if (auto d = api_string(data, "latest_available_date"); !d.empty()) out["latest_available_date"] = d;
  return out;
}

json::object performance_of(const json::object& data, std::string_view what) {
  const auto* p = data.if_contains("performance");
  if (p == nullptr || p->is_null()) return {};
  if (!p->is_object()) throw Failure(Status::permanent, std::string(what) + ": data.performance is not an object");
  return p->as_object();
}

json::object shop_performance(OpsContext& c, const Request& req) {
  const Range r = range_args(req);
  const auto d = c.call("GET", "/analytics/202405/shop/performance", range_query(r, true));
  json::object out = snapshot(c, "shop", r, {}, d);
  out["performance"] = performance_of(d, "shop performance");
  return out;
}

// A list endpoint (paged) or, with an id, the per-item endpoint.
json::object item_performance(OpsContext& c, const Request& req, const std::string& kind, const char* id_key,
                              const std::string& list_path, const std::string& item_path_prefix, const char* list_key) {
  const Range r = range_args(req);
  if (req.has(id_key)) {
    const std::string id = req.id(id_key);
    const auto d = c.call("GET", item_path_prefix + id + "/performance", range_query(r, true));
    json::object out = snapshot(c, kind, r, json::object{{id_key, id}}, d);
    out[id_key] = id;
    out["performance"] = performance_of(d, kind + " performance");
    return out;
  }
  const Paging pg = req.paging(1, 100, 10);
  url::QueryParams q = range_query(r, false);
  q.emplace_back("page_size", std::to_string(pg.page_size));
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("GET", list_path, q);
  json::object out = snapshot(c, kind + "_list", r, {}, d);
  json::array items;
  const char* key = d.contains(list_key) ? list_key : (kind == "sku" ? "shop_skus" : "shop_products");
  for (const auto& v : api_array(d, key, kind + " performance")) items.push_back(api_object(v, kind + " performance"));
  json::object page = page_response(std::move(items), d);
  for (auto& [k, v] : page) out[k] = v;
  return out;
}

json::object product_performance(OpsContext& c, const Request& req) {
  return item_performance(c, req, "product", "product_id", "/analytics/202405/shop_products/performance",
                          "/analytics/202405/shop_products/", "products");
}

json::object sku_performance(OpsContext& c, const Request& req) {
  return item_performance(c, req, "sku", "sku_id", "/analytics/202406/shop_skus/performance",
                          "/analytics/202406/shop_skus/", "skus");
}

// Videos with the products they tagged and the affiliate orders sold through them (stored
// affiliate orders whose content_id is the video's id).
json::object video_link(OpsContext& c, const json::object& v) {
  json::object e = v;
  const std::string id = api_string(v, "id");
  json::array products;
  for (const auto& p : api_array(v, "products", "video performance")) {
    const auto& o = api_object(p, "video performance");
    products.push_back(json::object{{"product_id", api_string(o, "id")}, {"name", api_string(o, "name")}});
  }
  json::array orders;
  if (!id.empty()) {
    for (const auto& o : c.store.affiliate_orders_by_content(id)) orders.emplace_back(o);
  }
  e["linked_products"] = std::move(products);
  e["linked_order_ids"] = std::move(orders);
  return e;
}

json::object video_performance(OpsContext& c, const Request& req) {
  const Range r = range_args(req);
  if (req.has("video_id")) {
    const std::string id = req.id("video_id");
    const auto d = c.call("GET", "/analytics/202409/shop_videos/" + id + "/performance", range_query(r, true));
    json::object out = snapshot(c, "video", r, json::object{{"video_id", id}}, d);
    out["video_id"] = id;
    out["performance"] = performance_of(d, "video performance");
    json::array orders;
    for (const auto& o : c.store.affiliate_orders_by_content(id)) orders.emplace_back(o);
    out["linked_order_ids"] = std::move(orders);
    return out;
  }
  const Paging pg = req.paging(1, 100, 10);
  url::QueryParams q = range_query(r, false);
  q.emplace_back("page_size", std::to_string(pg.page_size));
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("GET", "/analytics/202409/shop_videos/performance", q);
  json::object out = snapshot(c, "video_list", r, {}, d);
  json::array items;
  for (const auto& v : api_array(d, "videos", "video performance"))
    items.push_back(video_link(c, api_object(v, "video performance")));
  json::object page = page_response(std::move(items), d);
  for (auto& [k, v] : page) out[k] = v;
  return out;
}

}  // namespace

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object analytics_shop_performance(OpsContext& c, const Request& r) { return shop_performance(c, r); }
json::object analytics_product_performance(OpsContext& c, const Request& r) { return product_performance(c, r); }
json::object analytics_sku_performance(OpsContext& c, const Request& r) { return sku_performance(c, r); }
json::object analytics_video_performance(OpsContext& c, const Request& r) { return video_performance(c, r); }

}  // namespace ocean::tiktok::ops
