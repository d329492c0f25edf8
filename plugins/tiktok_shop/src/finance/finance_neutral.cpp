#include "finance/finance_neutral.hpp"

#include <boost/json.hpp>

#include "finance/finance_parse.hpp"
#include "finance/money.hpp"
#include "model/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t seconds(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

// The amount `key` of `o` re-printed in `currency` (0 when absent); Failure(permanent) when unreadable.
std::string money(const json::object& o, const char* key, const std::string& currency, const std::string& what) {
  return format_minor(amount_field(o, key, currency, what), currency_decimals(currency));
}

std::string neutral_status(const std::string& s) {
  if (s == "PAID" || s == "SUCCESS") return "paid";
  if (s == "PROCESSING") return "processing";
  if (s == "FAILED") return "failed";
  return "unknown";
}

// quantity is a string of digits on this API ("1").
std::int64_t whole_number(const std::string& s, const std::string& what) {
  const auto v = parse_minor(s, 0);
  if (!v || *v < 0) throw Failure(Status::permanent, what + ": a SKU quantity is not a whole number: " + s);
  return *v;
}

std::string time_or_empty(std::int64_t t) { return t > 0 ? model::rfc3339(t) : ""; }

json::object transaction_v1(const json::object& t, const std::string& currency) {
  const std::string id = text(t, "id"), type = text(t, "type");
  const std::string what = "transaction " + id;
  json::object o{
      {"external_id", id},
      {"kind", transaction_kind(type)},
      {"marketplace_type", type},
      {"settlement_amount", money(t, "settlement_amount", currency, what)},
      {"revenue_amount", money(t, "revenue_amount", currency, what)},
      {"shipping_cost_amount", money(t, "shipping_cost_amount", currency, what)},
      {"fee_tax_amount", money(t, "fee_tax_amount", currency, what)},
      {"adjustment_amount", money(t, type == "RESERVE" ? "reserve_amount" : "adjustment_amount", currency, what)}};
  for (const char* k : {"order_id", "adjustment_order_id", "associated_order_id"}) {
    if (const std::string v = text(t, k); !v.empty()) {
      o["order_id"] = v;
      break;
    }
  }
  if (const auto created = seconds(t, "order_create_time"); created > 0)
    o["order_created_at"] = model::rfc3339(created);
  return o;
}

}  // namespace

json::object statement_v1(const json::object& api, const NeutralMeta& m) {
  const std::string id = text(api, "id"), currency = text(api, "currency");
  const std::string what = "statement " + id;
  const std::string status = text(api, "payment_status");
  json::object o{{"schema", "settlement.v1"},
                 {"marketplace", "tiktok_shop"},
                 {"account_id", m.account_id},
                 {"shop_id", m.shop_id},
                 {"external_id", id},
                 {"settled_at", model::rfc3339(seconds(api, "statement_time"))},
                 {"currency", currency},
                 {"settlement_amount", money(api, "settlement_amount", currency, what)},
                 {"fee_amount", money(api, "fee_amount", currency, what)},
                 {"adjustment_amount", money(api, "adjustment_amount", currency, what)},
                 {"payment_status", neutral_status(status)},
                 {"marketplace_payment_status", status},
                 {"payment_id", text(api, "payment_id")}};
  // revenue_amount is not returned for US and UK; net_sales_amount only outside SEA (reference §1.1).
  const char* revenue = api.contains("revenue_amount") ? "revenue_amount" : "net_sales_amount";
  if (api.contains(revenue)) o["revenue_amount"] = money(api, revenue, currency, what);
  if (api.contains("shipping_cost_amount"))
    o["shipping_cost_amount"] = money(api, "shipping_cost_amount", currency, what);
  if (m.include_raw) o["raw"] = api;
  return o;
}

json::object statement_with_transactions_v1(const std::string& statement_id, const json::object& header,
                                            const json::array& transactions, const NeutralMeta& m) {
  const std::string currency = text(header, "currency");
  const std::string what = "statement " + statement_id;
  json::object o{
      {"schema", "settlement.v1"},   {"marketplace", "tiktok_shop"},
      {"account_id", m.account_id},  {"shop_id", m.shop_id},
      {"external_id", statement_id}, {"settled_at", model::rfc3339(seconds(header, "create_time"))},
      {"currency", currency},        {"settlement_amount", money(header, "total_settlement_amount", currency, what)}};
  if (const auto* b = header.if_contains("total_settlement_breakdown"); b != nullptr && b->is_object()) {
    const auto& bo = b->as_object();
    o["revenue_amount"] = money(bo, "total_revenue_amount", currency, what);
    o["shipping_cost_amount"] = money(bo, "total_shipping_cost_amount", currency, what);
    o["fee_amount"] = money(bo, "total_fee_tax_amount", currency, what);
    o["adjustment_amount"] = money(bo, "total_adjustment_amount", currency, what);
  }
  json::array txs;
  for (const auto& t : transactions) {
    if (!t.is_object())
      throw Failure(Status::permanent, "a transaction of statement " + statement_id + " is not an object");
    json::object v = transaction_v1(t.as_object(), currency);
    if (m.include_raw) v["raw"] = t;
    txs.push_back(std::move(v));
  }
  o["transaction_count"] = static_cast<std::int64_t>(txs.size());
  o["transactions"] = std::move(txs);
  return o;
}

json::object payment_view(const json::object& api, bool include_raw) {
  const std::string id = text(api, "id"), what = "payment " + id;
  auto value_of = [&](const char* key) -> json::value {
    const auto* v = api.if_contains(key);
    if (v == nullptr || !v->is_object()) return nullptr;
    const std::string cur = text(v->as_object(), "currency");
    return json::value(money(v->as_object(), "value", cur, what + " " + key));
  };
  const auto* amount = api.if_contains("amount");
  const std::string currency = amount != nullptr && amount->is_object() ? text(amount->as_object(), "currency") : "";
  json::object o{{"id", id},
                 {"status", neutral_status(text(api, "status"))},
                 {"marketplace_status", text(api, "status")},
                 {"created_at", time_or_empty(seconds(api, "create_time"))},
                 {"paid_at", time_or_empty(seconds(api, "paid_time"))},
                 {"amount", value_of("amount")},
                 {"currency", currency},
                 {"settlement_amount", value_of("settlement_amount")},
                 {"reserve_amount", value_of("reserve_amount")},
                 {"amount_before_exchange", value_of("payment_amount_before_exchange")},
                 {"exchange_rate", text(api, "exchange_rate")},
                 {"bank_account", text(api, "bank_account")}};
  if (include_raw) o["raw"] = api;
  return o;
}

json::object withdrawal_view(const json::object& api, bool include_raw) {
  const std::string id = text(api, "id"), currency = text(api, "currency");
  json::object o{{"id", id},
                 {"type", text(api, "type")},
                 {"status", neutral_status(text(api, "status"))},
                 {"marketplace_status", text(api, "status")},
                 {"created_at", time_or_empty(seconds(api, "create_time"))},
                 {"amount", money(api, "amount", currency, "withdrawal " + id)},
                 {"currency", currency}};
  if (include_raw) o["raw"] = api;
  return o;
}

json::object order_transactions_view(const json::object& api, bool include_raw) {
  const std::string id = text(api, "order_id"), currency = text(api, "currency");
  const std::string what = "order transactions " + id;
  json::array lines;
  if (const auto* skus = api.if_contains("sku_transactions"); skus != nullptr && skus->is_array()) {
    for (const auto& s : skus->as_array()) {
      if (!s.is_object()) throw Failure(Status::permanent, what + ": a SKU transaction is not an object");
      const auto& so = s.as_object();
      const std::string qty = text(so, "quantity");
      lines.push_back(json::object{{"sku_id", text(so, "sku_id")},
                                   {"sku_name", text(so, "sku_name")},
                                   {"product_name", text(so, "product_name")},
                                   {"statement_id", text(so, "statement_id")},
                                   {"quantity", whole_number(qty, what)},
                                   {"settlement_amount", money(so, "settlement_amount", currency, what)},
                                   {"revenue_amount", money(so, "revenue_amount", currency, what)},
                                   {"shipping_cost_amount", money(so, "shipping_cost_amount", currency, what)},
                                   {"fee_tax_amount", money(so, "fee_tax_amount", currency, what)}});
    }
  }
  json::object o{{"order_id", id},
                 {"currency", currency},
                 {"settlement_amount", money(api, "settlement_amount", currency, what)},
                 {"revenue_amount", money(api, "revenue_amount", currency, what)},
                 {"shipping_cost_amount", money(api, "shipping_cost_amount", currency, what)},
                 {"fee_tax_amount", money(api, "fee_and_tax_amount", currency, what)},
                 {"lines", std::move(lines)}};
  if (include_raw) o["raw"] = api;
  return o;
}

json::object unsettled_view(const json::object& api, bool include_raw) {
  const std::string id = text(api, "id"), currency = text(api, "currency");
  const std::string what = "unsettled transaction " + id;
  json::object o{{"id", id},
                 {"type", text(api, "type")},
                 {"order_id", text(api, "order_id")},
                 {"currency", currency},
                 {"order_created_at", time_or_empty(seconds(api, "order_create_time"))},
                 {"delivered_at", time_or_empty(seconds(api, "order_delivery_time"))},
                 {"estimated_settlement", text(api, "estimated_settlement")},
                 {"reason", text(api, "unsettled_reason")},
                 {"est_settlement_amount", money(api, "est_settlement_amount", currency, what)},
                 {"est_revenue_amount", money(api, "est_revenue_amount", currency, what)},
                 {"est_shipping_cost_amount", money(api, "est_shipping_cost_amount", currency, what)},
                 {"est_fee_tax_amount", money(api, "est_fee_tax_amount", currency, what)}};
  if (include_raw) o["raw"] = api;
  return o;
}

}  // namespace ocean::tiktok::finance
