// promotions.coupons.search (reference: catalog §3.6, POST /promotion/202406/coupons/search): the shop's
// coupons, read only, because TikTok offers no API to create or change one. Amounts stay decimal strings;
// times become RFC 3339 (create/update times come in milliseconds, claim times in seconds).
#include <boost/json.hpp>

#include "model/time_format.hpp"
#include "ops/handlers.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

// Coupon create/update times are milliseconds in TikTok's samples (reference §6.12); seconds are
// accepted too, told apart by size.
std::string coupon_time(std::int64_t t) { return model::rfc3339(t > 100'000'000'000 ? t / 1000 : t); }

json::object money_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_object()) return {};
  return json::object{{"amount", api_string(v->as_object(), "amount")},
                      {"currency", api_string(v->as_object(), "currency")}};
}

json::object coupon_view(const json::object& k, bool raw) {
  json::object out{{"id", api_string(k, "id")},
                   {"title", api_string(k, "title")},
                   {"status", api_string(k, "status")},
                   {"display_type", api_string(k, "display_type")}};
  if (auto t = api_int(k, "create_time"); t > 0) out["created_at"] = coupon_time(t);
  if (auto t = api_int(k, "update_time"); t > 0) out["updated_at"] = coupon_time(t);
  if (const auto* d = k.if_contains("claim_duration"); d != nullptr && d->is_object()) {
    out["claim_from"] = model::rfc3339(api_int(d->as_object(), "start_time"));
    out["claim_until"] = model::rfc3339(api_int(d->as_object(), "end_time"));
  }
  if (auto code = api_string(k, "promo_code"); !code.empty()) out["promo_code"] = code;
  if (const auto* d = k.if_contains("discount"); d != nullptr && d->is_object()) {
    const auto& disc = d->as_object();
    json::object view{{"type", api_string(disc, "type")}};
    if (auto p = api_string(disc, "percentage"); !p.empty()) view["percentage"] = p;
    if (auto m = money_of(disc, "reduction_amount"); !m.empty()) view["amount"] = m;
    if (auto m = money_of(disc, "max_discount"); !m.empty()) view["max_discount"] = m;
    out["discount"] = std::move(view);
  }
  if (const auto* t = k.if_contains("threshold"); t != nullptr && t->is_object()) {
    if (auto m = money_of(t->as_object(), "min_spend"); !m.empty()) out["min_spend"] = m;
  }
  out["product_scope"] = api_string(k, "product_scope");
  if (raw) out["raw"] = k;
  return out;
}

}  // namespace

json::object promotions_coupons_search(OpsContext& c, const Request& r) {
  const Paging pg = r.paging(1, 100, 50);
  json::object body;
  if (auto st = r.strings("status", false); !st.empty()) {
    json::array a;
    for (const auto& s : st) {
      if (s != "NOT_START" && s != "ONGOING" && s != "EXPIRED" && s != "DEACTIVATED")
        r.fail("status", "may hold NOT_START, ONGOING, EXPIRED or DEACTIVATED, not '" + s + "'");
      a.emplace_back(s);
    }
    body["status"] = std::move(a);
  }
  if (auto t = r.opt_str("title")) {
    if (t->empty() || t->size() > 100) r.fail("title", "must be 1-100 characters (TikTok matches it exactly)");
    body["title_keyword"] = *t;
  }
  if (auto types = r.strings("display_type", false); !types.empty()) {
    json::array a;
    for (const auto& s : types) {
      if (s != "REGULAR" && s != "LIVE" && s != "CREATOR_EXCLUSIVE" && s != "CHAT" && s != "PROMO_CODE")
        r.fail("display_type", "may hold REGULAR, LIVE, CREATOR_EXCLUSIVE, CHAT or PROMO_CODE, not '" + s + "'");
      a.emplace_back(s);
    }
    body["display_type"] = std::move(a);
  }
  const bool raw = r.include_raw();
  url::QueryParams q{{"page_size", std::to_string(pg.page_size)}};
  if (!pg.page_token.empty()) q.emplace_back("page_token", pg.page_token);
  const auto d = c.call("POST", "/promotion/202406/coupons/search", q, body, true);
  json::array items;
  for (const auto& k : api_array(d, "coupons", "coupon search"))
    items.push_back(coupon_view(api_object(k, "coupon search"), raw));
  return page_response(std::move(items), d);
}

}  // namespace ocean::tiktok::ops
