// Analytics over real HTTP, recomputed from GET /_sandbox/truth: shop, product and SKU performance,
// videos and LIVE sessions (with the attribution the truth reports), daily intervals adding up to the
// whole range, the USD view, comparison periods, paging, and the strict date/enum parameters.
#include <cmath>
#include <ctime>
#include <functional>

#include "domains_fixture.hpp"

using namespace domains_test;

namespace {

const std::string kFrom = "2025-11-25", kTo = "2026-01-02";  // covers every generated order

std::int64_t minor(const json::value& v) {
  std::string s = str(v);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return std::stoll(s);
}

std::string local_date(std::int64_t t, std::int64_t offset) {
  const std::time_t local = static_cast<std::time_t>(t + offset);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

struct Sums {
  std::int64_t gmv = 0, orders = 0, units = 0, sku_orders = 0;
  std::set<std::string> buyers;
};

// The documented rule: paid orders, on the local date of create_time, in [from, to).
template <class Keep>
Sums recompute(
    const json::object& t, const std::string& from, const std::string& to, Keep keep_order,
    const std::function<bool(const json::object&)>& keep_line = [](const json::object&) { return true; }) {
  const std::int64_t offset = t.at("analytics").as_object().at("utc_offset_seconds").to_number<std::int64_t>();
  Sums s;
  for (const auto& ov : t.at("orders").as_array()) {
    const auto& o = ov.as_object();
    if (!o.contains("paid_time")) continue;
    const std::string day = local_date(o.at("create_time").to_number<std::int64_t>(), offset);
    if (day < from || day >= to || !keep_order(o)) continue;
    std::set<std::string> skus;
    std::int64_t units = 0;
    for (const auto& lv : o.at("line_items").as_array()) {
      const auto& li = lv.as_object();
      if (!keep_line(li)) continue;
      s.gmv += minor(li.at("sale_price"));
      skus.insert(str(li.at("sku_id")));
      ++units;
    }
    if (units == 0) continue;
    s.units += units;
    s.sku_orders += static_cast<std::int64_t>(skus.size());
    ++s.orders;
    s.buyers.insert(str(o.at("user_id")));
  }
  return s;
}

std::map<std::string, std::string> attribution(const json::object& t) {
  std::map<std::string, std::string> out;
  for (const auto& a : t.at("order_attribution").as_array())
    out[str(a.as_object().at("order_id"))] = str(a.as_object().at("source"));
  return out;
}

// Reads truth, then the API, then truth again, until no order changed in between (the clock runs).
template <class Fetch>
std::pair<json::object, json::object> consistent(TtsClient& c, const std::string& shop_id, Fetch fetch) {
  for (int i = 0; i < 5; ++i) {
    auto before = truth(c, shop_id);
    auto data = fetch();
    auto after = truth(c, shop_id);
    if (before.at("orders") == after.at("orders")) return {before, data};
  }
  FAIL("orders kept changing");
  return {};
}

const auto all_orders = [](const json::object&) { return true; };

}  // namespace

TEST_CASE("shop performance equals the sums recomputed from the orders") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::string path = "/analytics/202405/shop/performance";
  auto [t, d] = consistent(s.client, s.shop_id, [&] {
    return ok(call(s.client, "GET", path, {{"start_date_ge", kFrom}, {"end_date_lt", kTo}}));
  });
  const auto want = recompute(t, kFrom, kTo, all_orders);
  REQUIRE(want.orders > 50);
  const auto& intervals = d.at("performance").as_object().at("intervals").as_array();
  REQUIRE(intervals.size() == 1);
  const auto& i = intervals.at(0).as_object();
  CHECK(str(i.at("start_date")) == kFrom);
  CHECK(str(i.at("end_date")) == kTo);
  CHECK(minor(i.at("gmv").as_object().at("amount")) == want.gmv);
  CHECK(i.at("gmv").as_object().at("currency") == t.at("shop").as_object().at("currency"));
  CHECK(i.at("orders").to_number<std::int64_t>() == want.orders);
  CHECK(i.at("units_sold").to_number<std::int64_t>() == want.units);
  CHECK(i.at("sku_orders").to_number<std::int64_t>() == want.sku_orders);
  CHECK(i.at("buyers").to_number<std::int64_t>() == static_cast<std::int64_t>(want.buyers.size()));
  CHECK(minor(i.at("avg_order_value").as_object().at("amount")) == want.gmv / want.orders);
  std::int64_t breakdown = 0;
  for (const auto& b : i.at("gmv_breakdowns").as_array()) breakdown += minor(b.as_object().at("amount"));
  CHECK(breakdown == want.gmv);
  CHECK_FALSE(d.at("latest_available_date").as_string().empty());

  // Daily intervals add up to the whole range; the comparison period is the one before.
  auto [t2, daily] = consistent(s.client, s.shop_id, [&] {
    return ok(
        call(s.client, "GET", path,
             {{"start_date_ge", kFrom}, {"end_date_lt", kTo}, {"granularity", "1D"}, {"with_comparison", "true"}}));
  });
  const auto& days = daily.at("performance").as_object().at("intervals").as_array();
  CHECK(days.size() == 38);
  std::int64_t gmv = 0, orders = 0, units = 0;
  for (const auto& dv : days) {
    const auto& day = dv.as_object();
    gmv += minor(day.at("gmv").as_object().at("amount"));
    orders += day.at("orders").to_number<std::int64_t>();
    units += day.at("units_sold").to_number<std::int64_t>();
    const auto one = recompute(t2, str(day.at("start_date")), str(day.at("end_date")), all_orders);
    CHECK(day.at("orders").to_number<std::int64_t>() == one.orders);
  }
  const auto want2 = recompute(t2, kFrom, kTo, all_orders);
  CHECK(gmv == want2.gmv);
  CHECK(orders == want2.orders);
  CHECK(units == want2.units);
  const auto& previous = daily.at("performance").as_object().at("comparison_intervals").as_array();
  CHECK(previous.size() == 38);
  CHECK(previous.at(0).as_object().at("start_date") == "2025-10-18");
  CHECK(str(previous.back().as_object().at("end_date")) == kFrom);

  // USD: the local sum at the fixed rate, in cents.
  auto [t3, usd] = consistent(s.client, s.shop_id, [&] {
    return ok(call(s.client, "GET", path, {{"start_date_ge", kFrom}, {"end_date_lt", kTo}, {"currency", "USD"}}));
  });
  const auto& u = usd.at("performance").as_object().at("intervals").as_array().at(0).as_object();
  CHECK(u.at("gmv").as_object().at("currency") == "USD");
  const double rate = t3.at("analytics").as_object().at("usd_rate").to_number<double>();
  CHECK(minor(u.at("gmv").as_object().at("amount")) ==
        static_cast<std::int64_t>(
            std::llround(static_cast<double>(recompute(t3, kFrom, kTo, all_orders).gmv) / 100.0 * rate * 100.0)));

  // Strict parameters.
  for (const auto& q : std::vector<ocean::url::QueryParams>{
           {{"end_date_lt", kTo}},
           {{"start_date_ge", kFrom}},
           {{"start_date_ge", "2025/11/25"}, {"end_date_lt", kTo}},
           {{"start_date_ge", "2025-02-30"}, {"end_date_lt", kTo}},
           {{"start_date_ge", kTo}, {"end_date_lt", kFrom}},
           {{"start_date_ge", kFrom}, {"end_date_lt", kFrom}},
           {{"start_date_ge", "2024-01-01"}, {"end_date_lt", kTo}},
           {{"start_date_ge", kFrom}, {"end_date_lt", kTo}, {"granularity", "1W"}},
           {{"start_date_ge", kFrom}, {"end_date_lt", kTo}, {"currency", "EUR"}},
           {{"start_date_ge", kFrom}, {"end_date_lt", kTo}, {"with_comparison", "yes"}}}) {
    rejected(call(s.client, "GET", path, q), 400, 36009004);
  }
}

TEST_CASE("product and SKU performance lists and details match the orders, with paging") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const ocean::url::QueryParams range{{"start_date_ge", kFrom}, {"end_date_lt", kTo}};
  for (const bool by_sku : {false, true}) {
    const std::string path =
        by_sku ? "/analytics/202406/shop_skus/performance" : "/analytics/202405/shop_products/performance";
    const char* list_key = by_sku ? "skus" : "products";
    const char* line_key = by_sku ? "sku_id" : "product_id";
    auto [t, rows] = consistent(s.client, s.shop_id, [&] {
      json::array out;
      std::string token;
      while (true) {
        auto q = range;
        q.emplace_back("page_size", "4");
        if (!token.empty()) q.emplace_back("page_token", token);
        const auto d = ok(call(s.client, "GET", path, q));
        for (const auto& r : d.at(list_key).as_array()) out.push_back(r);
        token = str(d.at("next_page_token"));
        if (token.empty()) break;
      }
      return json::object{{"rows", out}};
    });
    // Every key sold in the range appears exactly once, with its recomputed figures.
    std::set<std::string> sold;
    const std::int64_t offset = t.at("analytics").as_object().at("utc_offset_seconds").to_number<std::int64_t>();
    for (const auto& ov : t.at("orders").as_array()) {
      const auto& o = ov.as_object();
      const std::string day = local_date(o.at("create_time").to_number<std::int64_t>(), offset);
      if (!o.contains("paid_time") || day < kFrom || day >= kTo) continue;
      for (const auto& li : o.at("line_items").as_array()) sold.insert(str(li.as_object().at(line_key)));
    }
    const auto& list = rows.at("rows").as_array();
    CHECK(list.size() == sold.size());
    std::set<std::string> ids;
    std::int64_t previous_gmv = INT64_MAX;
    for (const auto& rv : list) {
      const auto& r = rv.as_object();
      const std::string id = str(r.at("id"));
      ids.insert(id);
      const auto want =
          recompute(t, kFrom, kTo, all_orders, [&](const json::object& li) { return str(li.at(line_key)) == id; });
      const std::int64_t gmv = minor(r.at("gmv").as_object().at("amount"));
      CHECK(gmv == want.gmv);
      CHECK(gmv <= previous_gmv);  // default sort: gmv, descending
      previous_gmv = gmv;
      CHECK(r.at("units_sold").to_number<std::int64_t>() == want.units);
      if (by_sku)
        CHECK(r.at("sku_orders").to_number<std::int64_t>() == want.orders);
      else
        CHECK(r.at("orders").to_number<std::int64_t>() == want.orders);
    }
    CHECK(ids == sold);
    // The detail of the best seller says the same, and daily intervals add up.
    const std::string top = str(list.at(0).as_object().at("id"));
    const std::string detail = by_sku ? "/analytics/202406/shop_skus/" + top + "/performance"
                                      : "/analytics/202405/shop_products/" + top + "/performance";
    auto [t2, d] = consistent(s.client, s.shop_id, [&] {
      auto q = range;
      q.emplace_back("granularity", "1D");
      return ok(call(s.client, "GET", detail, q));
    });
    const auto want =
        recompute(t2, kFrom, kTo, all_orders, [&](const json::object& li) { return str(li.at(line_key)) == top; });
    std::int64_t gmv = 0, units = 0;
    for (const auto& iv : d.at("performance").as_object().at("intervals").as_array()) {
      gmv += minor(iv.as_object().at("gmv").as_object().at("amount"));
      units += iv.as_object().at("units_sold").to_number<std::int64_t>();
    }
    CHECK(gmv == want.gmv);
    CHECK(units == want.units);
    rejected(
        call(s.client, "GET",
             by_sku ? "/analytics/202406/shop_skus/1/performance" : "/analytics/202405/shop_products/1/performance",
             range),
        400, 36009004);
    auto big = range;
    big.emplace_back("page_size", "101");
    rejected(call(s.client, "GET", path, big), 400, 36009004);
    auto bad_sort = range;
    bad_sort.emplace_back("sort_field", "revenue");
    rejected(call(s.client, "GET", path, bad_sort), 400, 36009004);
  }
}

TEST_CASE("videos and LIVE sessions: sales from the attributed orders, admin-created content") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const ocean::url::QueryParams range{{"start_date_ge", kFrom}, {"end_date_lt", kTo}};
  // Videos.
  auto [t, vids] = consistent(s.client, s.shop_id, [&] {
    auto q = range;
    q.emplace_back("page_size", "100");
    return ok(call(s.client, "GET", "/analytics/202409/shop_videos/performance", q));
  });
  const auto source = attribution(t);
  CHECK(vids.at("videos").as_array().size() == t.at("videos").as_array().size());
  std::int64_t video_orders = 0;
  for (const auto& vv : vids.at("videos").as_array()) {
    const auto& v = vv.as_object();
    const std::string key = "VIDEO:" + str(v.at("id"));
    const auto want =
        recompute(t, kFrom, kTo, [&](const json::object& o) { return source.at(str(o.at("id"))) == key; });
    CHECK(minor(v.at("gmv").as_object().at("amount")) == want.gmv);
    CHECK(v.at("units_sold").to_number<std::int64_t>() == want.units);
    CHECK(v.at("sku_orders").to_number<std::int64_t>() == want.sku_orders);
    CHECK_FALSE(v.at("products").as_array().empty());
    video_orders += want.orders;
  }
  CHECK(video_orders > 0);
  const std::string vid = str(vids.at("videos").as_array().at(0).as_object().at("id"));
  auto [t2, detail] = consistent(s.client, s.shop_id, [&] {
    return ok(call(s.client, "GET", "/analytics/202409/shop_videos/" + vid + "/performance", range));
  });
  const auto vsource = attribution(t2);
  const auto vwant =
      recompute(t2, kFrom, kTo, [&](const json::object& o) { return vsource.at(str(o.at("id"))) == "VIDEO:" + vid; });
  CHECK(minor(detail.at("performance")
                  .as_object()
                  .at("intervals")
                  .as_array()
                  .at(0)
                  .as_object()
                  .at("gmv")
                  .as_object()
                  .at("amount")) == vwant.gmv);
  CHECK(detail.at("engagement_data").as_object().at("total_views").to_number<std::int64_t>() > 0);
  rejected(call(s.client, "GET", "/analytics/202409/shop_videos/1/performance", range), 400, 36009004);

  // A LIVE session now, and orders placed during it.
  s.client.sync_clock();
  const std::int64_t now = s.client.sandbox_now();
  const auto live =
      s.client
          .admin(
              "POST", "/_sandbox/lives",
              json::object{
                  {"shop_id", s.shop_id}, {"start_time", now - 60}, {"end_time", now + 3600}, {"title", "Test LIVE"}})
          .as_object();
  s.client.admin("POST", "/_sandbox/orders", json::object{{"shop_id", s.shop_id}, {"count", 30}});
  // Pay them so they count.
  const auto t_now = truth(s.client, s.shop_id);
  for (const auto& ov : t_now.at("orders").as_array()) {
    const auto& o = ov.as_object();
    if (o.at("create_time").to_number<std::int64_t>() >= now - 60 && o.at("status") == "UNPAID") {
      s.client.admin("POST", "/_sandbox/orders/" + str(o.at("id")) + "/status",
                     json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}});
    }
  }
  const std::string to_live = "2026-01-03";
  auto [t3, lives] = consistent(s.client, s.shop_id, [&] {
    return ok(call(s.client, "GET", "/analytics/202508/shop_lives/performance",
                   {{"start_date_ge", kFrom}, {"end_date_lt", to_live}, {"page_size", "100"}}));
  });
  const auto lsource = attribution(t3);
  bool found = false;
  for (const auto& lv : lives.at("live_stream_sessions").as_array()) {
    const auto& l = lv.as_object();
    const std::string key = "LIVE:" + str(l.at("id"));
    const auto want =
        recompute(t3, kFrom, "2026-01-03", [&](const json::object& o) { return lsource.at(str(o.at("id"))) == key; });
    const auto& sales = l.at("sales_performance").as_object();
    CHECK(minor(sales.at("gmv").as_object().at("amount")) == want.gmv);
    CHECK(sales.at("unit_sold").to_number<std::int64_t>() == want.units);
    CHECK(sales.at("sku_orders").to_number<std::int64_t>() == want.sku_orders);
    CHECK(sales.at("customers").to_number<std::int64_t>() == static_cast<std::int64_t>(want.buyers.size()));
    if (l.at("id") == live.at("id")) {
      found = true;
      CHECK(l.at("title") == "Test LIVE");
      CHECK(str(l.at("start_time")) == std::to_string(now - 60));
      CHECK(want.orders > 0);  // most orders placed during the session come from it
    }
  }
  CHECK(found);
  // The overview adds up every LIVE-attributed order.
  auto [t4, overview] = consistent(s.client, s.shop_id, [&] {
    return ok(call(s.client, "GET", "/analytics/202508/shop_lives/overview_performance",
                   {{"start_date_ge", kFrom}, {"end_date_lt", to_live}}));
  });
  const auto osource = attribution(t4);
  const auto owant = recompute(
      t4, kFrom, to_live, [&](const json::object& o) { return osource.at(str(o.at("id"))).rfind("LIVE:", 0) == 0; });
  const auto& oi = overview.at("performance").as_object().at("intervals").as_array().at(0).as_object();
  CHECK(minor(oi.at("gmv").as_object().at("amount")) == owant.gmv);
  CHECK(oi.at("units_sold").to_number<std::int64_t>() == owant.units);
  CHECK(oi.at("customers").to_number<std::int64_t>() == static_cast<std::int64_t>(owant.buyers.size()));
  rejected(call(s.client, "GET", "/analytics/202508/shop_lives/performance",
                {{"start_date_ge", kFrom}, {"end_date_lt", to_live}, {"account_type", "BOTS"}}),
           400, 36009004);
  rejected(call(s.client, "GET", "/analytics/202508/shop_lives/overview_performance", {{"start_date_ge", kFrom}}), 400,
           36009004);
}
