// Analytics for the shop, its products and SKUs (reference §8): GET /analytics/202405/shop/performance,
// /analytics/202405/shop_products/performance and /{product_id}/performance,
// /analytics/202406/shop_skus/performance and /{sku_id}/performance. Every figure is summed from the
// real orders at request time; the rules are in analytics_support.hpp.
#include "analytics_support.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using namespace analytics;

const char* const kChannels[] = {"LIVE", "VIDEO", "PRODUCT_CARD"};

json::object shop_interval(Shop& shop, const Query& q, std::int64_t from, std::int64_t to) {
  Metrics total;
  std::map<std::string, Metrics> by_channel;
  std::map<std::int64_t, std::int64_t> units_per_day;
  std::int64_t refunds = 0, cancelled_or_returned = 0;
  auto& returns = returns_store(shop);
  for_orders_in(shop, from, to, [&](const Order& o) {
    if (o.paid_time == 0) return;
    total.add(o);
    by_channel[channel_of(attribution(shop, o))].add(o);
    units_per_day[local_day(shop, o.create_time)] += static_cast<std::int64_t>(o.line_items.size());
    if (o.status == "CANCELLED") cancelled_or_returned += static_cast<std::int64_t>(o.line_items.size());
    if (auto r = returns.return_of_order.find(o.id); r != returns.return_of_order.end()) {
      const ReturnRecord& rec = returns.returns.at(r->second);
      if (rec.status == "RETURN_OR_REFUND_REQUEST_COMPLETE") {
        cancelled_or_returned += static_cast<std::int64_t>(rec.line_item_ids.size());
        std::int64_t full = 0;
        for (const auto& id : rec.line_item_ids)
          if (const LineItem* li = find_line(o, id)) full += li->sale_price_minor;
        if (rec.line_item_ids.size() == o.line_items.size()) full += o.shipping_fee_minor;
        refunds += rec.partial_refund_minor >= 0 ? rec.partial_refund_minor : full;
      }
    }
  });
  std::int64_t imp = 0;
  for (std::int64_t d = from; d < to; ++d) imp += impressions(shop.id, d, units_per_day[d]);
  const std::int64_t views = imp / 6;
  json::array gmv_b, buyer_b, imp_b, view_b, visitor_b;
  for (const char* ch : kChannels) {
    const Metrics& m = by_channel[ch];
    // Traffic splits by the channel's share of units (the product card keeps the remainder).
    const std::int64_t share_imp = total.units == 0 ? 0 : imp * m.units / total.units;
    json::object g = amount_json(shop, m.gmv, q.usd);
    g["type"] = ch;
    gmv_b.push_back(std::move(g));
    buyer_b.push_back(json::object{{"type", ch}, {"amount", static_cast<std::int64_t>(m.buyers.size())}});
    imp_b.push_back(json::object{{"type", ch}, {"amount", share_imp}});
    view_b.push_back(json::object{{"type", ch}, {"amount", share_imp / 6}});
    visitor_b.push_back(json::object{{"type", ch}, {"amount", share_imp / 6 * 7 / 10 / (to - from)}});
  }
  return json::object{{"start_date", civil_from_days(from)},
                      {"end_date", civil_from_days(to)},
                      {"gmv", amount_json(shop, total.gmv, q.usd)},
                      {"orders", total.orders},
                      {"units_sold", total.units},
                      {"buyers", static_cast<std::int64_t>(total.buyers.size())},
                      {"sku_orders", total.sku_orders},
                      {"avg_order_value", amount_json(shop, total.orders == 0 ? 0 : total.gmv / total.orders, q.usd)},
                      {"refunds", amount_json(shop, refunds, q.usd)},
                      {"cancellations_and_returns", cancelled_or_returned},
                      {"product_impressions", imp},
                      {"product_page_views", views},
                      {"avg_product_page_visitors", views * 7 / 10 / (to - from)},
                      {"gmv_breakdowns", gmv_b},
                      {"buyer_breakdowns", buyer_b},
                      {"product_impression_breakdowns", imp_b},
                      {"product_page_view_breakdowns", view_b},
                      {"avg_product_page_visitor_breakdowns", visitor_b}};
}

template <class IntervalFn>
json::object performance(const Query& q, IntervalFn interval) {
  json::array current, previous;
  for (const auto& [from, to] : intervals(q, false)) current.push_back(interval(from, to));
  json::object perf{{"intervals", current}};
  if (q.with_comparison) {
    for (const auto& [from, to] : intervals(q, true)) previous.push_back(interval(from, to));
    perf["comparison_intervals"] = previous;
  }
  return perf;
}

json::value shop_performance(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Query q = read_query(c, true, true);
  return json::object{
      {"latest_available_date", latest_available_date(shop, c.now)},
      {"performance", performance(q, [&](std::int64_t f, std::int64_t t) { return shop_interval(shop, q, f, t); })}};
}

// ---- products and SKUs ----------------------------------------------------------------------------------

struct Row {
  Metrics m;
  std::int64_t impressions = 0;
};

// Per product (or SKU) metrics over [from, to); keyed by product id (or SKU id).
std::map<std::string, Row> rows(Shop& shop, std::int64_t from, std::int64_t to, bool by_sku) {
  std::map<std::string, Row> out;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> units;  // key -> day -> units
  for_orders_in(shop, from, to, [&](const Order& o) {
    if (o.paid_time == 0) return;
    std::set<std::string> keys;
    for (const auto& li : o.line_items) keys.insert(by_sku ? li.sku_id : li.product_id);
    for (const auto& k : keys) {
      out[k].m.add(o, [&](const LineItem& li) { return (by_sku ? li.sku_id : li.product_id) == k; });
      for (const auto& li : o.line_items)
        if ((by_sku ? li.sku_id : li.product_id) == k) ++units[k][local_day(shop, o.create_time)];
    }
  });
  for (auto& [k, row] : out) {
    for (std::int64_t d = from; d < to; ++d) row.impressions += impressions(k, d, units[k][d]);
  }
  return out;
}

json::value list(ApiContext& c, bool by_sku) {
  Shop& shop = c.the_shop();
  const Query q = read_query(c, false, false);
  const auto sort =
      by_sku ? support::read_sort(c, {"gmv", "sku_orders", "units_sold"}, "gmv", "DESC")
             : support::read_sort(c, {"gmv", "order_count", "unit_sold_count", "click_through_rate"}, "gmv", "DESC");
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  const auto data = rows(shop, q.start_day, q.end_day, by_sku);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, r] : data) {
    std::int64_t key = r.m.gmv;
    if (sort.field == "order_count") key = r.m.orders;
    if (sort.field == "sku_orders") key = r.m.sku_orders;
    if (sort.field == "unit_sold_count" || sort.field == "units_sold") key = r.m.units;
    if (sort.field == "click_through_rate") key = r.impressions == 0 ? 0 : r.m.units * 1000000 / r.impressions;
    entries.emplace_back(key, id);
  }
  const int page_size = c.page_size == 0 ? 10 : c.page_size;
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) {
    const Row& r = data.at(id);
    json::object o{{"id", id}, {"gmv", amount_json(shop, r.m.gmv, q.usd)}, {"units_sold", r.m.units}};
    if (by_sku) {
      o["sku_orders"] = r.m.sku_orders;
      for (const auto& [pid, p] : shop.data.products)
        for (const auto& s : p.skus)
          if (s.id == id) o["product_id"] = pid;
    } else {
      o["orders"] = r.m.orders;
      o["click_through_rate"] = ratio(r.m.units * 8, r.impressions);
    }
    out.push_back(std::move(o));
  }
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)},
                      {by_sku ? "skus" : "products", out},
                      {"next_page_token", page.next_page_token},
                      {"total_count", page.total}};
}

json::value detail(ApiContext& c, bool by_sku) {
  Shop& shop = c.the_shop();
  const std::string id = c.path_param(by_sku ? "sku_id" : "product_id");
  bool known = false;
  for (const auto& [pid, p] : shop.data.products) {
    if (!by_sku && pid == id) known = true;
    for (const auto& s : p.skus) known = known || (by_sku && s.id == id);
  }
  if (!known) throw bad_param(std::string(by_sku ? "sku_id " : "product_id ") + id + " does not exist in this shop");
  const Query q = read_query(c, true, true);
  auto interval = [&](std::int64_t from, std::int64_t to) {
    const auto data = rows(shop, from, to, by_sku);
    auto it = data.find(id);
    const Row r = it == data.end() ? Row{} : it->second;
    std::int64_t imp = r.impressions;
    if (it == data.end()) {
      for (std::int64_t d = from; d < to; ++d) imp += impressions(id, d, 0);
    }
    json::object o{{"start_date", civil_from_days(from)},
                   {"end_date", civil_from_days(to)},
                   {"gmv", amount_json(shop, r.m.gmv, q.usd)},
                   {"units_sold", r.m.units}};
    if (by_sku) {
      o["sku_orders"] = r.m.sku_orders;
    } else {
      o["orders"] = r.m.orders;
      o["impressions"] = imp;
      o["page_views"] = imp / 6;
      o["avg_page_visitors"] = imp / 6 * 7 / 10 / (to - from);
      o["click_through_rate"] = ratio(r.m.units * 8, imp);
    }
    return o;
  };
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)},
                      {"performance", performance(q, interval)}};
}

void register_routes(ApiRouter& r) {
  const PageSizeRule list_rule{false, 1, 100};
  r.add(ApiRoute{"GET", "/analytics/202405/shop/performance", ShopScope::kRequired, std::nullopt, shop_performance});
  r.add(ApiRoute{"GET", "/analytics/202405/shop_products/performance", ShopScope::kRequired, list_rule,
                 [](ApiContext& c) { return list(c, false); }});
  r.add(ApiRoute{"GET", "/analytics/202405/shop_products/{product_id}/performance", ShopScope::kRequired, std::nullopt,
                 [](ApiContext& c) { return detail(c, false); }});
  r.add(ApiRoute{"GET", "/analytics/202406/shop_skus/performance", ShopScope::kRequired, list_rule,
                 [](ApiContext& c) { return list(c, true); }});
  r.add(ApiRoute{"GET", "/analytics/202406/shop_skus/{sku_id}/performance", ShopScope::kRequired, std::nullopt,
                 [](ApiContext& c) { return detail(c, true); }});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"analytics", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
