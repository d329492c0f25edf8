#include "model/to_neutral.hpp"

#include <boost/json/parse.hpp>

#include <map>
#include <vector>

#include "model/order_extras.hpp"
#include "model/parse_api.hpp"
#include "model/status_map.hpp"
#include "model/time_format.hpp"

namespace ocean::tiktok::model {
namespace json = boost::json;
namespace {

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

bool flag(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

json::value erp_or_null(const ViewContext& ctx, const std::string& sku_id) {
  if (ctx.erp_sku) {
    if (auto e = ctx.erp_sku(sku_id)) return json::value(*e);
  }
  return nullptr;
}

// Decimal strings pass through; anything else (absent, not a decimal) is left out, because the
// schema forbids a float and a guess would be worse than nothing.
void put_money(json::object& out, const char* key, const std::string& v) {
  if (v.empty()) return;
  std::size_t i = v[0] == '-' ? 1 : 0;
  bool dot = false, digit = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') {
      digit = true;
    } else if (v[i] == '.' && !dot && digit) {
      dot = true;
      digit = false;
    } else {
      return;
    }
  }
  if (digit) out[key] = v;
}

// Gift and giveaway line items (is_gift, ORD-SYNC-GIFT) by id, with their retail price.
std::map<std::string, std::string> gift_items(const json::object& o) {
  std::map<std::string, std::string> out;
  if (const auto* items = o.if_contains("line_items"); items != nullptr && items->is_array()) {
    for (const auto& v : items->as_array()) {
      if (v.is_object() && flag(v.as_object(), "is_gift"))
        out[str(v.as_object(), "id")] = str(v.as_object(), "gift_retail_price");
    }
  }
  return out;
}

json::value parse_raw(const std::string& raw) {
  boost::system::error_code ec;
  json::value v = json::parse(raw, ec);
  if (ec) throw ParseError("stored raw object is not JSON");
  return v;
}

// A paid order stays on hold this long (reference §4, ORD-SYNC-ONHOLD: "the 1-hour On Hold").
constexpr std::int64_t kOnHoldSeconds = 3600;

// The order's lines: one per SKU, except that a SKU's gift units form their own line (is_gift,
// gift_retail_price), apart from its sold units.
json::array order_lines(const OrderRecord& r, const json::object& o, const ViewContext& ctx) {
  const auto gifts = gift_items(o);
  json::array lines;
  for (const auto& l : r.lines) {
    std::vector<std::string> sold, given;
    for (const auto& id : l.line_item_ids) (gifts.count(id) ? given : sold).push_back(id);
    for (const auto* part : {&sold, &given}) {
      if (part->empty()) continue;
      const bool gift = part == &given;
      json::object line{{"external_sku_id", l.sku_id},
                        {"external_product_id", l.product_id},
                        {"seller_sku", l.seller_sku},
                        {"erp_sku", erp_or_null(ctx, l.sku_id)},
                        {"name", l.name},
                        {"sku_name", l.sku_name},
                        {"quantity", static_cast<std::int64_t>(part->size())},
                        {"is_gift", gift}};
      if (gift) {
        put_money(line, "unit_price", "0.00");
        put_money(line, "gift_retail_price", gifts.at(part->front()));
      } else {
        put_money(line, "unit_price", l.unit_price);
        put_money(line, "original_price", l.original_price);
      }
      json::array ids;
      for (const auto& id : *part) ids.push_back(json::value(id));
      line["line_item_ids"] = std::move(ids);
      put_line_extras(line, o);
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

// Flags, the on-hold window's end, the ship-by deadline and the ERP's order number.
void put_order_life(json::object& out, const json::object& o, const OrderRecord& r, const ViewContext& ctx) {
  const auto* paid = o.if_contains("paid_time");
  const bool on_hold = flag(o, "is_on_hold_order") || r.status == "ON_HOLD";
  out["flags"] = json::object{{"cod", flag(o, "is_cod")}, {"on_hold", on_hold}, {"sample", flag(o, "is_sample_order")}};
  if (on_hold) {
    // The one-hour hold starts at payment (reference §4, ORD-SYNC-ONHOLD).
    const std::int64_t from =
        (paid != nullptr && paid->is_int64() && paid->as_int64() > 0) ? paid->as_int64() : r.create_time;
    out["hold_until"] = rfc3339(from + kOnHoldSeconds);
  }
  if (const auto* sla = o.if_contains("rts_sla_time"); sla != nullptr && sla->is_int64() && sla->as_int64() > 0)
    out["ship_by"] = rfc3339(sla->as_int64());
  put_order_schedule(out, o);
  if (ctx.external_order_id) {
    if (auto ref = ctx.external_order_id(r.id)) out["external_order_id"] = *ref;
  }
}

}  // namespace

json::object order_view(const std::string& raw_json, const ViewContext& ctx) {
  json::value raw = parse_raw(raw_json);
  const OrderRecord r = parse_order(raw);
  const auto& o = raw.as_object();
  json::object out;
  out["schema"] = "order.v1";
  out["marketplace"] = "tiktok_shop";
  if (!ctx.account_id.empty()) out["account_id"] = ctx.account_id;
  if (!ctx.shop_id.empty()) out["shop_id"] = ctx.shop_id;
  out["external_id"] = r.id;
  out["status"] = *neutral_order_status(r.status);
  out["marketplace_status"] = r.status;
  out["created_at"] = rfc3339(r.create_time);
  out["updated_at"] = rfc3339(r.update_time);
  const auto* paid = o.if_contains("paid_time");
  out["paid_at"] = (paid != nullptr && paid->is_int64() && paid->as_int64() > 0)
                       ? json::value(rfc3339(paid->as_int64()))
                       : json::value(nullptr);
  if (const auto* p = o.if_contains("payment"); p != nullptr && p->is_object()) {
    const auto& pay = p->as_object();
    if (auto c = str(pay, "currency"); c.size() == 3) out["currency"] = c;
    json::object totals;
    put_money(totals, "subtotal", str(pay, "sub_total"));
    put_money(totals, "shipping", str(pay, "shipping_fee"));
    put_money(totals, "tax", str(pay, "tax"));
    put_money(totals, "seller_discount", str(pay, "seller_discount"));
    put_money(totals, "platform_discount", str(pay, "platform_discount"));
    put_money(totals, "total", str(pay, "total_amount"));
    put_fee_breakdown(totals, pay);
    out["totals"] = std::move(totals);
  }
  out["buyer"] =
      json::object{{"id", str(o, "user_id")}, {"email", str(o, "buyer_email")}, {"message", str(o, "buyer_message")}};
  if (const auto* a = o.if_contains("recipient_address"); a != nullptr && a->is_object()) {
    const auto& ad = a->as_object();
    json::array lines;
    for (const char* k : {"address_line1", "address_line2", "address_line3", "address_line4"}) {
      if (auto l = str(ad, k); !l.empty()) lines.push_back(json::value(l));
    }
    json::object address{{"name", str(ad, "name")},
                         {"phone", str(ad, "phone_number")},
                         {"lines", std::move(lines)},
                         {"postal_code", str(ad, "postal_code")},
                         {"region_code", str(ad, "region_code")},
                         {"full_address", str(ad, "full_address")}};
    put_address_parts(address, ad);
    out["shipping_address"] = std::move(address);
  }
  out["lines"] = order_lines(r, o, ctx);
  json::array packages;
  if (const auto* ps = o.if_contains("packages"); ps != nullptr && ps->is_array()) {
    for (const auto& pv : ps->as_array()) {
      if (!pv.is_object()) continue;
      packages.push_back(json::object{{"id", str(pv.as_object(), "id")},
                                      {"tracking_number", str(o, "tracking_number")},
                                      {"carrier", str(o, "shipping_provider")}});
    }
  }
  out["packages"] = std::move(packages);
  put_order_life(out, o, r, ctx);
  if (ctx.include_raw) out["raw"] = std::move(raw);
  return out;
}

json::object product_view(const std::string& raw_json, const ViewContext& ctx) {
  json::value raw = parse_raw(raw_json);
  const ProductRecord r = parse_product(raw);
  json::object out;
  out["schema"] = "product.v1";
  out["marketplace"] = "tiktok_shop";
  if (!ctx.account_id.empty()) out["account_id"] = ctx.account_id;
  if (!ctx.shop_id.empty()) out["shop_id"] = ctx.shop_id;
  out["external_id"] = r.id;
  out["title"] = r.title;
  out["status"] = *neutral_product_status(r.status);
  out["marketplace_status"] = r.status;
  if (r.create_time > 0) out["created_at"] = rfc3339(r.create_time);
  out["updated_at"] = rfc3339(r.update_time);
  json::array variants;
  for (const auto& k : r.skus) {
    json::object v{{"external_id", k.id}, {"seller_sku", k.seller_sku}, {"erp_sku", erp_or_null(ctx, k.id)}};
    json::object price;
    put_money(price, "amount", k.price_amount);
    if (!k.currency.empty()) price["currency"] = k.currency;
    v["price"] = std::move(price);
    json::array stock;
    for (const auto& [w, q] : k.stock) stock.push_back(json::object{{"warehouse_id", w}, {"quantity", q}});
    v["stock"] = std::move(stock);
    variants.push_back(std::move(v));
  }
  out["variants"] = std::move(variants);
  if (ctx.include_raw) out["raw"] = std::move(raw);
  return out;
}

}  // namespace ocean::tiktok::model
