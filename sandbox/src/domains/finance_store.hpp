// Finance kept per shop (Extension "finance"): daily statements cut from the shop's settled orders, their
// transactions (one ORDER row per settled order, split by SKU; adjustment rows), payments and withdrawals.
// Money is signed minor units inside (costs negative, credits positive, reference finance §1.8) and decimal
// strings on the wire. Statements are cut lazily: catch_up() settles every order due before the last
// 00:00 UTC boundary the sandbox clock passed, reasoning from timestamps only, so a statement, once cut,
// never changes (except through the admin route that injects a discrepancy).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "../model.hpp"

namespace tts_sandbox::finance {

inline constexpr std::int64_t kDay = 86400;
// Reference finance §1.9: statements and transactions from 2023-07-01; unsettled from 2025-01-01.
inline constexpr std::int64_t kStatementsFrom = 1688169600;
inline constexpr std::int64_t kUnsettledFrom = 1735689600;

// The amounts of one SKU row or one order, grouped as the 202501 APIs group them (reference §1.4).
struct Amounts {
  // revenue_breakdown
  std::int64_t gross = 0, gross_refund = 0, seller_discount = 0, seller_discount_refund = 0;
  // shipping_cost_breakdown (direct members)
  std::int64_t actual_shipping = 0, customer_paid_shipping = 0, return_shipping = 0;
  // fee_tax_breakdown.fee
  std::int64_t platform_commission = 0, transaction_fee = 0, affiliate_commission = 0;

  std::int64_t revenue() const { return gross + gross_refund + seller_discount + seller_discount_refund; }
  std::int64_t shipping() const { return actual_shipping + customer_paid_shipping + return_shipping; }
  std::int64_t fee_tax() const { return platform_commission + transaction_fee + affiliate_commission; }
  // The settlement identity in its signed additive form: revenue + shipping + fee_tax (+ adjustment).
  std::int64_t settlement() const { return revenue() + shipping() + fee_tax(); }
  void add(const Amounts& o);
};

struct SkuRow {
  std::string sku_id, sku_name, product_name;
  std::int64_t quantity = 0;
  Amounts amounts;
};

struct Transaction {
  std::string id;
  std::string type;  // ORDER or an adjustment type (reference §1.7)
  std::string order_id;
  std::int64_t order_create_time = 0;
  std::string adjustment_id, adjustment_order_id;
  std::int64_t adjustment = 0;   // adjustment rows only
  std::int64_t create_time = 0;  // sort key of adjustment rows
  Amounts amounts;
  std::vector<SkuRow> skus;
  // Set by the admin route that injects a discrepancy: what the API reports instead of the identity.
  std::optional<std::int64_t> reported_settlement;

  std::int64_t settlement() const {
    return reported_settlement ? *reported_settlement : amounts.settlement() + adjustment;
  }
  std::int64_t sort_key() const { return order_id.empty() ? create_time : order_create_time; }
};

struct Statement {
  std::string id;
  std::int64_t statement_time = 0;  // 00:00 UTC ending the day it covers
  std::string payment_id;
  std::int64_t settlement = 0;  // fixed at the cut: the sum of the transactions then
  std::vector<Transaction> transactions;
};

struct Payment {
  std::string id, statement_id;
  std::int64_t create_time = 0, paid_time = 0;
  std::int64_t amount = 0;
};

struct Withdrawal {
  std::string id, type;  // WITHDRAW, SETTLE, TRANSFER, REVERSE
  std::int64_t amount = 0;
  std::int64_t create_time = 0, done_time = 0;
};

struct FinanceStore : Extension {
  std::map<std::string, Statement> statements;
  std::set<std::pair<std::int64_t, std::string>> by_time;                     // (statement_time, id)
  std::map<std::string, std::string> statement_of_order;                      // settled order -> statement
  std::map<std::string, std::pair<std::string, std::size_t>> transaction_at;  // tx id -> (statement, index)
  std::set<std::string> refund_adjusted;  // orders whose post-settlement refund is booked
  std::map<std::string, Payment> payments;
  std::map<std::string, Withdrawal> withdrawals;
  std::map<std::string, std::int64_t> delivered_seen;  // order -> delivery time when the plan lost it
  std::int64_t cut_until = 0;                          // every day ending at or before this boundary is cut
  std::int64_t now = 0;                                // sandbox time of the current request (advance hook)
};

FinanceStore& store_of(Shop& shop);
bool is_sea(const Shop& shop);
bool has_payments_api(const Shop& shop);

// Affiliate commission terms of an order, read from the affiliate domain: per (product_id, unit price),
// the commission rate in basis points.
using AffiliateTerms = std::map<std::string, std::map<std::pair<std::string, std::int64_t>, std::int64_t>>;
AffiliateTerms affiliate_terms(Shop& shop);

// Cuts every statement due at the store's `now` (idempotent; cheap when nothing is due).
void catch_up(Shop& shop);
// The ORDER row of an order settled at `at`: its amounts, with the returns completed before `at`.
Transaction order_transaction(Shop& shop, const Order& o, std::int64_t at, const AffiliateTerms& affiliate);
// The order's delivery time, or 0 when it is not delivered.
std::int64_t delivered_at(Shop& shop, const Order& o);
// Whether a return/refund of the order is still open at `at`, and when settlement is due.
bool return_pending(Shop& shop, const Order& o, std::int64_t at);
std::int64_t settle_delay(const Shop& shop);
std::string payment_status(const Payment& p, std::int64_t now);

// A stable 19-digit id from a label.
std::string stable_id(const std::string& label);

}  // namespace tts_sandbox::finance
