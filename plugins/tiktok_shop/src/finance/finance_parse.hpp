// Reading the finance API's objects (reference finance §1.1-§1.5) into rows, strictly: a missing id or
// an amount that is not a decimal in the currency throws Failure(permanent) naming the record and the
// field, so a sync never moves its cursor past data it could not read.
// Thread-safety: free functions without state; any thread.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "finance/finance_rows.hpp"

namespace ocean::tiktok::finance {

StatementRow parse_statement(const boost::json::object& o, std::string raw);
PaymentRow parse_payment(const boost::json::object& o, std::string raw);
WithdrawalRow parse_withdrawal(const boost::json::object& o, std::string raw);
// One transaction of a statement; the currency comes from the by-statement answer's top level.
TransactionRow parse_transaction(const boost::json::object& o, const std::string& statement_id,
                                 const std::string& currency, std::string raw);

// ORDER -> order, RESERVE -> reserve, any other word (also an unknown one) -> adjustment.
std::string transaction_kind(std::string_view type);

// An amount field of `o` in minor units: absent, null or "" reads as 0 unless `required`.
std::int64_t amount_field(const boost::json::object& o, std::string_view key, const std::string& currency,
                          std::string_view what, bool required = false);

}  // namespace ocean::tiktok::finance
