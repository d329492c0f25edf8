// Content analytics (reference §8): GET /analytics/202409/shop_videos/performance and
// /shop_videos/{video_id}/performance, GET /analytics/202508/shop_lives/performance and
// /shop_lives/overview_performance. Videos and LIVE sessions are generated per shop (admin routes add
// more); orders are attributed to them by the rule in analytics_support.hpp. There is no API to run a
// LIVE (reference §8), so sessions exist only as this read-only history.
#include "analytics_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using namespace analytics;
constexpr std::int64_t kDay = 86400;

void generate(World& world, Shop& shop, const GenParams&, Rng& rng) {
  auto& store = content(shop);
  const std::int64_t now = world.clock.now();
  std::vector<std::string> live_products;
  for (const auto& [id, p] : shop.data.products)
    if (p.status == "ACTIVATE") live_products.push_back(id);
  const std::string official = "official_" + shop.code;
  std::size_t next = 0;
  for (int i = 0; i < 6; ++i) {
    Video v;
    v.id = "73" + world.new_numeric_id(17);
    v.title = "Sandbox haul #" + std::to_string(i + 1);
    v.username = i % 2 == 0 ? official : "creator_" + rng.alnum(6);
    v.post_time = now - rng.range(1, 29) * kDay - rng.range(0, kDay);
    v.duration = rng.range(15, 180);
    for (int k = 0; k < 3 && !live_products.empty(); ++k, ++next)
      v.product_ids.push_back(live_products[next % live_products.size()]);
    store.videos.push_back(std::move(v));
  }
  for (int i = 0; i < 8; ++i) {
    LiveSession l;
    l.id = "72" + world.new_numeric_id(17);
    l.title = "Live deals night " + std::to_string(i + 1);
    l.username = official;
    l.start_time = now - rng.range(1, 29) * kDay + rng.range(0, 12) * 3600;
    l.end_time = l.start_time + rng.range(2, 4) * 3600;
    store.lives.push_back(std::move(l));
  }
}

std::int64_t utc_of_day(const Shop& shop, std::int64_t day) { return day * kDay - utc_offset_seconds(shop.region); }

// Video views over [from, to): nothing before the post day, then a deterministic daily count.
std::int64_t video_views(const Shop& shop, const Video& v, std::int64_t from, std::int64_t to) {
  std::int64_t views = 0;
  for (std::int64_t d = std::max(from, local_day(shop, v.post_time)); d < to; ++d) {
    views += 300 + static_cast<std::int64_t>(Rng::hash(v.id + "/views/" + std::to_string(d)) % 5000);
  }
  return views;
}

Metrics attributed(Shop& shop, const std::string& source, std::int64_t from_day, std::int64_t to_day) {
  Metrics m;
  for_orders_in(shop, from_day, to_day, [&](const Order& o) {
    if (attribution(shop, o) == source) m.add(o);
  });
  return m;
}

const Video& require_video(Shop& shop, const std::string& id) {
  for (const auto& v : content(shop).videos)
    if (v.id == id) return v;
  throw bad_param("video_id " + id + " does not exist in this shop");
}

json::value videos(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Query q = read_query(c, false, false);
  const auto sort =
      support::read_sort(c, {"gmv", "sku_orders", "units_sold", "views", "click_through_rate"}, "gmv", "DESC");
  const std::string account = c.query("account_type").value_or("ALL");
  if (!support::one_of(account, {"ALL", "LINKED_ACCOUNTS", "AFFILIATES"}))
    throw bad_param("account_type is invalid: " + account);
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  const std::string official = "official_" + shop.code;
  std::map<std::string, json::object> rows;
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& v : content(shop).videos) {
    if (v.post_time >= utc_of_day(shop, q.end_day)) continue;
    const bool linked = v.username == official;
    if ((account == "LINKED_ACCOUNTS" && !linked) || (account == "AFFILIATES" && linked)) continue;
    const Metrics m = attributed(shop, "VIDEO:" + v.id, q.start_day, q.end_day);
    const std::int64_t views = video_views(shop, v, q.start_day, q.end_day);
    json::array products;
    for (const auto& pid : v.product_ids) {
      auto p = shop.data.products.find(pid);
      products.push_back(json::object{{"id", pid}, {"name", p == shop.data.products.end() ? "" : p->second.title}});
    }
    rows[v.id] = json::object{{"id", v.id},
                              {"title", v.title},
                              {"username", v.username},
                              {"video_post_time", ocean::rfc3339::format_time(v.post_time)},
                              {"gmv", amount_json(shop, m.gmv, q.usd)},
                              {"sku_orders", m.sku_orders},
                              {"units_sold", m.units},
                              {"views", views},
                              {"click_through_rate", ratio(m.units * 10, views)},
                              {"products", products}};
    std::int64_t key = m.gmv;
    if (sort.field == "sku_orders") key = m.sku_orders;
    if (sort.field == "units_sold") key = m.units;
    if (sort.field == "views") key = views;
    if (sort.field == "click_through_rate") key = views == 0 ? 0 : m.units * 10000000 / views;
    entries.emplace_back(key, v.id);
  }
  const int page_size = c.page_size == 0 ? 10 : c.page_size;
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(rows.at(id));
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)},
                      {"videos", out},
                      {"next_page_token", page.next_page_token},
                      {"total_count", page.total}};
}

json::value video_detail(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Video& v = require_video(shop, c.path_param("video_id"));
  const Query q = read_query(c, true, true);
  auto interval = [&](std::int64_t from, std::int64_t to) {
    const Metrics m = attributed(shop, "VIDEO:" + v.id, from, to);
    const std::int64_t views = video_views(shop, v, from, to);
    return json::object{{"start_date", civil_from_days(from)},
                        {"end_date", civil_from_days(to)},
                        {"gmv", amount_json(shop, m.gmv, q.usd)},
                        {"views", views},
                        {"click_through_rate", ratio(m.units * 10, views)},
                        {"daily_avg_buyers", ratio(static_cast<std::int64_t>(m.buyers.size()), to - from)}};
  };
  json::array current, previous;
  for (const auto& [f, t] : intervals(q, false)) current.push_back(interval(f, t));
  json::object perf{{"intervals", current}, {"video_post_time", std::to_string(v.post_time)}};
  if (q.with_comparison) {
    for (const auto& [f, t] : intervals(q, true)) previous.push_back(interval(f, t));
    perf["comparison_intervals"] = previous;
  }
  const std::int64_t total_views = video_views(shop, v, local_day(shop, v.post_time), local_day(shop, c.now) + 1);
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)},
                      {"performance", perf},
                      {"engagement_data", json::object{{"total_views", total_views},
                                                       {"total_likes", total_views / 12},
                                                       {"total_comments", total_views / 90},
                                                       {"total_shares", total_views / 150}}}};
}

// ---- LIVE -----------------------------------------------------------------------------------------------

json::object live_json(Shop& shop, const LiveSession& l, bool usd, Metrics& m) {
  for (const auto& [key, id] : shop.data.orders_by_create) {
    const Order& o = shop.data.orders.at(id);
    if (o.create_time < l.start_time || o.create_time >= l.end_time) continue;
    if (attribution(shop, o) == "LIVE:" + l.id) m.add(o);
  }
  const std::int64_t viewers = 200 + static_cast<std::int64_t>(Rng::hash(l.id + "/viewers") % 3000);
  const std::int64_t clicks = viewers / 5 + m.units;
  const std::int64_t live_products =
      static_cast<std::int64_t>(std::count_if(shop.data.products.begin(), shop.data.products.end(),
                                              [](const auto& e) { return e.second.status == "ACTIVATE"; }));
  return json::object{
      {"id", l.id},
      {"title", l.title},
      {"username", l.username},
      {"start_time", std::to_string(l.start_time)},
      {"end_time", std::to_string(l.end_time)},
      {"sales_performance", json::object{{"gmv", amount_json(shop, m.gmv, usd)},
                                         {"24h_live_gmv", amount_json(shop, m.gmv, usd)},
                                         {"products_added", live_products},
                                         {"different_products_sold", static_cast<std::int64_t>(m.products.size())},
                                         {"created_sku_orders", m.created_sku_orders},
                                         {"sku_orders", m.sku_orders},
                                         {"unit_sold", m.units},
                                         {"customers", static_cast<std::int64_t>(m.buyers.size())},
                                         {"avg_price", amount_json(shop, m.units == 0 ? 0 : m.gmv / m.units, usd)},
                                         {"click_to_order_rate", ratio(m.sku_orders * 100, clicks)}}},
      {"interaction_performance", json::object{{"viewers", viewers},
                                               {"views", viewers * 3 / 2},
                                               {"pcu", viewers / 4},
                                               {"acu", viewers / 10},
                                               {"likes", viewers * 2},
                                               {"comments", viewers / 3},
                                               {"shares", viewers / 20},
                                               {"new_followers", viewers / 25},
                                               {"product_impressions", viewers * 4},
                                               {"product_clicks", clicks},
                                               {"click_through_rate", ratio(clicks * 100, viewers * 3 / 2)},
                                               {"avg_viewing_duration", std::to_string(60 + viewers % 240)}}}};
}

json::value lives(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Query q = read_query(c, false, false);
  const auto sort = support::read_sort(
      c, {"gmv", "products_added", "different_products_sold", "sku_orders", "unit_sold", "customers", "24h_live_gmv"},
      "gmv", "DESC");
  const std::string account = c.query("account_type").value_or("ALL");
  if (!support::one_of(account, {"ALL", "OFFICIAL_ACCOUNTS", "MARKETING_ACCOUNTS", "AFFILIATE_ACCOUNTS"})) {
    throw bad_param("account_type is invalid: " + account);
  }
  const auto cursor = support::read_cursor(c.query("page_token"), sort.key());
  std::map<std::string, json::object> rows;
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& l : content(shop).lives) {
    const std::int64_t day = local_day(shop, l.start_time);
    if (day < q.start_day || day >= q.end_day) continue;
    if (account == "AFFILIATE_ACCOUNTS" || account == "MARKETING_ACCOUNTS") continue;  // all sessions are official
    Metrics m;
    rows[l.id] = live_json(shop, l, q.usd, m);
    std::int64_t key = m.gmv;
    if (sort.field == "different_products_sold") key = static_cast<std::int64_t>(m.products.size());
    if (sort.field == "sku_orders") key = m.sku_orders;
    if (sort.field == "unit_sold") key = m.units;
    if (sort.field == "customers") key = static_cast<std::int64_t>(m.buyers.size());
    if (sort.field == "products_added")
      key = rows[l.id].at("sales_performance").as_object().at("products_added").as_int64();
    entries.emplace_back(key, l.id);
  }
  const int page_size = c.page_size == 0 ? 10 : c.page_size;
  auto page = support::page_entries(std::move(entries), sort.key(), sort.ascending, page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(rows.at(id));
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)},
                      {"live_stream_sessions", out},
                      {"next_page_token", page.next_page_token},
                      {"total_count", page.total}};
}

json::value lives_overview(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Query q = read_query(c, true, true);
  const std::string account = c.query("account_type").value_or("ALL");
  if (!support::one_of(account, {"ALL", "OFFICIAL_ACCOUNTS", "MARKETING_ACCOUNTS", "AFFILIATE_ACCOUNTS"})) {
    throw bad_param("account_type is invalid: " + account);
  }
  auto interval = [&](std::int64_t from, std::int64_t to) {
    Metrics m;
    for_orders_in(shop, from, to, [&](const Order& o) {
      if (channel_of(attribution(shop, o)) == "LIVE") m.add(o);
    });
    const std::int64_t clicks = m.units * 12 + 40 * (to - from);
    return json::object{{"start_date", civil_from_days(from)},
                        {"end_date", civil_from_days(to)},
                        {"gmv", amount_json(shop, m.gmv, q.usd)},
                        {"sku_orders", m.sku_orders},
                        {"units_sold", m.units},
                        {"customers", static_cast<std::int64_t>(m.buyers.size())},
                        {"click_through_rate", ratio(clicks * 100, clicks * 9)},
                        {"click_to_order_rate", ratio(m.sku_orders * 100, clicks)}};
  };
  json::array current, previous;
  for (const auto& [f, t] : intervals(q, false)) current.push_back(interval(f, t));
  json::object perf{{"intervals", current}};
  if (q.with_comparison) {
    for (const auto& [f, t] : intervals(q, true)) previous.push_back(interval(f, t));
    perf["comparison_intervals"] = previous;
  }
  return json::object{{"latest_available_date", latest_available_date(shop, c.now)}, {"performance", perf}};
}

void register_routes(ApiRouter& r) {
  const PageSizeRule list_rule{false, 1, 100};
  r.add(ApiRoute{"GET", "/analytics/202409/shop_videos/performance", ShopScope::kRequired, list_rule, videos});
  r.add(ApiRoute{"GET", "/analytics/202409/shop_videos/{video_id}/performance", ShopScope::kRequired, std::nullopt,
                 video_detail});
  r.add(ApiRoute{"GET", "/analytics/202508/shop_lives/performance", ShopScope::kRequired, list_rule, lives});
  r.add(ApiRoute{"GET", "/analytics/202508/shop_lives/overview_performance", ShopScope::kRequired, std::nullopt,
                 lives_overview});
}

Shop& admin_shop(AdminContext& c) {
  Shop* shop = c.world.shop_by_id(fields::req_string(c.body(), "shop_id"));
  if (shop == nullptr) throw bad_param("shop_id must name an existing shop");
  return *shop;
}

void register_admin(AdminRouter& r) {
  // A LIVE session: {shop_id, start_time, end_time, title?, username?}.
  r.add(AdminRoute{"POST", "/_sandbox/lives", [](AdminContext& c) -> json::value {
                     Shop& shop = admin_shop(c);
                     const auto& b = c.body();
                     LiveSession l;
                     l.start_time = fields::opt_int(b, "start_time").value_or(-1);
                     l.end_time = fields::opt_int(b, "end_time").value_or(-1);
                     if (l.start_time < 0 || l.end_time <= l.start_time)
                       throw bad_param("start_time < end_time are required");
                     l.id = "72" + c.world.new_numeric_id(17);
                     l.title = fields::opt_string(b, "title").value_or("Sandbox LIVE");
                     l.username = fields::opt_string(b, "username").value_or("official_" + shop.code);
                     content(shop).lives.push_back(l);
                     return json::object{{"id", l.id},
                                         {"title", l.title},
                                         {"username", l.username},
                                         {"start_time", l.start_time},
                                         {"end_time", l.end_time}};
                   }});
  // A video: {shop_id, product_ids[], post_time?, title?, username?}.
  r.add(AdminRoute{"POST", "/_sandbox/videos", [](AdminContext& c) -> json::value {
                     Shop& shop = admin_shop(c);
                     const auto& b = c.body();
                     Video v;
                     v.product_ids = fields::opt_string_array(b, "product_ids").value_or(std::vector<std::string>{});
                     if (v.product_ids.empty()) throw bad_param("product_ids is a required field");
                     for (const auto& pid : v.product_ids)
                       if (!shop.data.products.count(pid)) throw bad_param("unknown product " + pid);
                     v.post_time = fields::opt_int(b, "post_time").value_or(c.now);
                     v.id = "73" + c.world.new_numeric_id(17);
                     v.title = fields::opt_string(b, "title").value_or("Sandbox video");
                     v.username = fields::opt_string(b, "username").value_or("official_" + shop.code);
                     v.duration = 60;
                     content(shop).videos.push_back(v);
                     return json::object{{"id", v.id}, {"post_time", v.post_time}};
                   }});
}

void truth(const Shop& shop, json::object& out) {
  Shop& s = const_cast<Shop&>(shop);  // read only
  json::array vids, lvs, attribution_list;
  for (const auto& v : content(s).videos) {
    json::array products;
    for (const auto& p : v.product_ids) products.push_back(json::value(p));
    vids.push_back(json::object{{"id", v.id},
                                {"title", v.title},
                                {"username", v.username},
                                {"post_time", v.post_time},
                                {"product_ids", products}});
  }
  for (const auto& l : content(s).lives) {
    lvs.push_back(json::object{{"id", l.id},
                               {"title", l.title},
                               {"username", l.username},
                               {"start_time", l.start_time},
                               {"end_time", l.end_time}});
  }
  for (const auto& [key, id] : shop.data.orders_by_create) {
    attribution_list.push_back(json::object{{"order_id", id}, {"source", attribution(s, shop.data.orders.at(id))}});
  }
  out["videos"] = std::move(vids);
  out["live_sessions"] = std::move(lvs);
  out["order_attribution"] = std::move(attribution_list);
  out["analytics"] =
      json::object{{"utc_offset_seconds", utc_offset_seconds(shop.region)}, {"usd_rate", usd_per_unit(shop.currency)}};
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"analytics_content", register_routes, register_admin, generate, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
