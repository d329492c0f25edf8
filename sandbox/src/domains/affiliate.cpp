// Affiliate, seller side (reference §8): open collaborations (create, search), the creator marketplace
// (search, get one creator) and affiliate orders. An affiliate order is a real order of the shop that
// sold a product under an open collaboration created before the order, attributed (by a stable hash of
// the order id) to a generated creator; its commission is the SKU price times the rate in effect then.
#include <algorithm>
#include <cctype>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using support::bucket;
constexpr std::int64_t kDay = 86400;

struct Creator {
  std::string user_id, username, nickname;
  std::int64_t followers = 0;
  std::int64_t gmv_major = 0;  // last-30-day marketplace GMV in whole units of the shop currency
  std::int64_t units_sold = 0;
  std::int64_t video_views = 0, live_uv = 0;
  int video_share = 0;  // percent of GMV from videos (the rest from LIVE)
  std::vector<std::string> category_ids;
  std::string major_gender;
  std::int64_t gender_percentage = 0;  // hundredths of a percent
  std::vector<std::string> age_ranges;
};

struct Collaboration {
  std::string id, product_id;
  std::int64_t create_time = 0;
  bool require_approval = false;
  std::vector<std::pair<std::int64_t, std::int64_t>> rates;  // (start_time, rate in 1/100 %), by time
};

struct AffiliateStore : Extension {
  std::vector<Creator> creators;
  std::map<std::string, Collaboration> collaborations;  // by id
  std::map<std::string, std::string> collaboration_of_product;
};

AffiliateStore& store_of(Shop& shop) { return shop.data.extension<AffiliateStore>("affiliate"); }

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

json::object amount(const std::string& text, const std::string& currency) {
  return json::object{{"amount", text}, {"currency", currency}};
}

// ---- generation ---------------------------------------------------------------------------------------

void generate(World& world, Shop& shop, const GenParams&, Rng& rng) {
  auto& store = store_of(shop);
  const std::int64_t now = world.clock.now();
  std::vector<std::string> categories;
  for (const auto& [id, p] : shop.data.products) categories.push_back(p.category_id);
  static const char* const kAges[] = {"AGE_RANGE_18_24", "AGE_RANGE_25_34", "AGE_RANGE_35_44", "AGE_RANGE_45_54",
                                      "AGE_RANGE_55_AND_ABOVE"};
  for (int i = 0; i < 40; ++i) {
    Creator c;
    c.user_id = "69" + world.new_numeric_id(17);
    c.username = "creator_" + lower(rng.alnum(8));
    c.nickname = "Creator " + rng.alnum(4);
    c.followers = rng.range(1000, 2000000);
    c.gmv_major = rng.chance(0.2) ? rng.range(0, 99) : rng.range(100, 50000);
    c.units_sold = rng.range(0, 5000);
    c.video_views = rng.range(500, 200000);
    c.live_uv = rng.range(0, 20000);
    c.video_share = static_cast<int>(rng.range(20, 90));
    for (int k = 0; k < 2 && !categories.empty(); ++k) {
      c.category_ids.push_back(
          categories[static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(categories.size()) - 1))]);
    }
    c.major_gender = rng.chance(0.6) ? "FEMALE" : "MALE";
    c.gender_percentage = rng.range(5001, 9000);
    const auto first = static_cast<std::size_t>(rng.range(0, 2));
    for (std::size_t k = first; k < first + 3; ++k) c.age_ranges.push_back(kAges[k]);
    store.creators.push_back(std::move(c));
  }
  // Open collaborations on about a third of the live products, older than the generated orders.
  for (const auto& [id, p] : shop.data.products) {
    if (p.status != "ACTIVATE" || !rng.chance(0.35)) continue;
    Collaboration col;
    col.id = "73" + world.new_numeric_id(17);
    col.product_id = id;
    col.create_time = now - 40 * kDay - rng.range(0, 10 * kDay);
    col.require_approval = rng.chance(0.3);
    col.rates.emplace_back(col.create_time, rng.range(5, 30) * 100);
    store.collaboration_of_product[id] = col.id;
    store.collaborations.emplace(col.id, std::move(col));
  }
}

// ---- creators -----------------------------------------------------------------------------------------

json::object creator_json(const Shop& shop, const Creator& c, bool detail) {
  const std::int64_t gmv_minor = c.gmv_major * (money(shop, 100) == "100" ? 1 : 100);
  const std::int64_t video = gmv_minor * c.video_share / 100;
  json::array cats;
  for (const auto& id : c.category_ids) cats.push_back(json::value(id));
  json::array ages;
  for (const auto& a : c.age_ranges) ages.push_back(json::value(a));
  json::object o{{"user_id", c.user_id},
                 {"username", c.username},
                 {"nickname", c.nickname},
                 {"avatar", json::object{{"url", "https://p16-sign-va.tiktokcdn.com/sandbox/" + c.user_id + ".jpeg"}}},
                 {"follower_count", c.followers},
                 {"category_ids", cats},
                 {"selection_region", shop.region},
                 {"gmv", amount(money(shop, gmv_minor), shop.currency)},
                 {"video_gmv", amount(money(shop, video), shop.currency)},
                 {"live_gmv", amount(money(shop, gmv_minor - video), shop.currency)},
                 {"avg_ec_video_view_count", c.video_views},
                 {"avg_ec_live_uv", c.live_uv}};
  if (detail) {
    o["units_sold"] = c.units_sold;
    o["bio_description"] = "Sandbox creator " + c.nickname;
    o["profile_tt_uri"] = "https://www.tiktok.com/@" + c.username;
    o["ec_video_count"] = c.video_views / 1000;
    o["ec_live_count"] = c.live_uv / 500;
    o["promoted_product_num"] = static_cast<std::int64_t>(c.category_ids.size()) * 7;
    o["avg_commission_rate"] = 1000 + static_cast<std::int64_t>(Rng::hash(c.user_id) % 1500);
  } else {
    o["top_follower_demographics"] =
        json::object{{"age_ranges", ages},
                     {"major_gender", json::object{{"gender", c.major_gender}, {"percentage", c.gender_percentage}}}};
  }
  return o;
}

bool in_ranges(std::int64_t v, const std::vector<std::string>& ranges, const std::string& prefix) {
  if (ranges.empty()) return true;
  for (const auto& r : ranges) {
    // PREFIX_<lo>_<hi> or PREFIX_<lo>_AND_ABOVE, both bounds inclusive as documented.
    const std::string rest = r.substr(prefix.size());
    const auto sep = rest.find('_');
    const std::int64_t lo = std::stoll(rest.substr(0, sep));
    const std::string hi = rest.substr(sep + 1);
    if (v >= lo && (hi == "AND_ABOVE" || v <= std::stoll(hi))) return true;
  }
  return false;
}

json::value search_creators(ApiContext& c) {
  Shop& shop = c.the_shop();
  if (c.page_size != 12 && c.page_size != 20) throw bad_param("The value of page_size must be 12 or 20.");
  const auto& b = c.body();
  const std::string keyword = lower(fields::opt_string(b, "keyword").value_or(""));
  const auto gmv = support::opt_enum_array(
                       b, "gmv_ranges",
                       {"GMV_RANGE_0_100", "GMV_RANGE_100_1000", "GMV_RANGE_1000_10000", "GMV_RANGE_10000_AND_ABOVE"})
                       .value_or(std::vector<std::string>{});
  const auto units = support::opt_enum_array(b, "units_sold_ranges",
                                             {"UNITS_SOLD_RANGE_0_10", "UNITS_SOLD_RANGE_10_100",
                                              "UNITS_SOLD_RANGE_100_1000", "UNITS_SOLD_RANGE_1000_AND_ABOVE"})
                         .value_or(std::vector<std::string>{});
  std::int64_t count_ge = 0, count_le = -1, gender_ge = 0;
  std::string gender;
  std::vector<std::string> ages;
  if (const json::object* fd = fields::opt_object(b, "follower_demographics")) {
    if (const json::object* cr = fields::opt_object(*fd, "count_range")) {
      count_ge = fields::opt_int(*cr, "count_ge").value_or(0);
      count_le = fields::opt_int(*cr, "count_le").value_or(-1);
      if (count_ge < 0) throw bad_param("follower_demographics.count_range.count_ge must be >= 0");
    }
    ages = support::opt_enum_array(
               *fd, "age_ranges",
               {"AGE_RANGE_18_24", "AGE_RANGE_25_34", "AGE_RANGE_35_44", "AGE_RANGE_45_54", "AGE_RANGE_55_AND_ABOVE"})
               .value_or(std::vector<std::string>{});
    if (const json::object* gd = fields::opt_object(*fd, "gender_distribution")) {
      gender = support::opt_enum(*gd, "gender", {"MALE", "FEMALE"}).value_or("");
      gender_ge = fields::opt_int(*gd, "percentage_ge").value_or(0);
      if (gender_ge < 0 || gender_ge > 10000) throw bad_param("gender_distribution.percentage_ge must be 0-10000");
    }
  }
  // The search key pins the filters: a later page must be asked with the same search.
  const std::string search_key =
      "sk" + std::to_string(Rng::hash(shop.id + "|" + json::serialize(b) + "|" + std::to_string(c.page_size)) %
                            1000000000000ULL);
  if (auto given = fields::opt_string(b, "search_key"); given && !given->empty()) {
    json::object without = b;
    without.erase("search_key");
    const std::string expected =
        "sk" + std::to_string(Rng::hash(shop.id + "|" + json::serialize(without) + "|" + std::to_string(c.page_size)) %
                              1000000000000ULL);
    if (*given != expected) throw bad_param("search_key does not belong to this search");
  }
  const std::string sort = "follower_count:DESC";
  const auto cursor = support::read_cursor(c.query("page_token"), sort);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  const auto& creators = store_of(shop).creators;
  for (std::size_t i = 0; i < creators.size(); ++i) {
    const Creator& cr = creators[i];
    if (!keyword.empty() && lower(cr.username).find(keyword) == std::string::npos &&
        lower(cr.nickname).find(keyword) == std::string::npos) {
      continue;
    }
    if (!in_ranges(cr.gmv_major, gmv, "GMV_RANGE_") || !in_ranges(cr.units_sold, units, "UNITS_SOLD_RANGE_")) continue;
    if (cr.followers < count_ge || (count_le >= 0 && cr.followers > count_le)) continue;
    if (!gender.empty() &&
        (cr.major_gender == gender ? cr.gender_percentage : 10000 - cr.gender_percentage) < gender_ge) {
      continue;
    }
    if (!ages.empty() && std::none_of(ages.begin(), ages.end(), [&](const std::string& a) {
          return std::find(cr.age_ranges.begin(), cr.age_ranges.end(), a) != cr.age_ranges.end();
        })) {
      continue;
    }
    entries.emplace_back(cr.followers, cr.user_id);
  }
  auto page = support::page_entries(std::move(entries), sort, false, c.page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) {
    auto it = std::find_if(creators.begin(), creators.end(), [&](const Creator& x) { return x.user_id == id; });
    out.push_back(creator_json(shop, *it, false));
  }
  std::string key = search_key;
  if (auto given = fields::opt_string(b, "search_key"); given && !given->empty()) key = *given;
  return json::object{{"creators", out}, {"next_page_token", page.next_page_token}, {"search_key", key}};
}

json::value get_creator(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& creators = store_of(shop).creators;
  const std::string& id = c.path_param("creator_user_id");
  auto it = std::find_if(creators.begin(), creators.end(), [&](const Creator& x) { return x.user_id == id; });
  if (it == creators.end()) throw bad_param("creator_user_id " + id + " does not exist in the creator marketplace");
  return json::object{{"creator", creator_json(shop, *it, true)}};
}

// ---- open collaborations ----------------------------------------------------------------------------

std::int64_t rate_at(const Collaboration& col, std::int64_t t) {
  std::int64_t rate = 0;
  for (const auto& [start, r] : col.rates)
    if (start <= t) rate = r;
  return rate;
}

json::object collaboration_json(const Shop& shop, const Collaboration& col) {
  const Product& p = shop.data.products.at(col.product_id);
  std::int64_t lo = INT64_MAX, hi = 0, stock = 0;
  for (const auto& s : p.skus) {
    const std::int64_t original = s.list_price_minor > 0 ? s.list_price_minor : s.price_minor;
    lo = std::min(lo, original);
    hi = std::max(hi, original);
    for (const auto& [w, q] : s.inventory) stock += q;
  }
  const char* status = p.status == "ACTIVATE"             ? (stock > 0 ? "LIVE" : "OUT_OF_STOCK")
                       : p.status == "SELLER_DEACTIVATED" ? "SELLER_DEACTIVATE"
                       : p.status == "DELETED"            ? "DELETE"
                                                          : "OTHER";
  return json::object{
      {"id", col.id},
      {"product",
       json::object{{"id", p.id},
                    {"title", p.title},
                    {"status", status},
                    {"inventory", stock},
                    {"main_image_url",
                     "https://p16-oec-va.ibyteimg.com/" + (p.main_images.empty() ? p.id : p.main_images.front())},
                    {"original_price", json::object{{"currency", shop.currency},
                                                    {"minimum_amount", money(shop, lo == INT64_MAX ? 0 : lo)},
                                                    {"maximum_amount", money(shop, hi)}}}}},
      {"current_commission",
       json::object{{"rate", col.rates.back().second}, {"start_time", col.rates.back().first}, {"end_time", 0}}},
      {"require_seller_approve_creator", col.require_approval},
      {"status", "NORMAL"},
      {"content_creator_count", static_cast<std::int64_t>(bucket(col.id, "content") % 20)},
      {"showcase_creator_count", static_cast<std::int64_t>(bucket(col.id, "showcase") % 40)}};
}

json::value create_collaboration(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string pid = fields::req_string(b, "product_id");
  const auto rate = fields::opt_int(b, "commission_rate");
  if (!rate) throw bad_param("commission_rate is a required field");
  if (*rate < 100 || *rate > 8000) {
    throw bad_param("commission_rate must be 100-8000 (hundredths of a percent: 1.00% to 80.00%)");
  }
  const bool approve = fields::opt_bool(b, "require_seller_approve_creator").value_or(false);
  auto p = shop.data.products.find(pid);
  if (p == shop.data.products.end()) throw bad_param("product_id " + pid + " does not exist in this shop");
  if (p->second.status != "ACTIVATE")
    throw bad_param("product " + pid + " is not live (status " + p->second.status + ")");
  auto& store = store_of(shop);
  // One open collaboration per product: a second call changes its terms from now on.
  auto existing = store.collaboration_of_product.find(pid);
  Collaboration* col = nullptr;
  if (existing != store.collaboration_of_product.end()) {
    col = &store.collaborations.at(existing->second);
  } else {
    Collaboration fresh;
    fresh.id = "73" + c.world.new_numeric_id(17);
    fresh.product_id = pid;
    fresh.create_time = c.now;
    store.collaboration_of_product[pid] = fresh.id;
    col = &store.collaborations.emplace(fresh.id, std::move(fresh)).first->second;
  }
  col->require_approval = approve;
  if (!col->rates.empty() && col->rates.back().first == c.now)
    col->rates.back().second = *rate;
  else
    col->rates.emplace_back(c.now, *rate);
  return json::object{{"open_collaboration_id", col->id}, {"product_id", pid}};
}

json::value search_collaborations(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const auto keyword = fields::opt_string(b, "keyword");
  const auto type = support::opt_enum(b, "keyword_type", {"PRODUCT_ID", "PRODUCT_NAME"});
  if (keyword && !type) throw bad_param("keyword_type is required with keyword");
  const auto category = fields::opt_string(b, "top_level_category_id");
  const std::string field = c.query("sort_field").value_or("create_time");
  if (field != "create_time" && field != "product_original_price") throw bad_param("sort_field is invalid: " + field);
  const std::string order = c.query("sort_order").value_or("DESC");
  if (order != "ASC" && order != "DESC") throw bad_param("sort_order must be ASC or DESC");
  const std::string sort = field + ":" + order;
  const auto cursor = support::read_cursor(c.query("page_token"), sort);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, col] : store_of(shop).collaborations) {
    const Product& p = shop.data.products.at(col.product_id);
    if (keyword && *type == "PRODUCT_ID" && p.id != *keyword) continue;
    if (keyword && *type == "PRODUCT_NAME" && lower(p.title).find(lower(*keyword)) == std::string::npos) continue;
    if (category && p.category_id != *category) continue;
    if (p.status == "DELETED") continue;
    std::int64_t key = col.create_time;
    if (field == "product_original_price") {
      key = 0;
      for (const auto& s : p.skus) key = std::max(key, s.list_price_minor > 0 ? s.list_price_minor : s.price_minor);
    }
    entries.emplace_back(key, id);
  }
  auto page = support::page_entries(std::move(entries), sort, order == "ASC", c.page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(collaboration_json(shop, store_of(shop).collaborations.at(id)));
  return json::object{
      {"open_collaborations", out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

// ---- affiliate orders ---------------------------------------------------------------------------------

// The affiliate view of an order, or null when no open collaboration covers it.
json::value affiliate_order(Shop& shop, const Order& o) {
  auto& store = store_of(shop);
  if (store.creators.empty() || bucket(o.id, "affiliate") >= 40) return nullptr;
  const Creator& creator = store.creators[Rng::hash(o.id + "/creator") % store.creators.size()];
  static const char* const kContent[] = {"VIDEO", "LIVE", "SHOWCASE"};
  const std::string content_type = kContent[bucket(o.id, "content") % 3];
  std::map<std::string, std::vector<const LineItem*>> by_sku;
  for (const auto& li : o.line_items) by_sku[li.sku_id].push_back(&li);
  // Quantities returned or refunded through completed returns.
  std::map<std::string, std::int64_t> refunded, returned;
  auto& returns = returns_store(shop);
  if (auto r = returns.return_of_order.find(o.id); r != returns.return_of_order.end()) {
    const ReturnRecord& rec = returns.returns.at(r->second);
    if (rec.status == "RETURN_OR_REFUND_REQUEST_COMPLETE") {
      for (const auto& id : rec.line_item_ids)
        if (const LineItem* li = find_line(o, id)) ++(rec.type == "REFUND" ? refunded : returned)[li->sku_id];
    }
  }
  json::array skus;
  for (const auto& [sku_id, items] : by_sku) {
    const LineItem& li = *items.front();
    auto col_id = store.collaboration_of_product.find(li.product_id);
    if (col_id == store.collaboration_of_product.end()) continue;
    const Collaboration& col = store.collaborations.at(col_id->second);
    if (col.create_time > o.create_time) continue;
    const std::int64_t rate = rate_at(col, o.create_time);
    const auto qty = static_cast<std::int64_t>(items.size());
    const std::int64_t base = li.sale_price_minor * qty;
    const std::int64_t kept =
        o.status == "COMPLETED" ? li.sale_price_minor * (qty - refunded[sku_id] - returned[sku_id]) : 0;
    skus.push_back(
        json::object{{"product_id", li.product_id},
                     {"open_collaboration_id", col.id},
                     {"target_collaboration_id", ""},
                     {"campaign_id", ""},
                     {"creator_username", creator.username},
                     {"content_type", content_type},
                     {"content_id", "73" + std::to_string(Rng::hash(o.id + "/content") % 100000000000000000ULL)},
                     {"commission_model", "FIXED"},
                     {"commission_rate", std::to_string(rate)},
                     {"price", amount(money(shop, li.sale_price_minor), shop.currency)},
                     {"quantity", qty},
                     {"refunded_quantity", refunded[sku_id]},
                     {"returned_quantity", returned[sku_id]},
                     {"estimated_commission_base", amount(money(shop, base), shop.currency)},
                     {"estimated_paid_commission", amount(money(shop, base * rate / 10000), shop.currency)},
                     {"actual_commission_base", amount(money(shop, kept), shop.currency)},
                     {"actual_paid_commission", amount(money(shop, kept * rate / 10000), shop.currency)}});
  }
  if (skus.empty()) return nullptr;
  std::int64_t delivered = 0;
  for (std::size_t i = 0; i < o.next_step && i < o.plan.size(); ++i)
    if (o.plan[i].status == "DELIVERED") delivered = o.plan[i].at;
  const char* status = o.status == "COMPLETED" ? "COMPLETED" : o.status == "CANCELLED" ? "CANCELLED" : "PROCESSING";
  return json::object{
      {"id", o.id}, {"create_time", o.create_time}, {"delivery_time", delivered}, {"status", status}, {"skus", skus}};
}

json::value search_affiliate_orders(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const auto window = support::read_window(b, "create_time_ge", "create_time_lt");
  const auto program = fields::opt_string(b, "program_id");
  const std::string sort = "create_time:DESC";
  const auto cursor = support::read_cursor(c.query("page_token"), sort);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  std::map<std::string, json::value> views;
  for (const auto& [key, id] : shop.data.orders_by_create) {
    const Order& o = shop.data.orders.at(id);
    if (!window.matches(o.create_time)) continue;
    json::value v = affiliate_order(shop, o);
    if (v.is_null()) continue;
    if (program) {
      bool found = false;
      for (const auto& s : v.as_object().at("skus").as_array())
        found = found || s.as_object().at("open_collaboration_id").as_string() == *program;
      if (!found) continue;
    }
    entries.emplace_back(o.create_time, id);
    views.emplace(id, std::move(v));
  }
  auto page = support::page_entries(std::move(entries), sort, false, c.page_size, cursor, c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(views.at(id));
  return json::object{{"orders", out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/affiliate_seller/202405/open_collaborations", ShopScope::kRequired, std::nullopt,
                 create_collaboration});
  r.add(ApiRoute{"POST", "/affiliate_seller/202409/open_collaborations/search", ShopScope::kRequired,
                 PageSizeRule{true, 1, 100}, search_collaborations});
  r.add(ApiRoute{"POST", "/affiliate_seller/202406/marketplace_creators/search", ShopScope::kRequired,
                 PageSizeRule{true, 12, 20}, search_creators});
  r.add(ApiRoute{"GET", "/affiliate_seller/202406/marketplace_creators/{creator_user_id}", ShopScope::kRequired,
                 std::nullopt, get_creator});
  r.add(ApiRoute{"POST", "/affiliate_seller/202410/orders/search", ShopScope::kRequired, PageSizeRule{true, 1, 100},
                 search_affiliate_orders});
}

void truth(const Shop& shop, json::object& out) {
  Shop& s = const_cast<Shop&>(shop);  // the stores are only read
  json::array creators, collaborations, orders;
  for (const auto& c : store_of(s).creators) {
    json::object o = creator_json(shop, c, true);
    o["units_sold"] = c.units_sold;
    creators.push_back(std::move(o));
  }
  for (const auto& [id, col] : store_of(s).collaborations) {
    json::object o = collaboration_json(shop, col);
    json::array rates;
    for (const auto& [start, rate] : col.rates) rates.push_back(json::object{{"start_time", start}, {"rate", rate}});
    o["rate_history"] = std::move(rates);
    o["create_time"] = col.create_time;
    collaborations.push_back(std::move(o));
  }
  for (const auto& [key, id] : shop.data.orders_by_create) {
    json::value v = affiliate_order(s, shop.data.orders.at(id));
    if (!v.is_null()) orders.push_back(std::move(v));
  }
  out["creators"] = std::move(creators);
  out["open_collaborations"] = std::move(collaborations);
  out["affiliate_orders"] = std::move(orders);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"affiliate", register_routes, nullptr, generate, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
