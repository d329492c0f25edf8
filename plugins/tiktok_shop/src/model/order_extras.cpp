#include "model/order_extras.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "model/decimal.hpp"
#include "model/time_format.hpp"

namespace ocean::tiktok::model {
namespace json = boost::json;
namespace {

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return (v != nullptr && v->is_string()) ? std::string(v->as_string()) : std::string();
}

// A Unix time field as RFC 3339 UTC under `key`; absent, zero or not an integer: nothing (the API
// sends a moment only once it happened).
void put_time(json::object& out, const char* key, const json::object& o, const char* field) {
  const auto* v = o.if_contains(field);
  if (v != nullptr && v->is_int64() && v->as_int64() > 0) out[key] = rfc3339(v->as_int64());
}

// A decimal string kept as given; anything else (absent, not a decimal) is left out.
void put_decimal(json::object& out, const char* key, const json::object& o, const char* field) {
  const std::string v = str(o, field);
  if (!v.empty() && Decimal::parse(v)) out[key] = v;
}

// Digits after the point of a decimal string ("1.50" -> 2, "150000" -> 0).
int decimals_of(const std::string& v) {
  const auto dot = v.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(v.size() - dot - 1);
}

}  // namespace

void put_order_schedule(json::object& out, const json::object& o) {
  // Dispatch deadlines: ship_by (rts_sla_time) is set beside; collected by tts_sla_time, delivered by
  // delivery_sla_time. The automatic-cancellation deadlines are TikTok's *_due_time fields.
  put_time(out, "collect_by", o, "tts_sla_time");
  put_time(out, "deliver_by", o, "delivery_sla_time");
  json::object cancel_at;
  put_time(cancel_at, "unpaid", o, "cancel_order_sla_time");
  put_time(cancel_at, "unshipped", o, "shipping_due_time");
  put_time(cancel_at, "uncollected", o, "collection_due_time");
  put_time(cancel_at, "undelivered", o, "delivery_due_time");
  if (!cancel_at.empty()) out["auto_cancel_at"] = std::move(cancel_at);
  put_time(out, "shipped_at", o, "rts_time");
  put_time(out, "collected_at", o, "collection_time");
  put_time(out, "delivered_at", o, "delivery_time");
  json::object cancellation;
  const auto* asked = o.if_contains("is_buyer_request_cancel");
  cancellation["buyer_requested"] = asked != nullptr && asked->is_bool() && asked->as_bool();
  put_time(cancellation, "requested_at", o, "request_cancel_time");
  put_time(cancellation, "cancelled_at", o, "cancel_time");
  if (auto who = str(o, "cancellation_initiator"); !who.empty()) cancellation["initiator"] = who;
  if (auto why = str(o, "cancel_reason"); !why.empty()) cancellation["reason"] = why;
  out["cancellation"] = std::move(cancellation);
  for (const auto& [key, field] :
       {std::pair{"delivery_option", "delivery_option_name"}, std::pair{"payment_method", "payment_method_name"},
        std::pair{"order_type", "order_type"}, std::pair{"seller_note", "seller_note"}}) {
    if (auto v = str(o, field); !v.empty()) out[key] = v;
  }
}

void put_fee_breakdown(json::object& totals, const json::object& p) {
  put_decimal(totals, "original_subtotal", p, "original_total_product_price");
  put_decimal(totals, "original_shipping", p, "original_shipping_fee");
  put_decimal(totals, "shipping_seller_discount", p, "shipping_fee_seller_discount");
  put_decimal(totals, "shipping_platform_discount", p, "shipping_fee_platform_discount");
  put_decimal(totals, "shipping_cofunded_discount", p, "shipping_fee_cofunded_discount");
  put_decimal(totals, "product_tax", p, "product_tax");
  put_decimal(totals, "shipping_tax", p, "shipping_fee_tax");
  put_decimal(totals, "small_order_fee", p, "small_order_fee");
  put_decimal(totals, "retail_delivery_fee", p, "retail_delivery_fee");
  put_decimal(totals, "buyer_service_fee", p, "buyer_service_fee");
  put_decimal(totals, "handling_fee", p, "handling_fee");
  put_decimal(totals, "shipping_insurance_fee", p, "shipping_insurance_fee");
  put_decimal(totals, "item_insurance_fee", p, "item_insurance_fee");
  put_decimal(totals, "item_insurance_tax", p, "item_insurance_tax");
}

void put_address_parts(json::object& address, const json::object& a) {
  for (const auto& [key, field] :
       {std::pair{"first_name", "first_name"}, std::pair{"last_name", "last_name"},
        std::pair{"address_detail", "address_detail"}, std::pair{"post_town", "post_town"}}) {
    if (auto v = str(a, field); !v.empty()) address[key] = v;
  }
  json::array districts;
  if (const auto* d = a.if_contains("district_info"); d != nullptr && d->is_array()) {
    for (const auto& lv : d->as_array()) {
      if (!lv.is_object()) continue;
      const auto& l = lv.as_object();
      districts.push_back(json::object{{"level", str(l, "address_level")},
                                       {"level_name", str(l, "address_level_name")},
                                       {"name", str(l, "address_name")}});
    }
  }
  if (!districts.empty()) address["districts"] = std::move(districts);
  if (const auto* p = a.if_contains("delivery_preferences"); p != nullptr && p->is_object()) {
    if (auto drop = str(p->as_object(), "drop_off_location"); !drop.empty()) address["drop_off_location"] = drop;
  }
}

void put_line_extras(json::object& line, const json::object& o) {
  std::map<std::string, const json::object*> items;
  if (const auto* li = o.if_contains("line_items"); li != nullptr && li->is_array()) {
    for (const auto& v : li->as_array())
      if (v.is_object()) items[str(v.as_object(), "id")] = &v.as_object();
  }
  Decimal tax;
  int decimals = 0;
  bool taxed = false, dangerous = false;
  for (const auto& idv : line.at("line_item_ids").as_array()) {
    auto it = items.find(std::string(idv.as_string()));
    if (it == items.end()) continue;
    const auto* flag = it->second->if_contains("is_dangerous_good");
    dangerous = dangerous || (flag != nullptr && flag->is_bool() && flag->as_bool());
    const auto* taxes = it->second->if_contains("item_tax");
    if (taxes == nullptr || !taxes->is_array()) continue;
    for (const auto& t : taxes->as_array()) {
      if (!t.is_object()) continue;
      const std::string amount = str(t.as_object(), "tax_amount");
      if (auto d = Decimal::parse(amount)) {  // summed exactly, never through a float
        tax = tax + *d;
        decimals = std::max(decimals, decimals_of(amount));
        taxed = true;
      }
    }
  }
  if (taxed) line["tax"] = tax.str(decimals);
  line["dangerous_good"] = dangerous;
}

}  // namespace ocean::tiktok::model
