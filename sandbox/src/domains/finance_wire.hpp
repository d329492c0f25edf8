// JSON of the finance entities as the API returns them (finance_wire.cpp).
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "finance_store.hpp"

namespace tts_sandbox::finance {

struct StatementTotals {
  Amounts amounts;
  std::int64_t adjustment = 0;
};
StatementTotals totals_of(const Statement& s);

boost::json::object transaction_json(const Shop& shop, const Transaction& t);
boost::json::object sku_json(const Shop& shop, const SkuRow& row, const std::string& statement_id);
boost::json::object statement_json(const Shop& shop, const Statement& s, const Payment& p, std::int64_t now);
boost::json::object payment_json(const Shop& shop, const Payment& p, std::int64_t now);
boost::json::object withdrawal_json(const Shop& shop, const Withdrawal& w, std::int64_t now);

}  // namespace tts_sandbox::finance
