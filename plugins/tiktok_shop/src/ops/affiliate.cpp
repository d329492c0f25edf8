// affiliate.collaborations.create / search, affiliate.creators.search, affiliate.orders.search
// (stores the orders), affiliate.creators.summary (from the stored orders). Commission rates are
// percent in requests and answers and hundredths of a percent on the wire (35.87 % <-> 3587).
#include <boost/json.hpp>

#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& m) { throw Failure(Status::invalid_argument, m); }

// TikTok accepts open-collaboration rates from 1 % to 80 %.
constexpr std::int64_t kMinRate = 100, kMaxRate = 8000;

std::int64_t wire_rate(const Request& req, const char* key) {
  const Decimal pct = req.decimal(key);
  if (pct.micros % 10'000 != 0) bad(std::string("request field '") + key + "' has at most 2 decimals (35.87)");
  const std::int64_t rate = pct.micros / 10'000;
  if (rate < kMinRate || rate > kMaxRate)
    bad(std::string("request field '") + key + "' must be between 1 and 80 (percent)");
  return rate;
}

// "3587" (or 3587) -> "35.87"; "" when absent or not a whole number.
std::string percent_of_wire(const json::value* v) {
  if (v == nullptr || v->is_null()) return "";
  std::int64_t n = -1;
  if (v->is_int64()) n = v->as_int64();
  if (v->is_string()) {
    if (auto d = Decimal::parse(v->as_string()); d && d->micros % 1'000'000 == 0) n = d->micros / 1'000'000;
  }
  if (n < 0)
    throw Failure(Status::permanent,
                  "the API answer's commission_rate is not a whole number of hundredths of a percent");
  return Decimal{n * 10'000}.str();
}

json::object create_collaboration(OpsContext& c, const Request& req) {
  const std::string product_id = req.id("product_id");
  const std::int64_t rate = wire_rate(req, "commission_percent");
  const bool approve = req.opt_bool("require_seller_approve_creator", false);
  const bool raw = req.include_raw();
  const auto d = c.call(
      "POST", "/affiliate_seller/202405/open_collaborations", {},
      json::object{{"product_id", product_id}, {"commission_rate", rate}, {"require_seller_approve_creator", approve}});
  json::object out{{"product_id", product_id},
                   {"commission_percent", Decimal{rate * 10'000}.str()},
                   {"commission_rate", rate},
                   {"require_seller_approve_creator", approve}};
  for (const char* k : {"open_collaboration_id", "collaboration_id", "id"}) {
    if (auto id = api_string(d, k); !id.empty()) {
      out["open_collaboration_id"] = id;
      break;
    }
  }
  if (raw) out["raw"] = d;
  c.log.info("[ops] open collaboration for product " + product_id + " at " +
             std::string(out["commission_percent"].as_string()) + " %");
  return out;
}

json::object search_collaborations(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(1, 50, 20);
  json::object body;
  const auto product_id = req.opt_str("product_id"), product_name = req.opt_str("product_name");
  if (product_id && product_name) bad("request takes 'product_id' or 'product_name', not both");
  if (product_id) {
    body["keyword"] = *product_id;
    body["keyword_type"] = "PRODUCT_ID";
  } else if (product_name) {
    body["keyword"] = *product_name;
    body["keyword_type"] = "PRODUCT_NAME";
  }
  const bool raw = req.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/affiliate_seller/202409/open_collaborations/search", q, body, true);
  json::array items;
  for (const auto& v : api_array(d, "open_collaborations", "collaboration search")) {
    json::object o = api_object(v, "collaboration search");
    std::string listed = api_string(o, "product_id");
    if (const auto* p = o.if_contains("product"); listed.empty() && p != nullptr && p->is_object())
      listed = api_string(p->as_object(), "id");
    json::object e{{"product_id", listed}};
    if (auto id = api_string(o, "id"); !id.empty()) e["open_collaboration_id"] = id;
    const json::value* rate = o.if_contains("commission_rate");
    if (rate == nullptr) {
      if (const auto* cm = o.if_contains("current_commission"); cm != nullptr && cm->is_object())
        rate = cm->as_object().if_contains("rate");
    }
    e["commission_percent"] = percent_of_wire(rate);
    if (auto s = api_string(o, "status"); !s.empty()) e["status"] = s;
    if (raw) e["raw"] = o;
    items.push_back(std::move(e));
  }
  return page_response(std::move(items), d);
}

json::object search_creators(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(1, 20, 12);  // the marketplace takes 12 or 20 in practice
  json::object body;
  if (auto k = req.opt_str("keyword")) body["keyword"] = *k;
  if (auto f = req.opt_int("min_followers")) {
    if (*f < 0) bad("request field 'min_followers' must not be negative");
    body["follower_demographics"] = json::object{{"count_range", json::object{{"count_ge", *f}}}};
  }
  const bool raw = req.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/affiliate_seller/202406/marketplace_creators/search", q, body, true);
  json::array items;
  for (const auto& v : api_array(d, "creators", "creator search")) {
    const auto& o = api_object(v, "creator search");
    json::object e{{"creator_user_id",
                    api_string(o, "user_id").empty() ? api_string(o, "creator_user_id") : api_string(o, "user_id")},
                   {"username", api_string(o, "username")},
                   {"nickname", api_string(o, "nickname")},
                   {"follower_count", api_int(o, "follower_count")}};
    if (const auto* g = o.if_contains("gmv"); g != nullptr && !g->is_null()) e["gmv"] = *g;
    if (raw) e["raw"] = o;
    items.push_back(std::move(e));
  }
  return page_response(std::move(items), d);
}

// Each order's SKUs, with GMV (price x quantity) and commission (actual when paid, else the
// estimate), as decimal strings.
json::object search_orders(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(1, 100, 20);
  json::object body;
  const auto from = req.opt_time("create_time_ge"), to = req.opt_time("create_time_lt");
  if (from && to && *from >= *to) bad("request field 'create_time_ge' must be before 'create_time_lt'");
  if (from) body["create_time_ge"] = *from;
  if (to) body["create_time_lt"] = *to;
  const bool raw = req.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/affiliate_seller/202410/orders/search", q, body, true);
  std::vector<store::AffiliateOrderLine> lines;
  json::array items;
  for (const auto& v : api_array(d, "orders", "affiliate orders")) {
    const auto& o = api_object(v, "affiliate orders");
    const std::string order_id = api_string(o, "id");
    if (order_id.empty()) throw Failure(Status::permanent, "affiliate orders: an order has no id");
    json::array skus;
    for (const auto& sv : api_array(o, "skus", "affiliate orders")) {
      const auto& s = api_object(sv, "affiliate orders");
      store::AffiliateOrderLine l;
      l.order_id = order_id;
      l.product_id = api_string(s, "product_id");
      l.sku_id = api_string(s, "sku_id");
      l.creator_username = api_string(s, "creator_username");
      l.status = api_string(o, "status");
      l.create_time = api_int(o, "create_time");
      l.content_type = api_string(s, "content_type");
      l.content_id = api_string(s, "content_id");
      const auto* price = s.if_contains("price");
      const auto unit = api_decimal(price);
      if (!unit)
        throw Failure(Status::permanent, "affiliate orders: order " + order_id + " has a SKU without a decimal price");
      if (price->is_object()) l.currency = api_string(price->as_object(), "currency");
      const std::int64_t qty = std::max<std::int64_t>(1, api_int(s, "quantity"));
      l.gmv = unit->times(qty).str();
      // Paid commission is final once the order completes; until then it is the estimate.
      const json::value* commission =
          s.if_contains(l.status == "COMPLETED" ? "actual_paid_commission" : "estimated_paid_commission");
      if (!api_decimal(commission)) commission = s.if_contains("estimated_paid_commission");
      l.commission = api_decimal(commission).value_or(Decimal{}).str();
      l.raw_json = json::serialize(s);
      skus.push_back(json::object{{"product_id", l.product_id},
                                  {"creator_username", l.creator_username},
                                  {"quantity", qty},
                                  {"currency", l.currency},
                                  {"gmv", l.gmv},
                                  {"commission", l.commission},
                                  {"commission_percent", percent_of_wire(s.if_contains("commission_rate"))},
                                  {"content_type", l.content_type},
                                  {"content_id", l.content_id}});
      lines.push_back(std::move(l));
    }
    json::object e{{"order_id", order_id},
                   {"status", api_string(o, "status")},
                   {"create_time", api_int(o, "create_time")},
                   {"skus", std::move(skus)}};
    if (raw) e["raw"] = o;
    items.push_back(std::move(e));
  }
  c.store.upsert_affiliate_orders(lines, c.host.wall_ms());
  json::object out = page_response(std::move(items), d);
  out["stored_lines"] = lines.size();
  return out;
}

json::object creators_summary(OpsContext& c, const Request& req) {
  const auto creator = req.opt_str("creator_username");
  const auto from = req.opt_time("create_time_ge"), to = req.opt_time("create_time_lt");
  if (from && to && *from >= *to) bad("request field 'create_time_ge' must be before 'create_time_lt'");
  json::array items;
  for (const auto& t : c.store.creator_totals(creator, from, to)) {
    Decimal gmv, commission;
    for (const auto& p : t.gmv_parts) gmv = gmv + Decimal::parse(p).value_or(Decimal{});
    for (const auto& p : t.commission_parts) commission = commission + Decimal::parse(p).value_or(Decimal{});
    items.push_back(json::object{{"creator_username", t.creator_username},
                                 {"currency", t.currency},
                                 {"orders", t.orders},
                                 {"gmv", gmv.str()},
                                 {"commission", commission.str()}});
  }
  json::object out{{"count", items.size()},
                   {"source", "stored affiliate orders (run affiliate.orders.search to refresh)"}};
  out["items"] = std::move(items);
  return out;
}

}  // namespace

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object affiliate_collaborations_create(OpsContext& c, const Request& r) { return create_collaboration(c, r); }
json::object affiliate_collaborations_search(OpsContext& c, const Request& r) { return search_collaborations(c, r); }
json::object affiliate_creators_search(OpsContext& c, const Request& r) { return search_creators(c, r); }
json::object affiliate_orders_search(OpsContext& c, const Request& r) { return search_orders(c, r); }
json::object affiliate_creators_summary(OpsContext& c, const Request& r) { return creators_summary(c, r); }

}  // namespace ocean::tiktok::ops
