// Coupons (reference §3.6, version 202406): read only, as in the real API (coupons are made in Seller
// Center, the Seller App or TikTok Shop CRM). POST /promotion/202406/coupons/search filters by status,
// exact title and display type with keyset paging; GET /promotion/202406/coupons/{coupon_id} adds the
// channels, usage and product scope. Each shop gets a few coupons around the start time; a coupon's status
// follows the sandbox clock over its claim period. create_time/update_time are milliseconds, as in the
// documented samples (reference §6.12).
#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
constexpr std::int64_t kDay = 86400;

struct Coupon {
  std::string id, title, display_type, promo_code, segment = "ALL";
  std::int64_t claim_start = 0, claim_end = 0, create_time = 0, update_time = 0;
  bool deactivated = false, percent = false;
  std::int64_t amount_minor = 0, percentage = 0, min_spend_minor = 0;
  std::int64_t claim_limit = 1, total_limit = 1000, claimed = 0, redeemed = 0;
  std::vector<std::string> product_ids;  // empty = FULL_SHOP

  std::string status(std::int64_t now) const {
    if (deactivated) return "DEACTIVATED";
    if (now < claim_start) return "NOT_START";
    return now < claim_end ? "ONGOING" : "EXPIRED";
  }
};

struct CouponStore : Extension {
  std::map<std::string, Coupon> coupons;
};
CouponStore& coupon_store(Shop& shop) { return shop.data.extension<CouponStore>("coupons"); }

json::object price(const Shop& shop, std::int64_t minor) {
  return json::object{{"amount", money(shop, minor)}, {"currency", shop.currency}};
}

json::object coupon_json(const Shop& shop, const Coupon& k, std::int64_t now, bool detail) {
  json::object discount{{"type", k.percent ? "PERCENT_OFF" : "AMOUNT_OFF"}};
  if (k.percent) {
    discount["percentage"] = std::to_string(k.percentage);
    discount["max_discount"] = price(shop, k.amount_minor);
  } else {
    discount["reduction_amount"] = price(shop, k.amount_minor);
  }
  json::object threshold{{"type", k.min_spend_minor > 0 ? "MIN_SPEND" : "NONE"}};
  if (k.min_spend_minor > 0) threshold["min_spend"] = price(shop, k.min_spend_minor);
  json::object out{
      {"id", k.id},
      {"title", k.title},
      {"display_type", k.display_type},
      {"status", k.status(now)},
      {"create_time", k.create_time * 1000},
      {"update_time", k.update_time * 1000},
      {"claim_duration", json::object{{"start_time", k.claim_start}, {"end_time", k.claim_end}}},
      {"redemption_duration",
       json::object{{"type", "ABSOLUTE"}, {"start_time", k.claim_start}, {"end_time", k.claim_end + 7 * kDay}}},
      {"target_buyer_segment", k.segment},
      {"usage_limits", json::object{{"single_buyer_claim_limit", k.claim_limit}, {"total_claim_limit", k.total_limit}}},
      {"discount", discount},
      {"threshold", threshold},
      {"product_scope", k.product_ids.empty() ? "FULL_SHOP" : "SPECIFIC_PRODUCTS"},
      {"creation_source", "SELLER_CENTER"}};
  if (!k.promo_code.empty()) out["promo_code"] = k.promo_code;
  if (detail) {
    out["display_channels"] = json::array{k.display_type == "PROMO_CODE" ? "PRIVATE" : "ALL"};
    out["usage_stats"] = json::object{{"claimed_count", k.claimed}, {"redeemed_count", k.redeemed}};
    json::array ids;
    for (const auto& p : k.product_ids) ids.push_back(json::value(p));
    if (!k.product_ids.empty()) out["product_ids"] = ids;
    out["seller_tnc"] = "One coupon per order. Not combinable with other seller coupons.";
  }
  return out;
}

json::value search_coupons(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const auto statuses = support::opt_enum_array(b, "status", {"NOT_START", "ONGOING", "EXPIRED", "DEACTIVATED"});
  const auto keyword = fields::opt_string(b, "title_keyword");
  if (keyword && (keyword->empty() || keyword->size() > 100)) throw bad_param("title_keyword must be 1-100 characters");
  const auto types =
      support::opt_enum_array(b, "display_type", {"REGULAR", "LIVE", "CREATOR_EXCLUSIVE", "CHAT", "PROMO_CODE"});
  for (const auto& [k, v] : b) {
    if (k != "status" && k != "title_keyword" && k != "display_type")
      throw bad_param("unknown field " + std::string(k));
  }
  const std::string sort = "create_time:DESC";
  const auto cursor = support::read_cursor(c.query("page_token"), sort);
  const std::int64_t snapshot = cursor ? cursor->snapshot : c.now;
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, k] : coupon_store(shop).coupons) {
    if (!support::contains(statuses, k.status(c.now)) || !support::contains(types, k.display_type)) continue;
    if (keyword && k.title != *keyword) continue;  // exact match, no fuzzy search (reference §3.6)
    entries.emplace_back(k.create_time, id);
  }
  const int page_size = c.page_size == 0 ? 50 : c.page_size;
  auto page = support::page_entries(std::move(entries), sort, false, page_size, cursor, snapshot);
  json::array out;
  for (const auto& id : page.ids) out.push_back(coupon_json(shop, coupon_store(shop).coupons.at(id), c.now, false));
  return json::object{{"coupons", out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

json::value get_coupon(ApiContext& c) {
  Shop& shop = c.the_shop();
  const std::string& id = c.path_param("coupon_id");
  auto& all = coupon_store(shop).coupons;
  auto it = all.find(id);
  if (it == all.end()) throw bad_param("coupon_id " + id + " does not exist in this shop");
  return json::object{{"coupon", coupon_json(shop, it->second, c.now, true)}};
}

void register_routes(ApiRouter& r) {
  r.add(ApiRoute{"POST", "/promotion/202406/coupons/search", ShopScope::kRequired, PageSizeRule{false, 1, 100},
                 search_coupons});
  r.add(ApiRoute{"GET", "/promotion/202406/coupons/{coupon_id}", ShopScope::kRequired, std::nullopt, get_coupon});
}

// Five coupons per shop: ongoing amount-off, ongoing percent-off on two products, a promo code, an
// upcoming LIVE coupon and an expired one, plus one the seller deactivated.
void generate(World& world, Shop& shop, const GenParams&, Rng& rng) {
  const std::int64_t now = world.clock.now();
  // One "unit" of money that looks plausible in the shop's currency (IDR and VND count in thousands).
  const std::int64_t unit = shop.currency == "IDR"   ? 100000
                            : shop.currency == "VND" ? 2000000
                            : shop.currency == "JPY" ? 10000
                                                     : 100;
  std::vector<std::string> products;
  for (const auto& [id, p] : shop.data.products)
    if (p.status == "ACTIVATE" && products.size() < 2) products.push_back(id);
  struct Plan {
    const char* title;
    const char* type;
    std::int64_t begin, end;
    bool percent, deactivated, specific;
  };
  const Plan plans[] = {{"Welcome 5 off", "REGULAR", now - 10 * kDay, now + 20 * kDay, false, false, false},
                        {"15% off bestsellers", "REGULAR", now - 2 * kDay, now + 5 * kDay, true, false, true},
                        {"Code SAVE10", "PROMO_CODE", now - kDay, now + 30 * kDay, false, false, false},
                        {"Friday LIVE deal", "LIVE", now + 3 * kDay, now + 4 * kDay, true, false, false},
                        {"Spring sale", "REGULAR", now - 60 * kDay, now - 30 * kDay, false, false, false},
                        {"Stopped voucher", "CHAT", now - 5 * kDay, now + 5 * kDay, false, true, false}};
  for (const auto& p : plans) {
    Coupon k;
    k.id = "7" + world.new_numeric_id(18);
    k.title = p.title;
    k.display_type = p.type;
    k.claim_start = p.begin;
    k.claim_end = p.end;
    k.create_time = std::min(p.begin, now) - rng.range(kDay, 3 * kDay);
    k.update_time = p.deactivated ? now - kDay : k.create_time;
    k.deactivated = p.deactivated;
    k.percent = p.percent;
    k.percentage = p.percent ? rng.range(10, 20) : 0;
    k.amount_minor = rng.range(3, 10) * unit;
    k.min_spend_minor = rng.chance(0.5) ? rng.range(20, 50) * unit : 0;
    k.total_limit = rng.range(100, 5000);
    k.claimed = p.begin < now ? rng.range(0, k.total_limit / 2) : 0;
    k.redeemed = k.claimed / 2;
    if (std::string(p.type) == "PROMO_CODE") k.promo_code = "SAVE10" + rng.alnum(2);
    if (p.specific) k.product_ids = products;
    coupon_store(shop).coupons.emplace(k.id, std::move(k));
  }
}

void truth(const Shop& shop, json::object& out) {
  json::array list;
  for (const auto& [id, k] : const_cast<Shop&>(shop).data.extension<CouponStore>("coupons").coupons) {
    json::object o = coupon_json(shop, k, 0, true);
    o.erase("status");  // depends on the caller's clock
    o["deactivated"] = k.deactivated;
    list.push_back(std::move(o));
  }
  out["coupons"] = std::move(list);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"coupons", register_routes, nullptr, generate, nullptr, truth});

}  // namespace
}  // namespace tts_sandbox
