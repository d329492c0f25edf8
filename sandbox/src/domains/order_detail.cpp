#include "order_detail.hpp"

#include <array>
#include <string_view>

#include "../generator.hpp"
#include "../regions.hpp"
#include "domain_support.hpp"
#include "returns_store.hpp"

namespace tts_sandbox {
namespace {

using support::bucket;
constexpr std::int64_t kHour = 3600, kDay = 86400;

// Sales tax of the US shops (Los Angeles County), in basis points; printed as tax_rate "0.095".
constexpr std::int64_t kUsSalesTaxBps = 950;
// Thailand's minimum order spend (in fee units, 20.00 THB): a smaller order pays the difference.
constexpr std::int64_t kThMinimumSpend = 20;

std::int64_t share(std::int64_t amount, std::int64_t bps) { return (amount * bps + 5000) / 10000; }

// ---- recipient address ----------------------------------------------------------------------------

struct Area {
  std::string_view region, country, l1_level, l1;
};
constexpr std::array<Area, 16> kAreas{{
    {"US", "United States", "State", "California"},
    {"GB", "United Kingdom", "County", "Greater London"},
    {"ID", "Indonesia", "Province", "DKI Jakarta"},
    {"SG", "Singapore", "Region", "Central Region"},
    {"MY", "Malaysia", "State", "Wilayah Persekutuan Kuala Lumpur"},
    {"TH", "Thailand", "Province", "Bangkok"},
    {"VN", "Vietnam", "Province", "Ho Chi Minh"},
    {"PH", "Philippines", "Region", "Metro Manila"},
    {"ES", "Spain", "Province", "Madrid"},
    {"IE", "Ireland", "County", "Dublin"},
    {"MX", "Mexico", "State", "Ciudad de Mexico"},
    {"DE", "Germany", "State", "Berlin"},
    {"FR", "France", "Region", "Ile-de-France"},
    {"IT", "Italy", "Region", "Lombardia"},
    {"BR", "Brazil", "State", "Sao Paulo"},
    {"JP", "Japan", "Prefecture", "Tokyo"},
}};

// US buyers live in one of four states; Colorado's retail delivery fee follows the address.
struct UsState {
  std::string_view state, city;
};
constexpr std::array<UsState, 4> kUsStates{
    {{"California", "Los Angeles"}, {"Colorado", "Denver"}, {"Texas", "Austin"}, {"New York", "New York"}}};
constexpr std::array<std::string_view, 4> kDistricts{"Central", "North", "East", "West"};

struct AddressParts {
  std::string country, l1_level, l1, city, district;
};

AddressParts address_parts(const Order& o) {
  AddressParts p;
  const RegionInfo* r = find_region(o.recipient_region);
  p.city = r ? std::string(r->city) : "City";
  p.country = o.recipient_region;
  for (const auto& a : kAreas) {
    if (a.region != o.recipient_region) continue;
    p.country = std::string(a.country);
    p.l1_level = std::string(a.l1_level);
    p.l1 = std::string(a.l1);
  }
  if (o.recipient_region == "US") {
    const auto& s = kUsStates[static_cast<std::size_t>(bucket(o.id, "us-state")) % kUsStates.size()];
    p.l1 = std::string(s.state);
    p.city = std::string(s.city);
  }
  p.district = std::string(kDistricts[static_cast<std::size_t>(bucket(o.id, "district")) % kDistricts.size()]);
  return p;
}

bool colorado(const Order& o) { return address_parts(o).l1 == "Colorado"; }

void write_district(JsonWriter& w, const char* level, const std::string& level_name, const std::string& name) {
  w.begin_object().field("address_level", level).field("address_level_name", level_name);
  w.field("address_name", name).end_object();
}

// ---- cancellation ---------------------------------------------------------------------------------

const ReturnsStore* returns_of(const Shop& shop) {
  auto it = shop.data.ext.find("returns");
  return it == shop.data.ext.end() || !it->second ? nullptr : static_cast<const ReturnsStore*>(it->second.get());
}

// The order's latest cancellation record (seller cancel, system timeout, buyer request), or nullptr.
const CancelRecord* cancel_record(const Shop& shop, const Order& o) {
  const ReturnsStore* store = returns_of(shop);
  if (store == nullptr) return nullptr;
  auto it = store->cancel_of_order.find(o.id);
  if (it == store->cancel_of_order.end()) return nullptr;
  auto rec = store->cancels.find(it->second);
  return rec == store->cancels.end() ? nullptr : &rec->second;
}

std::string payment_method(const Shop& shop, const Order& o) {
  if (o.is_cod) return "Cash on delivery";
  static const char* const kUs[] = {"Credit card", "Debit card", "PayPal", "Apple Pay"};
  static const char* const kRow[] = {"Credit card", "Debit card", "E-wallet", "Bank transfer"};
  const auto i = static_cast<std::size_t>(bucket(o.id, "payment-method")) % 4;
  return shop.region == "US" ? kUs[i] : kRow[i];
}

std::string seller_note(const Order& o) {
  static const char* const kNotes[] = {"Gift wrap requested by phone", "Check colour before packing",
                                       "VIP buyer: add a thank-you card"};
  const int b = bucket(o.id, "seller-note");
  return b < 9 ? kNotes[b % 3] : "";
}

struct StreetLines {
  std::string line1, line2, line3, line4;
};

StreetLines recipient_lines(const Order& o) {
  const int flat = bucket(o.id, "address-line2");
  const bool br = o.recipient_region == "BR";  // lines 3 and 4 are used in Brazil only
  return {o.recipient_address, flat < 40 ? "Flat " + std::to_string(flat + 1) : "",
          br ? std::to_string(10 + bucket(o.id, "address-line3")) : "",
          br ? "Bloco " + std::to_string(1 + bucket(o.id, "address-line4") % 9) : ""};
}

std::string_view state_of(const std::string& region) {
  for (const auto& a : kAreas)
    if (a.region == region) return a.l1;
  return "";
}

const Warehouse* warehouse_of(const Shop& shop, const std::string& id) {
  for (const auto& w : shop.data.warehouses)
    if (w.id == id) return &w;
  return nullptr;
}

void write_money(JsonWriter& w, const Shop& shop, const char* key, std::int64_t minor) {
  w.field(key, money(shop, minor));
}

}  // namespace

std::int64_t line_tax(const Shop& shop, const LineItem& li) {
  return shop.region == "US" ? share(li.sale_price_minor, kUsSalesTaxBps) : 0;
}

OrderPayment order_payment(const Shop& shop, const Order& o) {
  OrderPayment p;
  for (const auto& li : o.line_items) {
    p.original_product += li.original_price_minor;
    p.seller_discount += li.seller_discount_minor;
    p.sub_total += li.sale_price_minor;
    p.product_tax += line_tax(shop, li);
  }
  p.platform_discount = o.platform_discount_minor;
  p.sub_total -= p.platform_discount;
  const std::int64_t unit = fee_unit(shop);
  p.shipping = o.shipping_fee_minor;
  // Shipping promotions: what the buyer paid stays shipping_fee; the discounts come on top of it.
  if (bucket(o.id, "ship-seller-discount") < 20) p.shipping_seller_discount = unit;
  if (bucket(o.id, "ship-platform-discount") < 15) p.shipping_platform_discount = unit / 2;
  p.original_shipping = p.shipping + p.shipping_seller_discount + p.shipping_platform_discount;
  p.shipping_tax = 0;  // no market of the sandbox taxes shipping
  p.tax = p.product_tax + p.shipping_tax + o.tax_minor;
  // Market fees, as the models document them: TH small-order fee up to a minimum spend, US retail
  // delivery fee (Colorado), ID buyer service and shipping insurance, US/ID item insurance.
  if (shop.region == "TH" && p.sub_total < kThMinimumSpend * unit)
    p.small_order_fee = kThMinimumSpend * unit - p.sub_total;
  if (shop.region == "US" && colorado(o)) p.retail_delivery_fee = 28;
  if (shop.region == "ID" && bucket(o.id, "buyer-service-fee") < 50) p.buyer_service_fee = unit / 100;
  if (shop.region == "ID" && bucket(o.id, "shipping-insurance") < 30) p.shipping_insurance_fee = unit / 50;
  if ((shop.region == "US" || shop.region == "ID") && bucket(o.id, "item-insurance") < 10) {
    p.item_insurance_fee = unit * 2 - unit / 100;
    if (shop.region == "US") p.item_insurance_tax = share(p.item_insurance_fee, kUsSalesTaxBps);
  }
  if (o.is_cod) p.handling_fee = unit / 2;  // cash on delivery costs the buyer a handling fee
  p.total = p.sub_total + p.shipping + p.tax + p.small_order_fee + p.retail_delivery_fee + p.buyer_service_fee +
            p.handling_fee + p.shipping_insurance_fee + p.item_insurance_fee + p.item_insurance_tax;
  return p;
}

void write_payment(JsonWriter& w, const Shop& shop, const OrderPayment& p) {
  w.key("payment").begin_object();
  w.field("currency", shop.currency);
  write_money(w, shop, "total_amount", p.total);
  write_money(w, shop, "sub_total", p.sub_total);
  write_money(w, shop, "shipping_fee", p.shipping);
  write_money(w, shop, "seller_discount", p.seller_discount);
  write_money(w, shop, "platform_discount", p.platform_discount);
  write_money(w, shop, "original_total_product_price", p.original_product);
  write_money(w, shop, "original_shipping_fee", p.original_shipping);
  write_money(w, shop, "shipping_fee_seller_discount", p.shipping_seller_discount);
  write_money(w, shop, "shipping_fee_platform_discount", p.shipping_platform_discount);
  write_money(w, shop, "tax", p.tax);
  write_money(w, shop, "product_tax", p.product_tax);
  write_money(w, shop, "shipping_fee_tax", p.shipping_tax);
  write_money(w, shop, "small_order_fee", p.small_order_fee);
  write_money(w, shop, "retail_delivery_fee", p.retail_delivery_fee);
  write_money(w, shop, "buyer_service_fee", p.buyer_service_fee);
  write_money(w, shop, "handling_fee", p.handling_fee);
  write_money(w, shop, "shipping_insurance_fee", p.shipping_insurance_fee);
  write_money(w, shop, "item_insurance_fee", p.item_insurance_fee);
  write_money(w, shop, "item_insurance_tax", p.item_insurance_tax);
  w.end_object();
}

void write_recipient_address(JsonWriter& w, const Order& o) {
  // "recipient_address is not available under UNPAID and ON_HOLD status" (order models).
  if (o.status == "UNPAID" || o.status == "ON_HOLD") return;
  const AddressParts a = address_parts(o);
  const auto space = o.recipient_name.find(' ');
  const std::string first = space == std::string::npos ? o.recipient_name : o.recipient_name.substr(0, space);
  const std::string last = space == std::string::npos ? "" : o.recipient_name.substr(space + 1);
  const StreetLines lines = recipient_lines(o);
  w.key("recipient_address").begin_object();
  w.field("name", o.recipient_name).field("first_name", first).field("last_name", last);
  w.field("phone_number", o.recipient_phone);
  w.field("address_detail", o.recipient_address).field("address_line1", o.recipient_address);
  w.field("address_line2", lines.line2).field("address_line3", lines.line3).field("address_line4", lines.line4);
  w.field("full_address", o.recipient_address + ", " + o.recipient_postal_code + ", " + o.recipient_region);
  w.field("postal_code", o.recipient_postal_code).field("region_code", o.recipient_region);
  if (o.recipient_region == "GB") w.field("post_town", a.city);
  w.key("district_info").begin_array();
  write_district(w, "L0", "Country", a.country);
  if (!a.l1.empty()) write_district(w, "L1", a.l1_level, a.l1);
  write_district(w, "L2", "City", a.city);
  write_district(w, "L3", "District", a.district);
  w.end_array();
  if (o.recipient_region == "US") {  // delivery instructions exist in the US market only
    static const char* const kDropOff[] = {"Front door", "Back door", "Mailroom", "Side porch"};
    w.key("delivery_preferences").begin_object();
    w.field("drop_off_location", kDropOff[bucket(o.id, "drop-off") % 4]).end_object();
  }
  w.end_object();
}

std::string warehouse_full_address(const Shop& shop, const Warehouse& w) {
  const std::string street = std::to_string(10 + bucket(w.id, "warehouse-street")) + " Commerce Road";
  const std::string state(state_of(shop.region));
  return street + ", " + w.city + (state.empty() ? "" : ", " + state) + " " + w.postal_code + ", " + w.region_code;
}

boost::json::object warehouse_address_json(const Shop& shop, const Warehouse& w) {
  const std::string street = std::to_string(10 + bucket(w.id, "warehouse-street")) + " Commerce Road";
  const std::string district(kDistricts[static_cast<std::size_t>(bucket(w.id, "district")) % kDistricts.size()]);
  // "distict" is spelt as Get Warehouse List documents it.
  return boost::json::object{{"region", shop.region},
                             {"region_code", w.region_code},
                             {"state", std::string(state_of(shop.region))},
                             {"city", w.city},
                             {"distict", district},
                             {"town", ""},
                             {"postal_code", w.postal_code},
                             {"address_line1", street},
                             {"address_line2", "Unit " + std::to_string(1 + bucket(w.id, "warehouse-unit") % 20)},
                             {"full_address", warehouse_full_address(shop, w)},
                             {"contact_person", "Warehouse Desk"},
                             {"phone_number", "(+00)000000000"}};
}

boost::json::object package_recipient_json(const Order& o) {
  const StreetLines lines = recipient_lines(o);
  return boost::json::object{
      {"name", o.recipient_name},
      {"phone_number", o.recipient_phone},
      {"full_address", o.recipient_address + ", " + o.recipient_postal_code + ", " + o.recipient_region},
      {"address_detail", o.recipient_address},
      {"address_line1", lines.line1},
      {"address_line2", lines.line2},
      {"address_line3", lines.line3},
      {"address_line4", lines.line4},
      {"postal_code", o.recipient_postal_code},
      {"region_code", o.recipient_region}};
}

boost::json::object package_sender_json(const Shop& shop, const Order& o) {
  const Warehouse* w = warehouse_of(shop, o.warehouse_id);
  if (w == nullptr) return boost::json::object{{"name", shop.name}, {"region_code", shop.region}};
  const auto a = warehouse_address_json(shop, *w);
  return boost::json::object{{"name", shop.name},
                             {"phone_number", a.at("phone_number")},
                             {"full_address", a.at("full_address")},
                             {"address_detail", a.at("address_line1")},
                             {"address_line1", a.at("address_line1")},
                             {"address_line2", a.at("address_line2")},
                             {"address_line3", ""},
                             {"address_line4", ""},
                             {"postal_code", w->postal_code},
                             {"region_code", w->region_code}};
}

std::string cancellation_initiator(const Shop& shop, const Order& o) {
  if (o.status != "CANCELLED") return "";
  if (const CancelRecord* r = cancel_record(shop, o)) {
    if (r->status == "CANCELLATION_REQUEST_SUCCESS" || r->status == "CANCELLATION_REQUEST_COMPLETE") return r->role;
  }
  return o.paid_time == 0 ? "SYSTEM" : "BUYER";  // the automatic flow: unpaid timeout, or the buyer
}

void write_order_life(JsonWriter& w, const Shop& shop, const Order& o) {
  // Deadlines: ship by rts_sla_time, collected by tts_sla_time (both from creation, as before); the
  // automatic-cancellation deadlines count from payment and exist once the order is paid. An unpaid
  // order is cancelled by the system after an hour (cancel_order_sla_time).
  w.field("rts_sla_time", o.create_time + 3 * kDay).field("tts_sla_time", o.create_time + 7 * kDay);
  if (o.status == "UNPAID") w.field("cancel_order_sla_time", o.create_time + kHour);
  if (o.paid_time != 0) {
    w.field("shipping_due_time", o.paid_time + 4 * kDay).field("collection_due_time", o.paid_time + 8 * kDay);
    w.field("delivery_sla_time", o.paid_time + 10 * kDay).field("delivery_due_time", o.paid_time + 21 * kDay);
  }
  // Moments: present once they happened.
  if (o.rts_time != 0) w.field("rts_time", o.rts_time);
  if (o.collection_time != 0) w.field("collection_time", o.collection_time);
  if (o.delivery_time != 0) w.field("delivery_time", o.delivery_time);
  if (o.cancel_time != 0 && o.status == "CANCELLED") w.field("cancel_time", o.cancel_time);
  if (const auto who = cancellation_initiator(shop, o); !who.empty()) w.field("cancellation_initiator", who);
  const CancelRecord* rec = cancel_record(shop, o);
  const bool buyer_request = rec != nullptr && rec->type == "BUYER_CANCEL";
  if (buyer_request) w.field("request_cancel_time", rec->create_time);
  w.field("is_buyer_request_cancel", buyer_request && rec->status == "CANCELLATION_REQUEST_PENDING");
  w.field("delivery_option_name", o.delivery_option_name).field("payment_method_name", payment_method(shop, o));
  w.field("order_type", "NORMAL").field("seller_note", seller_note(o));
}

void write_line_extras(JsonWriter& w, const Shop& shop, const Order& o, const LineItem& li) {
  if (li.rts_time != 0) w.field("rts_time", li.rts_time);
  w.key("item_tax").begin_array();
  if (shop.region == "US") {
    w.begin_object().field("tax_type", "SALES_TAX").field("tax_amount", money(shop, line_tax(shop, li)));
    w.field("tax_rate", "0.095").end_object();
  }
  w.end_array();
  w.field("is_dangerous_good", bucket(li.sku_id, "hazmat") < 5);
  if (o.status == "CANCELLED") w.field("cancel_user", cancellation_initiator(shop, o));
}

}  // namespace tts_sandbox
