// live_session: a planned LIVE session that starts within `minutes_before` minutes while a featured
// product (or the featured SKU) has no stock left in any warehouse, or while the flash sale planned
// with it is no longer NOT_START/ONGOING (deactivated or expired). Stock and the sale's status are
// read from TikTok at evaluation time (GET product detail, GET activity), not from the mirror, so a
// sale that sold out an hour ago is seen.
#include <boost/json.hpp>

#include <algorithm>

#include "alerts/rules.hpp"
#include "model/time_format.hpp"
#include "ops/context.hpp"
#include "ops/promotions.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::alerts {
namespace json = boost::json;

namespace {

// Units in every warehouse of the product (or only of `sku_id`).
std::int64_t stock_of(ops::OpsContext& c, const std::string& product_id, const std::string& sku_id) {
  const auto d = c.call("GET", "/product/202309/products/" + product_id);
  std::int64_t total = 0;
  for (const auto& sv : ops::api_array(d, "skus", "product detail")) {
    const auto& s = ops::api_object(sv, "product detail");
    if (!sku_id.empty() && ops::api_string(s, "id") != sku_id) continue;
    if (!s.contains("inventory")) continue;
    for (const auto& iv : ops::api_array(s, "inventory", "product detail"))
      total += std::max<std::int64_t>(0, ops::api_int(ops::api_object(iv, "product detail"), "quantity"));
  }
  return total;
}

void check_stock(AlertContext& c, ops::OpsContext& o, const store::LiveSession& s, json::object details) {
  json::array empty;
  std::string names;
  const json::value featured = json::parse(s.products_json);  // kept alive for the loop
  for (const auto& pv : featured.as_array()) {
    const auto& p = pv.as_object();
    const std::string product_id(p.at("product_id").as_string());
    const std::string sku_id = p.contains("sku_id") ? std::string(p.at("sku_id").as_string()) : std::string();
    if (stock_of(o, product_id, sku_id) > 0) continue;
    json::object e{{"product_id", product_id}};
    if (!sku_id.empty()) e["sku_id"] = sku_id;
    empty.push_back(std::move(e));
    names += (names.empty() ? "" : ", ") + product_id + (sku_id.empty() ? "" : "/" + sku_id);
  }
  if (empty.empty()) return;
  details["out_of_stock"] = std::move(empty);
  c.raise(Alert{"live_session", "critical", "live_session", s.id, "out_of_stock",
                "LIVE session '" + s.title + "' starts at " + model::rfc3339(s.start_time) +
                    " and featured products are out of stock: " + names,
                "restock them (inventory.update) before the session, or plan the session again without them "
                "(live.sessions.cancel, live.sessions.plan)",
                std::move(details)});
}

void check_flash_sale(AlertContext& c, ops::OpsContext& o, const store::LiveSession& s, json::object details) {
  if (s.activity_id.empty()) return;  // planned without a flash sale on purpose
  const auto sale = ops::get_activity(o, s.activity_id, false);
  const std::string status = ops::api_string(sale, "status");
  if (status == "NOT_START" || status == "ONGOING") return;
  details["flash_sale_activity_id"] = s.activity_id;
  details["flash_sale_status"] = status;
  c.raise(Alert{"live_session", "critical", "live_session", s.id, "flash_sale:" + status,
                "LIVE session '" + s.title + "' starts at " + model::rfc3339(s.start_time) + " but its flash sale " +
                    s.activity_id + " is " + status,
                "create a new flash sale over the session window (promotions.create, promotions.products.add) or "
                "plan the session again (live.sessions.cancel, live.sessions.plan)",
                std::move(details)});
}

}  // namespace

void live_session_rule(AlertContext& c) {
  if (c.ops == nullptr) throw Failure(Status::internal, "the operations room is not open");
  const std::int64_t horizon = c.now_s + *c.rules.live_minutes_before * 60;
  for (const auto& s : c.ops->store.live_sessions(std::string("planned"), c.now_s, horizon)) {
    if (s.start_time <= c.now_s) continue;  // already live: too late to warn
    const json::object details{{"session_id", s.id},
                               {"title", s.title},
                               {"start_time", model::rfc3339(s.start_time)},
                               {"minutes_left", (s.start_time - c.now_s + 59) / 60}};
    check_stock(c, *c.ops, s, details);
    check_flash_sale(c, *c.ops, s, details);
  }
}

}  // namespace ocean::tiktok::alerts
