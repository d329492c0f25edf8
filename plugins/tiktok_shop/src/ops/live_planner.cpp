// The LIVE planner. TikTok has no public API to run a LIVE room (reference §8: no start/stop, no
// pinning, no comments). What the plugin can do for real, it does:
//   * plan sessions in its store, with featured products and session prices;
//   * refuse overlaps: with the account's own sessions, and with the host's other TikTok accounts
//     through the host-wide calendar (store/ops_live_registry.hpp);
//   * run the session's prices as a FLASHSALE activity over exactly the session window, and
//     deactivate it when the session is cancelled;
//   * pull LIVE performance from GET /analytics/202508/shop_lives/performance, match it to the
//     session by time overlap (title as tie-break), and attribute orders created during the window
//     that contain a featured product.
#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "model/time_format.hpp"
#include "ocean_common/crypto.hpp"
#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "ops/promotions.hpp"
#include "store/ops_live_registry.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

constexpr std::int64_t kMaxSessionSeconds = 24 * 3600;  // a planner limit; also catches ms-for-s mistakes
constexpr int kMaxAttributionPages = 50;                // 5,000 orders per session window

[[noreturn]] void bad(const std::string& m) { throw Failure(Status::invalid_argument, m); }

json::object session_json(OpsContext& c, const store::LiveSession& s) {
  json::object o{{"schema", "live_session.v1"},
                 {"session_id", s.id},
                 {"account_id", c.account_id},
                 {"title", s.title},
                 {"start_time", model::rfc3339(s.start_time)},
                 {"end_time", model::rfc3339(s.end_time)},
                 {"status", s.status == "planned" && c.now_s() >= s.end_time ? "ended" : s.status},
                 {"flash_sale_activity_id", s.activity_id},
                 {"products", json::parse(s.products_json)},
                 {"created_at", model::rfc3339(s.created_at_ms / 1000)},
                 {"updated_at", model::rfc3339(s.updated_at_ms / 1000)}};
  if (!s.performance_json.empty()) {
    o["performance"] = json::parse(s.performance_json);
    o["performance_fetched_at"] = model::rfc3339(s.performance_fetched_ms / 1000);
  }
  return o;
}

std::string conflict_list(const std::vector<store::LiveWindow>& ws) {
  std::string out;
  for (const auto& w : ws) {
    out += (out.empty() ? "" : "; ") + std::string("'") + w.title + "' on account " + w.account_id + " (" +
           model::rfc3339(w.start_time) + " - " + model::rfc3339(w.end_time) + ")";
  }
  return out;
}

// The session's flash sale over its window, with its products; deactivated again when the
// products cannot be added, so no empty sale is left behind. Returns the activity id.
std::string create_flash_sale(OpsContext& c, const std::string& title, std::int64_t start, std::int64_t end,
                              bool variation, const json::array& wire) {
  json::object body{{"title", title},
                    {"activity_type", "FLASHSALE"},
                    {"begin_time", start},
                    {"end_time", end},
                    {"product_level", variation ? "VARIATION" : "PRODUCT"}};
  const std::string activity_id = create_activity(c, body);
  try {
    put_activity_products(c, activity_id, "FLASHSALE", wire);
  } catch (const Failure&) {
    try {
      deactivate_activity(c, activity_id);
    } catch (const Failure& g) {
      c.log.warn("[ops] flash sale " + activity_id +
                 " could not be deactivated after its products failed: " + g.what());
    }
    throw;
  }
  return activity_id;
}

json::object plan(OpsContext& c, const Request& req) {
  const std::string title = req.str("title");
  check_activity_title(title, "title");  // it also names the flash sale
  const std::int64_t start = req.time("start_time"), end = req.time("end_time");
  check_activity_window(start, end, c.now_s(), "LIVE session");
  if (end - start > kMaxSessionSeconds)
    bad("a LIVE session may last at most 24 hours (times are Unix seconds or RFC 3339)");
  const bool flash_sale = req.opt_bool("flash_sale", true);
  const bool allow_other_accounts = req.opt_bool("allow_overlap_with_other_accounts", false);
  const auto products = req.objects("products", {"product_id", "sku_id", "session_price"});
  if (products.empty()) bad("request field 'products' must list the featured products");
  json::array stored, wire;
  std::set<std::string> seen;
  bool variation = false;
  for (std::size_t i = 0; i < products.size(); ++i) {
    const std::string w = "products[" + std::to_string(i) + "]";
    const auto& p = products[i];
    const std::string product_id = p.id("product_id");
    const std::string sku_id = p.has("sku_id") ? p.id("sku_id") : "";
    if (!seen.insert(product_id + "/" + sku_id).second) bad(w + " repeats product " + product_id);
    const Decimal price = p.decimal("session_price");
    if (price.micros <= 0) bad(w + ".session_price must be greater than 0");
    json::object e{{"product_id", product_id}, {"session_price", price.str()}};
    if (!sku_id.empty()) {
      e["sku_id"] = sku_id;
      variation = true;
    }
    stored.push_back(e);
  }
  if (variation) {
    // Every entry then names its SKU: a flash sale is either per product or per variation.
    for (const auto& e : stored) {
      if (!e.as_object().contains("sku_id")) bad("give 'sku_id' for every featured product or for none");
    }
  }
  for (const auto& e : stored) {
    const auto& o = e.as_object();
    if (variation) {
      wire.push_back(json::object{
          {"id", o.at("product_id")},
          {"skus",
           json::array{json::object{{"id", o.at("sku_id")}, {"activity_price_amount", o.at("session_price")}}}}});
    } else {
      wire.push_back(json::object{{"id", o.at("product_id")}, {"activity_price_amount", o.at("session_price")}});
    }
  }

  const std::int64_t now_ms = c.host.wall_ms();
  store::LiveSession s;
  s.id = "live_" + crypto::to_hex(crypto::random_bytes(8));
  s.title = title;
  s.start_time = start;
  s.end_time = end;
  s.status = "planned";
  s.products_json = json::serialize(stored);
  s.created_at_ms = s.updated_at_ms = now_ms;

  // Reserve the window host-wide first: the calendar's transaction is what makes two accounts
  // planning at once safe. Released again if anything below fails.
  const auto conflicts =
      c.live_registry.reserve(store::LiveWindow{c.account_id, s.id, title, start, end}, allow_other_accounts, now_ms);
  if (!conflicts.empty()) {
    throw Failure(
        Status::invalid_state,
        "the LIVE window overlaps " + conflict_list(conflicts) +
            (allow_other_accounts ? "" : " (pass allow_overlap_with_other_accounts to permit other accounts)"));
  }
  try {
    if (flash_sale) s.activity_id = create_flash_sale(c, title, start, end, variation, wire);
    c.store.insert_live_session(s);
  } catch (...) {
    c.live_registry.release(c.account_id, s.id);
    throw;
  }
  c.log.info("[ops] LIVE session " + s.id + " planned" +
             (s.activity_id.empty() ? "" : " with flash sale " + s.activity_id));
  return session_json(c, s);
}

store::LiveSession session_arg(OpsContext& c, const Request& req) {
  const std::string id = req.id("session_id");
  auto s = c.store.live_session(id);
  if (!s) throw Failure(Status::not_found, "no LIVE session " + id + " is planned on this account");
  return *s;
}

json::object list(OpsContext& c, const Request& req) {
  const auto status = req.opt_str("status");
  if (status && *status != "planned" && *status != "cancelled")
    bad("request field 'status' must be planned or cancelled");
  const auto from = req.opt_time("from"), to = req.opt_time("to");
  if (from && to && *from >= *to) bad("request field 'from' must be before 'to'");
  json::array items;
  for (const auto& s : c.store.live_sessions(status, from, to)) items.push_back(session_json(c, s));
  json::object out{{"count", items.size()}};
  out["items"] = std::move(items);
  return out;
}

json::object get(OpsContext& c, const Request& req) { return session_json(c, session_arg(c, req)); }

json::object cancel(OpsContext& c, const Request& req) {
  store::LiveSession s = session_arg(c, req);
  if (s.status == "cancelled") throw Failure(Status::invalid_state, "LIVE session " + s.id + " is already cancelled");
  if (c.now_s() >= s.end_time)
    throw Failure(Status::invalid_state, "LIVE session " + s.id + " is over; nothing to cancel");
  // The flash sale ends first: if TikTok refuses, the session stays planned and the host can retry.
  if (!s.activity_id.empty()) deactivate_activity(c, s.activity_id);
  s.status = "cancelled";
  s.updated_at_ms = c.host.wall_ms();
  c.store.update_live_session(s);
  c.live_registry.release(c.account_id, s.id);
  c.log.info("[ops] LIVE session " + s.id + " cancelled");
  return session_json(c, s);
}

// The LIVE of the analytics list that best matches the planned window: most overlap in seconds,
// then the same title; none when nothing overlaps.
std::optional<json::object> match_live(const json::array& lives, const store::LiveSession& s) {
  std::optional<json::object> best;
  std::int64_t best_overlap = 0;
  bool best_title = false;
  for (const auto& v : lives) {
    const auto& o = api_object(v, "LIVE performance");
    const std::int64_t from = api_int(o, "start_time"), to = api_int(o, "end_time");
    const std::int64_t overlap = std::min(to, s.end_time) - std::max(from, s.start_time);
    const bool same_title = api_string(o, "title") == s.title;
    if (overlap <= 0) continue;
    if (!best || overlap > best_overlap || (overlap == best_overlap && same_title && !best_title)) {
      best = o;
      best_overlap = overlap;
      best_title = same_title;
    }
  }
  return best;
}

json::object performance(OpsContext& c, const Request& req) {
  store::LiveSession s = session_arg(c, req);
  const std::string currency = req.one_of("currency", {"LOCAL", "USD"}, "LOCAL");
  if (s.status == "cancelled") throw Failure(Status::invalid_state, "LIVE session " + s.id + " was cancelled");
  if (c.now_s() < s.start_time) throw Failure(Status::invalid_state, "LIVE session " + s.id + " has not started yet");

  // 1. TikTok's LIVE list over the days the window touches (dates are UTC here: the shop's zone
  //    is not known to the plugin, so a day either side is included and the times decide).
  json::array lives;
  std::string token;
  for (int page = 0; page < 10; ++page) {
    url::QueryParams q{{"start_date_ge", date_string(s.start_time / 86400 - 1)},
                       {"end_date_lt", date_string(s.end_time / 86400 + 2)},
                       {"page_size", "100"},
                       {"currency", currency}};
    if (!token.empty()) q.emplace_back("page_token", token);
    const auto d = c.call("GET", "/analytics/202508/shop_lives/performance", q);
    for (const auto& v : api_array(d, "live_stream_sessions", "LIVE performance")) lives.push_back(v);
    token = api_string(d, "next_page_token");
    if (token.empty()) break;
  }
  const auto live = match_live(lives, s);

  // 2. Orders created in the window that contain a featured product.
  std::set<std::string> featured;
  const json::value products = json::parse(s.products_json);
  for (const auto& e : products.as_array()) featured.insert(std::string(e.as_object().at("product_id").as_string()));
  json::array order_ids;
  std::map<std::string, Decimal> gmv_by_currency;
  std::int64_t units = 0;
  token.clear();
  for (int page = 0; page < kMaxAttributionPages; ++page) {
    url::QueryParams q{{"page_size", "100"}};
    if (!token.empty()) q.emplace_back("page_token", token);
    const auto d = c.call("POST", "/order/202309/orders/search", q,
                          json::object{{"create_time_ge", s.start_time}, {"create_time_lt", s.end_time}}, true);
    for (const auto& ov : api_array(d, "orders", "order search")) {
      const auto& o = api_object(ov, "order search");
      if (api_string(o, "status") == "CANCELLED" || api_string(o, "status") == "UNPAID") continue;
      std::int64_t featured_units = 0;
      std::string currency_of_order;
      Decimal featured_value;
      for (const auto& lv : api_array(o, "line_items", "order search")) {
        const auto& l = api_object(lv, "order search");
        if (featured.count(api_string(l, "product_id")) == 0) continue;
        ++featured_units;  // one line item = one unit (reference §8)
        if (auto p = api_decimal(l.if_contains("sale_price"))) featured_value = featured_value + *p;
        currency_of_order = api_string(l, "currency");
      }
      if (featured_units == 0) continue;
      order_ids.emplace_back(api_string(o, "id"));
      units += featured_units;
      gmv_by_currency[currency_of_order] = gmv_by_currency[currency_of_order] + featured_value;
    }
    token = api_string(d, "next_page_token");
    if (token.empty()) break;
  }
  json::object gmv;
  for (const auto& [cur, v] : gmv_by_currency) gmv[cur.empty() ? "unknown" : cur] = v.str();
  json::object perf{{"matched_live", live ? json::value(*live) : json::value(nullptr)},
                    {"attributed_orders", json::object{{"count", order_ids.size()},
                                                       {"order_ids", std::move(order_ids)},
                                                       {"featured_units", units},
                                                       {"featured_gmv", std::move(gmv)}}}};
  s.performance_json = json::serialize(perf);
  s.performance_fetched_ms = c.host.wall_ms();
  s.updated_at_ms = s.performance_fetched_ms;
  c.store.update_live_session(s);
  return session_json(c, s);
}

}  // namespace

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object live_sessions_plan(OpsContext& c, const Request& r) { return plan(c, r); }
json::object live_sessions_list(OpsContext& c, const Request& r) { return list(c, r); }
json::object live_sessions_get(OpsContext& c, const Request& r) { return get(c, r); }
json::object live_sessions_cancel(OpsContext& c, const Request& r) { return cancel(c, r); }
json::object live_sessions_performance(OpsContext& c, const Request& r) { return performance(c, r); }

}  // namespace ocean::tiktok::ops
