// Analytics figures are computed on every request from the shop's real orders, so they always agree with
// GET /_sandbox/truth. Rules (so a test can recompute them):
//  - an order counts when it was paid (paid_time != 0, later cancellations included), on the local date
//    of its create_time; the shop's zone is its region's standard time (kUtcOffset, no DST);
//  - gmv = sum of line item sale prices; orders = count; units_sold = line items (one unit each);
//    buyers = distinct user_id; sku_orders = distinct (order, sku) pairs; avg_order_value = gmv / orders;
//  - currency USD converts the LOCAL sum at the fixed rate usd_per_unit (truth: analytics.usd_rate),
//    rounded to cents;
//  - an order belongs to a LIVE session when created inside its [start_time, end_time) and
//    bucket(order id, "live") < 70, else to a video posted before the order that promotes the product
//    of its first line item when bucket(order id, "video") < 35, else to the product card.
#pragma once
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../generator.hpp"
#include "../regions.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "ocean_common/rfc3339.hpp"

namespace tts_sandbox::analytics {

namespace json = boost::json;

struct Video {
  std::string id, title, username;
  std::int64_t post_time = 0;
  std::int64_t duration = 0;  // seconds
  std::vector<std::string> product_ids;
};

struct LiveSession {
  std::string id, title, username;
  std::int64_t start_time = 0, end_time = 0;
};

struct ContentStore : Extension {
  std::vector<Video> videos;
  std::vector<LiveSession> lives;
};

inline ContentStore& content(Shop& shop) { return shop.data.extension<ContentStore>("analytics"); }

// Standard-time UTC offsets of the regions (hours).
inline int utc_offset_seconds(const std::string& region) {
  static const std::map<std::string, int> hours{{"US", -8}, {"GB", 0}, {"ID", 7},  {"SG", 8}, {"MY", 8},  {"TH", 7},
                                                {"VN", 7},  {"PH", 8}, {"ES", 1},  {"IE", 0}, {"MX", -6}, {"DE", 1},
                                                {"FR", 1},  {"IT", 1}, {"BR", -3}, {"JP", 9}};
  auto it = hours.find(region);
  return (it == hours.end() ? 0 : it->second) * 3600;
}

// US dollars per unit of each currency (fixed, for the USD view).
inline double usd_per_unit(const std::string& currency) {
  static const std::map<std::string, double> rates{{"USD", 1.0},   {"GBP", 1.27},  {"EUR", 1.08},  {"IDR", 0.000063},
                                                   {"SGD", 0.74},  {"MYR", 0.21},  {"THB", 0.028}, {"VND", 0.00004},
                                                   {"PHP", 0.018}, {"MXN", 0.058}, {"BRL", 0.20},  {"JPY", 0.0067}};
  auto it = rates.find(currency);
  return it == rates.end() ? 1.0 : it->second;
}

// Calendar dates come from the one reader/writer shared with the plugins.
inline std::string civil_from_days(std::int64_t days) { return ocean::rfc3339::format_date(days); }

// YYYY-MM-DD, a real calendar date; 36009004 naming the parameter otherwise.
inline std::int64_t parse_date(const std::string& s, const char* name) {
  bool shaped = s.size() == 10;
  for (std::size_t i = 0; shaped && i < s.size(); ++i)
    shaped = (i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9');
  if (!shaped) throw bad_param(std::string(name) + " must be a date in YYYY-MM-DD format");
  const auto days = ocean::rfc3339::parse_date(s);
  if (!days) throw bad_param(std::string(name) + " is not a valid date: " + s);
  return *days;
}

struct Query {
  std::int64_t start_day = 0, end_day = 0;  // [start, end) in local days since the epoch
  bool daily = false;
  bool usd = false;
  bool with_comparison = false;
};

inline Query read_query(const ContextBase& c, bool takes_granularity, bool takes_comparison) {
  Query q;
  const auto s = c.query("start_date_ge");
  const auto e = c.query("end_date_lt");
  if (!s || s->empty()) throw bad_param("start_date_ge is a required field");
  if (!e || e->empty()) throw bad_param("end_date_lt is a required field");
  q.start_day = parse_date(*s, "start_date_ge");
  q.end_day = parse_date(*e, "end_date_lt");
  if (q.start_day >= q.end_day) throw bad_param("start_date_ge must be earlier than end_date_lt");
  if (q.end_day - q.start_day > 366) throw bad_param("the date range may span at most 366 days");
  const std::string currency = c.query("currency").value_or("LOCAL");
  if (currency != "USD" && currency != "LOCAL") throw bad_param("currency must be USD or LOCAL");
  q.usd = currency == "USD";
  if (takes_granularity) {
    const std::string g = c.query("granularity").value_or("ALL");
    if (g != "ALL" && g != "1D") throw bad_param("granularity must be ALL or 1D");
    q.daily = g == "1D";
  }
  if (takes_comparison) {
    const std::string w = c.query("with_comparison").value_or("false");
    if (w != "true" && w != "false") throw bad_param("with_comparison must be true or false");
    q.with_comparison = w == "true";
  }
  return q;
}

inline std::int64_t local_day(const Shop& shop, std::int64_t t) {
  const std::int64_t local = t + utc_offset_seconds(shop.region);
  return (local >= 0 ? local : local - 86399) / 86400;
}

inline std::string latest_available_date(const Shop& shop, std::int64_t now) {
  return civil_from_days(local_day(shop, now));
}

// An amount object {amount, currency} in the requested currency.
inline json::object amount_json(const Shop& shop, std::int64_t minor, bool usd) {
  if (!usd) return json::object{{"amount", money(shop, minor)}, {"currency", shop.currency}};
  const RegionInfo* r = find_region(shop.region);
  const double units = static_cast<double>(minor) / std::pow(10.0, r ? r->currency_decimals : 2);
  const auto cents = static_cast<std::int64_t>(std::llround(units * usd_per_unit(shop.currency) * 100.0));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return json::object{{"amount", buf}, {"currency", "USD"}};
}

inline std::string ratio(std::int64_t num, std::int64_t den) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den));
  return buf;
}

// Where an order came from: "LIVE:<id>", "VIDEO:<id>" or "PRODUCT_CARD".
inline std::string attribution(Shop& shop, const Order& o) {
  auto& store = content(shop);
  if (support::bucket(o.id, "live") < 70) {
    for (const auto& l : store.lives)
      if (o.create_time >= l.start_time && o.create_time < l.end_time) return "LIVE:" + l.id;
  }
  if (!o.line_items.empty() && support::bucket(o.id, "video") < 35) {
    const std::string& product = o.line_items.front().product_id;
    for (const auto& v : store.videos) {
      if (v.post_time <= o.create_time &&
          std::find(v.product_ids.begin(), v.product_ids.end(), product) != v.product_ids.end()) {
        return "VIDEO:" + v.id;
      }
    }
  }
  return "PRODUCT_CARD";
}

inline std::string channel_of(const std::string& attribution) { return attribution.substr(0, attribution.find(':')); }

// Sums over a set of line items of counted orders.
struct Metrics {
  std::int64_t gmv = 0, orders = 0, units = 0, sku_orders = 0, created_sku_orders = 0;
  std::set<std::string> buyers;
  std::set<std::string> products;

  // Adds the order's line items that pass `keep` (all when it keeps everything); paid orders only,
  // except created_sku_orders which counts unpaid ones too.
  template <class Keep>
  void add(const Order& o, Keep keep) {
    std::set<std::string> skus;
    std::int64_t g = 0, u = 0;
    for (const auto& li : o.line_items) {
      if (!keep(li)) continue;
      skus.insert(li.sku_id);
      g += li.sale_price_minor;
      ++u;
      if (o.paid_time != 0) products.insert(li.product_id);
    }
    if (u == 0) return;
    created_sku_orders += static_cast<std::int64_t>(skus.size());
    if (o.paid_time == 0) return;
    gmv += g;
    units += u;
    ++orders;
    sku_orders += static_cast<std::int64_t>(skus.size());
    buyers.insert(o.user_id);
  }
  void add(const Order& o) {
    add(o, [](const LineItem&) { return true; });
  }
};

// Calls f(order) for every order created in local days [from, to).
template <class F>
void for_orders_in(Shop& shop, std::int64_t from_day, std::int64_t to_day, F f) {
  const std::int64_t offset = utc_offset_seconds(shop.region);
  const std::int64_t from = from_day * 86400 - offset, to = to_day * 86400 - offset;
  const auto& index = shop.data.orders_by_create;
  for (auto it = index.lower_bound({from, ""}); it != index.end() && it->first < to; ++it) {
    f(shop.data.orders.at(it->second));
  }
}

// The intervals of a query: one for ALL, one per day for 1D; shifted back one period for comparison.
inline std::vector<std::pair<std::int64_t, std::int64_t>> intervals(const Query& q, bool comparison) {
  const std::int64_t len = q.end_day - q.start_day;
  const std::int64_t start = comparison ? q.start_day - len : q.start_day;
  const std::int64_t end = comparison ? q.start_day : q.end_day;
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  if (!q.daily) {
    out.emplace_back(start, end);
  } else {
    for (std::int64_t d = start; d < end; ++d) out.emplace_back(d, d + 1);
  }
  return out;
}

// Deterministic traffic for a (key, day): impressions and page views grow with the units sold.
inline std::int64_t impressions(const std::string& key, std::int64_t day, std::int64_t units) {
  return 150 + static_cast<std::int64_t>(Rng::hash(key + "/imp/" + std::to_string(day)) % 600) + units * 45;
}

}  // namespace tts_sandbox::analytics
