// The finance mirror's rows: what the sync stores and reconcile reads. Amounts are signed integers
// in the currency's minor unit (finance/money.hpp); raw_json keeps the API object as it was sent.
#pragma once
#include <cstdint>
#include <string>

namespace ocean::tiktok::finance {

struct StatementRow {
  std::string id;
  std::int64_t statement_time = 0;
  std::string currency;
  std::int64_t settlement = 0;
  std::string payment_status;  // TikTok word: PAID, PROCESSING, FAILED
  std::string payment_id;
  std::string raw_json;
};

struct TransactionRow {
  std::string id;
  std::string statement_id;
  std::string kind;      // order, adjustment, reserve
  std::string type;      // TikTok word
  std::string order_id;  // order_id, or adjustment_order_id / associated_order_id; "" when none
  std::int64_t order_create_time = 0;
  std::string currency;
  std::int64_t settlement = 0, revenue = 0, shipping = 0, fee_tax = 0, adjustment = 0;
  std::int64_t sales = 0;  // gross sales less seller discount, before refunds: what the order's lines sold for
  std::string raw_json;
};

struct PaymentRow {
  std::string id;
  std::int64_t create_time = 0;
  std::string status;
  std::string currency;
  std::int64_t amount = 0;
  std::string raw_json;
};

struct WithdrawalRow {
  std::string id;
  std::string type;
  std::int64_t create_time = 0;
  std::string status;
  std::string currency;
  std::int64_t amount = 0;
  std::string raw_json;
};

// Where an interrupted finance run resumes (one per kind), saved in the same transaction as its rows.
struct FinanceCursor {
  std::string kind;            // statements, payments, withdrawals, transactions
  std::int64_t watermark = 0;  // the newest record time seen by a finished run
  std::string run_json;        // the run in progress ("" = none): its window, or its statement id
  std::string page_token;
  std::int64_t run_pages = 0;
  std::int64_t run_max_seen = 0;
  std::int64_t last_finished_ms = 0;
};

}  // namespace ocean::tiktok::finance
