// The wire shapes of the finance entities (reference finance §1.1-§1.6): statements, payments,
// withdrawals, statement transactions and SKU transactions, money as decimal strings in the shop's
// currency. Members the sandbox never books are present as the currency's zero, as the API shows them.
#include "finance_wire.hpp"

#include "../generator.hpp"

namespace tts_sandbox::finance {

namespace json = boost::json;

namespace {

json::object revenue_breakdown(const Shop& shop, const Amounts& a) {
  return json::object{{"subtotal_before_discount_amount", money(shop, a.gross)},
                      {"refund_subtotal_before_discount_amount", money(shop, a.gross_refund)},
                      {"seller_discount_amount", money(shop, a.seller_discount)},
                      {"seller_discount_refund_amount", money(shop, a.seller_discount_refund)}};
}

json::object shipping_breakdown(const Shop& shop, const Amounts& a) {
  return json::object{
      {"actual_shipping_fee_amount", money(shop, a.actual_shipping)},
      {"shipping_fee_discount_amount", money(shop, 0)},
      {"customer_paid_shipping_fee_amount", money(shop, a.customer_paid_shipping)},
      {"return_shipping_fee_amount", money(shop, a.return_shipping)},
      {"shipping_insurance_fee_amount", money(shop, 0)},
      {"supplementary_component", json::object{{"platform_shipping_fee_discount_amount", money(shop, 0)},
                                               {"seller_shipping_fee_discount_amount", money(shop, 0)}}}};
}

json::object fee_tax_breakdown(const Shop& shop, const Amounts& a) {
  return json::object{{"fee", json::object{{"platform_commission_amount", money(shop, a.platform_commission)},
                                           {"transaction_fee_amount", money(shop, a.transaction_fee)},
                                           {"affiliate_commission_amount", money(shop, a.affiliate_commission)},
                                           {"referral_fee_amount", money(shop, 0)}}},
                      {"tax", json::object{{"vat_amount", money(shop, 0)}, {"local_vat_amount", money(shop, 0)}}}};
}

// The four groups and their breakdowns, with `fee_key` naming the fee group's total.
void put_groups(json::object& o, const Shop& shop, const Amounts& a, const char* fee_key) {
  o["revenue_amount"] = money(shop, a.revenue());
  o["revenue_breakdown"] = revenue_breakdown(shop, a);
  o["shipping_cost_amount"] = money(shop, a.shipping());
  o["shipping_cost_breakdown"] = shipping_breakdown(shop, a);
  o[fee_key] = money(shop, a.fee_tax());
  o["fee_tax_breakdown"] = fee_tax_breakdown(shop, a);
}

}  // namespace

json::object transaction_json(const Shop& shop, const Transaction& t) {
  json::object o{{"id", t.id}, {"type", t.type}, {"settlement_amount", money(shop, t.settlement())}};
  if (t.type == "ORDER") {
    o["order_id"] = t.order_id;
    o["order_create_time"] = t.order_create_time;
  } else {
    o["adjustment_id"] = t.adjustment_id;
    o["adjustment_amount"] = money(shop, t.adjustment);
    if (!t.adjustment_order_id.empty()) o["adjustment_order_id"] = t.adjustment_order_id;
  }
  put_groups(o, shop, t.amounts, "fee_tax_amount");
  return o;
}

json::object sku_json(const Shop& shop, const SkuRow& row, const std::string& statement_id) {
  json::object o{{"sku_id", row.sku_id},
                 {"sku_name", row.sku_name},
                 {"product_name", row.product_name},
                 {"statement_id", statement_id},
                 {"quantity", std::to_string(row.quantity)},
                 {"settlement_amount", money(shop, row.amounts.settlement())}};
  put_groups(o, shop, row.amounts, "fee_tax_amount");
  return o;
}

StatementTotals totals_of(const Statement& s) {
  StatementTotals t;
  for (const auto& tx : s.transactions) {
    t.amounts.add(tx.amounts);
    t.adjustment += tx.adjustment;
  }
  return t;
}

json::object statement_json(const Shop& shop, const Statement& s, const Payment& p, std::int64_t now) {
  const StatementTotals t = totals_of(s);
  // Reference §1.1: fee_amount excludes shipping except for SEA local sellers.
  const std::int64_t fee = t.amounts.fee_tax() + (is_sea(shop) ? t.amounts.shipping() : 0);
  json::object o{{"id", s.id},
                 {"statement_time", s.statement_time},
                 {"settlement_amount", money(shop, s.settlement)},
                 {"currency", shop.currency},
                 {"fee_amount", money(shop, fee)},
                 {"adjustment_amount", money(shop, t.adjustment)},
                 {"payment_status", payment_status(p, now)},
                 {"payment_id", s.payment_id}};
  if (shop.region != "US" && shop.region != "GB") o["revenue_amount"] = money(shop, t.amounts.revenue());
  if (!is_sea(shop)) {
    o["net_sales_amount"] = money(shop, t.amounts.revenue());
    o["shipping_cost_amount"] = money(shop, t.amounts.shipping());
  }
  return o;
}

json::object payment_json(const Shop& shop, const Payment& p, std::int64_t now) {
  auto value = [&](std::int64_t minor) {
    return json::object{{"value", money(shop, minor)}, {"currency", shop.currency}};
  };
  json::object o{{"id", p.id},
                 {"create_time", p.create_time},
                 {"status", payment_status(p, now)},
                 {"amount", value(p.amount)},
                 {"settlement_amount", value(p.amount)},
                 {"reserve_amount", value(0)},
                 {"payment_amount_before_exchange", value(p.amount)},
                 {"exchange_rate", "1.000000"},
                 {"bank_account", "****" + p.id.substr(p.id.size() - 4)}};
  if (now >= p.paid_time) o["paid_time"] = p.paid_time;
  return o;
}

json::object withdrawal_json(const Shop& shop, const Withdrawal& w, std::int64_t now) {
  return json::object{{"id", w.id},
                      {"type", w.type},
                      {"amount", money(shop, w.amount)},
                      {"currency", shop.currency},
                      {"status", now >= w.done_time ? "SUCCESS" : "PROCESSING"},
                      {"create_time", w.create_time}};
}

}  // namespace tts_sandbox::finance
