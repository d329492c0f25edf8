// promotions.create / update / products.add / products.remove / deactivate / get / search.
#include "ops/promotions.hpp"

#include <boost/json.hpp>

#include "model/time_format.hpp"
#include "capability/request.hpp"
#include "ops/handlers.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& message) { throw Failure(Status::invalid_argument, message); }

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Neutral words and TikTok's own both accepted; the wire takes TikTok's.
std::string activity_type_arg(const Request& req) {
  const std::string t =
      req.one_of("type",
                 {"flash_sale", "direct_discount", "fixed_price", "shipping_discount", "buy_more_save_more",
                  "FLASHSALE", "DIRECT_DISCOUNT", "FIXED_PRICE", "SHIPPING_DISCOUNT", "BUY_MORE_SAVE_MORE"},
                 nullptr);
  if (t == "flash_sale") return "FLASHSALE";
  if (t == "direct_discount") return "DIRECT_DISCOUNT";
  if (t == "fixed_price") return "FIXED_PRICE";
  if (t == "shipping_discount") return "SHIPPING_DISCOUNT";
  if (t == "buy_more_save_more") return "BUY_MORE_SAVE_MORE";
  return t;
}

std::string neutral_type(std::string_view t) {
  if (t == "FLASHSALE") return "flash_sale";
  if (t == "DIRECT_DISCOUNT") return "direct_discount";
  if (t == "FIXED_PRICE") return "fixed_price";
  if (t == "SHIPPING_DISCOUNT") return "shipping_discount";
  if (t == "BUY_MORE_SAVE_MORE") return "buy_more_save_more";
  return std::string(t);
}

const Decimal kOne{1'000'000}, kNinetyNine{99'000'000};

void check_percent(Decimal d, const std::string& field) {
  if (d < kOne || d > kNinetyNine) bad("request field '" + field + "' must be a percentage between 1 and 99");
}

// Product discounts are whole percentages on the wire ("20").
void check_whole_percent(Decimal d, const std::string& field) {
  check_percent(d, field);
  if (d.micros % 1'000'000 != 0) bad("request field '" + field + "' must be a whole percentage (1-99)");
}

// Price / discount / limits of one product or SKU entry.
void price_fields(const Request& e, const std::string& where, const std::string& type, json::object& out) {
  const auto price = e.opt_decimal("activity_price");
  const auto pct = e.opt_decimal("discount_percent");
  if (type == "SHIPPING_DISCOUNT" || type == "BUY_MORE_SAVE_MORE") {
    // Their terms are activity-wide ("discount"); the products only say what takes part.
    if (price || pct) bad(where + ": a " + neutral_type(type) + " takes no per-product price or discount");
    return;
  }
  const bool needs_price = type == "FLASHSALE" || type == "FIXED_PRICE";
  const bool needs_pct = type == "DIRECT_DISCOUNT";
  if (needs_price && !price) bad(where + ": 'activity_price' is required for a " + neutral_type(type));
  if (needs_pct && !pct) bad(where + ": 'discount_percent' is required for a direct_discount");
  if (price && pct) bad(where + ": give 'activity_price' or 'discount_percent', not both");
  if (!needs_price && !needs_pct && !price && !pct) bad(where + ": 'activity_price' or 'discount_percent' is required");
  if (price) {
    if (price->micros <= 0) bad(where + ": 'activity_price' must be greater than 0");
    out["activity_price_amount"] = price->str();
  }
  if (pct) {
    check_whole_percent(*pct, where + ".discount_percent");
    out["discount"] = pct->str(0);
  }
  const auto limit = e.opt_int("quantity_limit"), per_user = e.opt_int("quantity_per_user");
  // -1 is TikTok's "no limit"; 0 would sell nothing.
  if (limit && *limit != -1 && *limit < 1) bad(where + ": 'quantity_limit' must be -1 (no limit) or at least 1");
  if (per_user && *per_user != -1 && (*per_user < 1 || *per_user > 99)) {
    bad(where + ": 'quantity_per_user' must be -1 (no limit) or 1-99");
  }
  if (limit && per_user && *limit > 0 && *per_user > *limit)
    bad(where + ": 'quantity_per_user' must not exceed 'quantity_limit'");
  if (limit) out["quantity_limit"] = *limit;
  if (per_user) out["quantity_per_user"] = *per_user;
}

}  // namespace

void check_activity_title(const std::string& title, const char* field) {
  if (title.empty()) bad(std::string("request field '") + field + "' must not be empty");
  if (utf8_length(title) > kMaxActivityTitle) {
    bad(std::string("request field '") + field + "' must be at most 50 characters (it has " +
        std::to_string(utf8_length(title)) + ")");
  }
}

void check_activity_window(std::int64_t begin, std::int64_t end, std::int64_t now, const char* what) {
  if (begin >= end) bad(std::string(what) + ": the begin time must be before the end time");
  if (begin < now)
    bad(std::string(what) + ": the begin time " + model::rfc3339(begin) + " is in the past (now " +
        model::rfc3339(now) + ")");
}

json::array activity_products(const Request& req, const char* key, const std::string& type) {
  const auto list = req.objects(
      key, {"product_id", "skus", "activity_price", "discount_percent", "quantity_limit", "quantity_per_user"});
  if (list.empty()) bad(std::string("request field '") + key + "' must be a non-empty array of products");
  json::array out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    const auto& p = list[i];
    json::object wire{{"id", p.id("product_id")}};
    const auto skus =
        p.objects("skus", {"sku_id", "activity_price", "discount_percent", "quantity_limit", "quantity_per_user"});
    if (!skus.empty()) {
      json::array wskus;
      for (std::size_t j = 0; j < skus.size(); ++j) {
        const std::string sw = where + ".skus[" + std::to_string(j) + "]";
        json::object ws{{"id", skus[j].id("sku_id")}};
        price_fields(skus[j], sw, type, ws);
        wskus.push_back(std::move(ws));
      }
      wire["skus"] = std::move(wskus);
    } else {
      price_fields(p, where, type, wire);
    }
    out.push_back(std::move(wire));
  }
  return out;
}

std::string create_activity(OpsContext& c, const json::object& body) {
  const auto d = c.call("POST", "/promotion/202309/activities", {}, body);
  const std::string id = api_string(d, "activity_id");
  if (id.empty()) throw Failure(Status::permanent, "create activity: the answer has no activity_id");
  return id;
}

void put_activity_products(OpsContext& c, const std::string& id, const std::string&, const json::array& products) {
  c.call("PUT", "/promotion/202309/activities/" + id + "/products", {},
         json::object{{"activity_id", id}, {"products", products}});
}

void deactivate_activity(OpsContext& c, const std::string& id) {
  c.call("POST", "/promotion/202309/activities/" + id + "/deactivate");
}

namespace {

json::object normalize_activity(const json::object& a, bool raw) {
  json::object o{
      {"activity_id", api_string(a, "activity_id").empty() ? api_string(a, "id") : api_string(a, "activity_id")},
      {"title", api_string(a, "title")},
      {"type", neutral_type(api_string(a, "activity_type"))},
      {"activity_type", api_string(a, "activity_type")},
      {"status", api_string(a, "status")},
      {"product_level", api_string(a, "product_level")}};
  for (const char* k : {"begin_time", "end_time", "create_time", "update_time"}) {
    if (const std::int64_t t = api_int(a, k); t > 0) o[k] = model::rfc3339(t);
  }
  if (const auto* p = a.if_contains("products"); p != nullptr && p->is_array()) o["products"] = *p;
  if (const auto* d = a.if_contains("discount"); d != nullptr && d->is_object()) o["discount"] = *d;
  if (raw) o["raw"] = a;
  return o;
}

// Shipping discount and buy-more-save-more carry their terms in "discount" (field names from the
// official SDK models: bmsm_discount.details[tier, threshold_type, threshold_value, type, value],
// shipping_discount{type, value, threshold_type, threshold_value}).
json::object discount_terms(const Request& req, const std::string& type) {
  if (type == "BUY_MORE_SAVE_MORE") {
    const auto tiers = req.objects("tiers", {"min_quantity", "min_amount", "percent_off", "amount_off"});
    if (tiers.empty() || tiers.size() > 5)
      bad("request field 'tiers' must have 1 to 5 entries for a buy_more_save_more");
    json::array details;
    Decimal last_threshold{-1}, last_value{-1};
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      const std::string w = "tiers[" + std::to_string(i) + "]";
      const auto& t = tiers[i];
      const auto qty = t.opt_int("min_quantity");
      const auto amount = t.opt_decimal("min_amount");
      if (qty.has_value() == amount.has_value()) bad(w + ": give exactly one of 'min_quantity' or 'min_amount'");
      if (qty && *qty < 1) bad(w + ".min_quantity must be at least 1");
      if (amount && amount->micros <= 0) bad(w + ".min_amount must be greater than 0");
      const auto pct = t.opt_decimal("percent_off");
      const auto off = t.opt_decimal("amount_off");
      if (pct.has_value() == off.has_value()) bad(w + ": give exactly one of 'percent_off' or 'amount_off'");
      if (pct) check_percent(*pct, w + ".percent_off");
      if (off && off->micros <= 0) bad(w + ".amount_off must be greater than 0");
      const Decimal threshold = qty ? Decimal{*qty * 1'000'000} : *amount;
      const Decimal value = pct ? *pct : *off;
      // Each tier asks more and gives more, or the lower tier is pointless.
      if (threshold <= last_threshold || value <= last_value)
        bad(w + ": tiers must rise in both threshold and discount");
      last_threshold = threshold;
      last_value = value;
      details.push_back(json::object{{"tier", i + 1},
                                     {"threshold_type", qty ? "QUANTITY" : "AMOUNT"},
                                     {"threshold_value", qty ? std::to_string(*qty) : amount->str()},
                                     {"type", pct ? "PERCENTAGE_OFF" : "FIXED_AMOUNT_OFF"},
                                     {"value", value.str(pct ? 0 : 2)}});
    }
    return json::object{{"bmsm_discount", json::object{{"details", std::move(details)}}}};
  }
  const auto s = req.object("shipping", {"free", "percent_off", "amount_off", "min_order_amount"});
  const bool free = s.opt_bool("free", false);
  const auto pct = s.opt_decimal("percent_off");
  const auto off = s.opt_decimal("amount_off");
  if (static_cast<int>(free) + static_cast<int>(pct.has_value()) + static_cast<int>(off.has_value()) != 1) {
    bad("request field 'shipping' needs exactly one of 'free': true, 'percent_off' or 'amount_off'");
  }
  if (pct) check_percent(*pct, "shipping.percent_off");
  if (off && off->micros <= 0) bad("request field 'shipping.amount_off' must be greater than 0");
  json::object sd{{"type", free ? "FREE_SHIPPING" : (pct ? "PERCENTAGE_OFF" : "FIXED_AMOUNT_OFF")}};
  if (pct) sd["value"] = pct->str(0);
  if (off) sd["value"] = off->str();
  if (auto min = s.opt_decimal("min_order_amount")) {
    sd["threshold_type"] = "AMOUNT";
    sd["threshold_value"] = min->str();
  } else {
    sd["threshold_type"] = "NONE";
  }
  return json::object{{"shipping_discount", std::move(sd)}};
}

json::object create(OpsContext& c, const Request& req) {
  const std::string title = req.str("title");
  check_activity_title(title, "title");
  const std::string type = activity_type_arg(req);
  const std::int64_t begin = req.time("begin_time"), end = req.time("end_time");
  check_activity_window(begin, end, c.now_s(), "request");
  const bool shop_wide_ok = type == "SHIPPING_DISCOUNT" || type == "BUY_MORE_SAVE_MORE";
  // A shipping discount covers the shop; every other type lists products or variations.
  const bool shipping = type == "SHIPPING_DISCOUNT";
  const std::string level =
      req.one_of("product_level", {"PRODUCT", "VARIATION", "SHOP"}, shipping ? "SHOP" : "PRODUCT");
  if ((level == "SHOP") != shipping) bad("request field 'product_level' is SHOP exactly for a shipping_discount");
  json::object body{
      {"title", title}, {"activity_type", type}, {"begin_time", begin}, {"end_time", end}, {"product_level", level}};
  if (shop_wide_ok) body["discount"] = discount_terms(req, type);
  json::array products;
  const bool with_products = req.has("products");
  if (with_products && shipping) bad("request field 'products' does not apply to a shop-wide shipping_discount");
  if (with_products) products = activity_products(req, "products", type);
  if (!with_products && !shop_wide_ok) bad("request field 'products' is required for a " + neutral_type(type));
  const bool raw = req.include_raw();

  const std::string id = create_activity(c, body);
  if (with_products) {
    try {
      put_activity_products(c, id, type, products);
    } catch (const Failure& f) {
      // Never leave a half-made promotion running: end it, then report why.
      try {
        deactivate_activity(c, id);
      } catch (const Failure& g) {
        c.log.warn("[ops] activity " + id + " could not be deactivated after its products failed: " + g.what());
      }
      throw Failure(f.status(),
                    std::string("activity ") + id +
                        " was created but its products were refused, so it was deactivated: " + f.what(),
                    f.retry_after_ms());
    }
  }
  c.log.info("[ops] promotion " + id + " (" + neutral_type(type) + ") created");
  return get_activity(c, id, raw);
}

// PUT .../activities/{id} takes title, begin_time and end_time together (reference: catalog §3.7), and an
// ongoing activity's begin_time may not change (17029011). So the request may name any of the three;
// the others are resent as TikTok holds them, which makes an end-only extension of an ongoing activity
// one call.
json::object update(OpsContext& c, const Request& req) {
  const std::string id = req.id("activity_id");
  const auto title = req.opt_str("title");
  if (title) check_activity_title(*title, "title");
  const auto begin = req.opt_time("begin_time"), end = req.opt_time("end_time");
  if (!title && !begin && !end) bad("request has nothing to update (title, begin_time, end_time)");
  const bool raw = req.include_raw();
  const auto current = c.call("GET", "/promotion/202309/activities/" + id);
  const std::int64_t held_begin = api_int(current, "begin_time");
  const std::int64_t b = begin.value_or(held_begin), e = end.value_or(api_int(current, "end_time"));
  if (b != held_begin) {
    check_activity_window(b, e, c.now_s(), "request");
  } else if (e <= b || e <= c.now_s()) {
    bad("request field 'end_time' must be after begin_time and in the future");
  }
  json::object body{{"title", title.value_or(api_string(current, "title"))}, {"begin_time", b}, {"end_time", e}};
  c.call("PUT", "/promotion/202309/activities/" + id, {}, body);
  c.log.info("[ops] promotion " + id + " updated (ends " + std::to_string(e) + ")");
  return get_activity(c, id, raw);
}

json::object products_add(OpsContext& c, const Request& req) {
  const std::string id = req.id("activity_id");
  std::string type;
  if (req.has("type")) type = activity_type_arg(req);
  const json::array products = activity_products(req, "products", type);
  const bool raw = req.include_raw();
  put_activity_products(c, id, type, products);
  return get_activity(c, id, raw);
}

json::object products_remove(OpsContext& c, const Request& req) {
  const std::string id = req.id("activity_id");
  const auto products = req.strings("product_ids", false);
  const auto skus = req.strings("sku_ids", false);
  if (products.empty() && skus.empty()) bad("request needs 'product_ids' or 'sku_ids'");
  const bool raw = req.include_raw();
  json::array p, s;
  for (const auto& x : products) p.emplace_back(x);
  for (const auto& x : skus) s.emplace_back(x);
  json::object body;
  if (!p.empty()) body["product_ids"] = std::move(p);
  if (!s.empty()) body["sku_ids"] = std::move(s);
  c.call("DELETE", "/promotion/202309/activities/" + id + "/products", {}, body);
  return get_activity(c, id, raw);
}

json::object deactivate(OpsContext& c, const Request& req) {
  const std::string id = req.id("activity_id");
  const bool raw = req.include_raw();
  deactivate_activity(c, id);
  c.log.info("[ops] promotion " + id + " deactivated");
  return get_activity(c, id, raw);
}

json::object get(OpsContext& c, const Request& req) {
  const std::string id = req.id("activity_id");
  return get_activity(c, id, req.include_raw());
}

json::object search(OpsContext& c, const Request& req) {
  const Paging pg = req.paging(1, 100, 20);
  json::object body{{"page_size", pg.page_size}};
  if (!pg.page_token.empty()) body["page_token"] = pg.page_token;
  if (auto s = req.opt_str("status")) body["status"] = *s;
  if (req.has("type")) body["activity_type"] = activity_type_arg(req);
  if (auto t = req.opt_str("title")) body["activity_title"] = *t;
  if (auto p = req.opt_str("product_id")) body["product_id"] = *p;
  const bool raw = req.include_raw();
  const auto d = c.call("POST", "/promotion/202309/activities/search", {}, body, true);
  json::array items;
  for (const auto& a : api_array(d, "activities", "activity search"))
    items.push_back(normalize_activity(api_object(a, "activity search"), raw));
  return page_response(std::move(items), d);
}

}  // namespace

json::object get_activity(OpsContext& c, const std::string& id, bool raw) {
  const auto d = c.call("GET", "/promotion/202309/activities/" + id);
  json::object o = normalize_activity(d, raw);
  if (api_string(o, "activity_id").empty()) o["activity_id"] = id;
  return o;
}

// The capabilities of this file, by their exported names (rows in capability/table.cpp).
json::object promotions_create(OpsContext& c, const Request& r) { return create(c, r); }
json::object promotions_update(OpsContext& c, const Request& r) { return update(c, r); }
json::object promotions_products_add(OpsContext& c, const Request& r) { return products_add(c, r); }
json::object promotions_products_remove(OpsContext& c, const Request& r) { return products_remove(c, r); }
json::object promotions_deactivate(OpsContext& c, const Request& r) { return deactivate(c, r); }
json::object promotions_get(OpsContext& c, const Request& r) { return get(c, r); }
json::object promotions_search(OpsContext& c, const Request& r) { return search(c, r); }

}  // namespace ocean::tiktok::ops
