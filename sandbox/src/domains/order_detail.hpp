// The parts of an order beyond its core (orders.cpp) that Get Order Detail and Search Orders carry
// (202309 and 202507 order models): recipient address parts, the dispatch deadlines and the moments
// of the status flow, the buyer's cancellation request, the payment breakdown and line-item extras.
// Every value is derived from the order's state and a hash of its ids (support::bucket), never drawn
// from the generator's random stream, so adding them changed no earlier draw.
#pragma once
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "../json_writer.hpp"
#include "../model.hpp"

namespace tts_sandbox {

// An order's payment in minor units. The identities the API documents hold exactly:
//   sub_total    = original_total_product_price - seller_discount - platform_discount
//   shipping_fee = original_shipping_fee - shipping_fee_seller_discount - shipping_fee_platform_discount
//   tax          = product_tax + shipping_fee_tax
//   total_amount = sub_total + shipping_fee + tax + small_order_fee + retail_delivery_fee + buyer_service_fee
//                  + handling_fee + shipping_insurance_fee + item_insurance_fee + item_insurance_tax
struct OrderPayment {
  std::int64_t original_product = 0, seller_discount = 0, platform_discount = 0, sub_total = 0;
  std::int64_t original_shipping = 0, shipping_seller_discount = 0, shipping_platform_discount = 0, shipping = 0;
  std::int64_t product_tax = 0, shipping_tax = 0, tax = 0;
  std::int64_t small_order_fee = 0, retail_delivery_fee = 0, buyer_service_fee = 0, handling_fee = 0;
  std::int64_t shipping_insurance_fee = 0, item_insurance_fee = 0, item_insurance_tax = 0;
  std::int64_t total = 0;
};

OrderPayment order_payment(const Shop& shop, const Order& o);
// The sales tax of one line item in minor units (US shops only; other markets price tax-inclusive).
std::int64_t line_tax(const Shop& shop, const LineItem& li);

// Writers for write_order (orders.cpp); each writes complete fields into the open order object.
void write_payment(JsonWriter& w, const Shop& shop, const OrderPayment& p);
void write_recipient_address(JsonWriter& w, const Order& o);
// Deadlines, flow moments, cancellation, names and notes of the order (top-level fields).
void write_order_life(JsonWriter& w, const Shop& shop, const Order& o);
// rts_time, item_tax, is_dangerous_good and cancel_user of one line item.
void write_line_extras(JsonWriter& w, const Shop& shop, const Order& o, const LineItem& li);

// A warehouse's address as Get Warehouse List shows it (also the sender of its packages and the return
// warehouse of returns): street line, district, city, state, postal code, region, contact.
boost::json::object warehouse_address_json(const Shop& shop, const Warehouse& w);
std::string warehouse_full_address(const Shop& shop, const Warehouse& w);
// Get Package Detail's recipient_address (the order's) and sender_address (the order's warehouse).
boost::json::object package_recipient_json(const Order& o);
boost::json::object package_sender_json(const Shop& shop, const Order& o);

// The initiator of the order's cancellation (SELLER, BUYER or SYSTEM); "" while not cancelled.
std::string cancellation_initiator(const Shop& shop, const Order& o);

}  // namespace tts_sandbox
