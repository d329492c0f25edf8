#include "finance/finance_parse.hpp"

#include <boost/json.hpp>

#include "finance/money.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {

[[noreturn]] void unreadable(std::string_view what, std::string_view detail) {
  throw Failure(Status::permanent, "the API answer's " + std::string(what) + " " + std::string(detail));
}

std::string text_field(const json::object& o, std::string_view key, std::string_view what, bool required) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) unreadable(what, "has no '" + std::string(key) + "'");
    return "";
  }
  if (!v->is_string()) unreadable(what, "field '" + std::string(key) + "' is not a string");
  return std::string(v->as_string());
}

std::int64_t time_field(const json::object& o, std::string_view key, std::string_view what, bool required) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) unreadable(what, "has no '" + std::string(key) + "'");
    return 0;
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v->as_uint64());
  unreadable(what, "field '" + std::string(key) + "' is not Unix seconds");
}

std::string currency_field(const json::object& o, std::string_view what) {
  std::string c = text_field(o, "currency", what, true);
  if (c.size() != 3) unreadable(what, "has currency '" + c + "', not an ISO 4217 code");
  return c;
}

}  // namespace

std::int64_t amount_field(const json::object& o, std::string_view key, const std::string& currency,
                          std::string_view what, bool required) {
  const std::string text = text_field(o, key, what, required);
  if (text.empty()) {
    if (required) unreadable(what, "has an empty '" + std::string(key) + "'");
    return 0;
  }
  const auto minor = parse_minor(text, currency_decimals(currency));
  if (!minor) unreadable(what, "field '" + std::string(key) + "' is not an amount in " + currency + ": " + text);
  return *minor;
}

std::string transaction_kind(std::string_view type) {
  if (type == "ORDER") return "order";
  if (type == "RESERVE") return "reserve";
  return "adjustment";
}

StatementRow parse_statement(const json::object& o, std::string raw) {
  StatementRow s;
  s.id = text_field(o, "id", "statement", true);
  const std::string what = "statement " + s.id;
  s.statement_time = time_field(o, "statement_time", what, true);
  s.currency = currency_field(o, what);
  s.settlement = amount_field(o, "settlement_amount", s.currency, what, true);
  s.payment_status = text_field(o, "payment_status", what, false);
  s.payment_id = text_field(o, "payment_id", what, false);
  s.raw_json = std::move(raw);
  return s;
}

PaymentRow parse_payment(const json::object& o, std::string raw) {
  PaymentRow p;
  p.id = text_field(o, "id", "payment", true);
  const std::string what = "payment " + p.id;
  p.create_time = time_field(o, "create_time", what, true);
  p.status = text_field(o, "status", what, false);
  // Payment money is an object {value, currency} (reference finance §1.2).
  const json::value* amount = o.if_contains("amount");
  if (amount == nullptr || !amount->is_object()) unreadable(what, "has no 'amount' object {value, currency}");
  p.currency = currency_field(amount->as_object(), what + " amount");
  p.amount = amount_field(amount->as_object(), "value", p.currency, what + " amount", true);
  p.raw_json = std::move(raw);
  return p;
}

WithdrawalRow parse_withdrawal(const json::object& o, std::string raw) {
  WithdrawalRow w;
  w.id = text_field(o, "id", "withdrawal", true);
  const std::string what = "withdrawal " + w.id;
  w.type = text_field(o, "type", what, true);
  w.create_time = time_field(o, "create_time", what, true);
  w.status = text_field(o, "status", what, false);
  w.currency = currency_field(o, what);
  w.amount = amount_field(o, "amount", w.currency, what, true);
  w.raw_json = std::move(raw);
  return w;
}

TransactionRow parse_transaction(const json::object& o, const std::string& statement_id, const std::string& currency,
                                 std::string raw) {
  TransactionRow t;
  t.id = text_field(o, "id", "transaction", true);
  const std::string what = "transaction " + t.id;
  t.statement_id = statement_id;
  t.currency = currency;
  t.type = text_field(o, "type", what, true);
  t.kind = transaction_kind(t.type);
  t.order_id = text_field(o, "order_id", what, false);
  if (t.order_id.empty()) t.order_id = text_field(o, "adjustment_order_id", what, false);
  if (t.order_id.empty()) t.order_id = text_field(o, "associated_order_id", what, false);
  t.order_create_time = time_field(o, "order_create_time", what, false);
  t.settlement = amount_field(o, "settlement_amount", currency, what, true);
  t.revenue = amount_field(o, "revenue_amount", currency, what);
  t.shipping = amount_field(o, "shipping_cost_amount", currency, what);
  t.fee_tax = amount_field(o, "fee_tax_amount", currency, what);
  t.adjustment = amount_field(o, t.kind == "reserve" ? "reserve_amount" : "adjustment_amount", currency, what);
  if (const auto* rb = o.if_contains("revenue_breakdown"); rb != nullptr && rb->is_object()) {
    const auto& r = rb->as_object();
    const std::int64_t discount = amount_field(r, "seller_discount_amount", currency, what);
    // The sign of seller_discount_amount differs between the DOC samples (reference finance §6.2).
    t.sales =
        amount_field(r, "subtotal_before_discount_amount", currency, what) - (discount < 0 ? -discount : discount);
  }
  t.raw_json = std::move(raw);
  return t;
}

}  // namespace ocean::tiktok::finance
