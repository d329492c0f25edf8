// Neutral views of the finance API's objects: settlement.v1 (plugin_api/schemas/settlement.v1.json) for
// statements and their transactions, and plain objects for payments, withdrawals, order transactions and
// unsettled estimates. Amounts are re-printed from minor units (exact; "1.5" becomes "1.50").
// Thread-safety: free functions without state; any thread.
#pragma once
#include <boost/json/object.hpp>

#include <string>

namespace ocean::tiktok::finance {

struct NeutralMeta {
  std::string account_id, shop_id;
  bool include_raw = false;
};

// A statement from Get Statements, without transactions.
boost::json::object statement_v1(const boost::json::object& api, const NeutralMeta& m);
// A statement from the by-statement transactions answer (its header) with every transaction given.
boost::json::object statement_with_transactions_v1(const std::string& statement_id, const boost::json::object& header,
                                                   const boost::json::array& transactions, const NeutralMeta& m);
boost::json::object payment_view(const boost::json::object& api, bool include_raw);
boost::json::object withdrawal_view(const boost::json::object& api, bool include_raw);
boost::json::object order_transactions_view(const boost::json::object& api, bool include_raw);
boost::json::object unsettled_view(const boost::json::object& api, bool include_raw);

}  // namespace ocean::tiktok::finance
