// The finance capabilities (feature `finance`, "Finance & Settlements"). The searches and the
// transaction reads call TikTok live; finance.reconcile reads the mirror only. Each reads and checks
// its whole request first (Failure(invalid_argument) naming the field, no network), then works.
#pragma once
#include <boost/json/object.hpp>

#include "capability/request.hpp"
#include "finance/finance_room.hpp"

namespace ocean::tiktok::finance {

using capability::Request;

boost::json::object statements_search(FinanceRoom& room, const Request& r);
boost::json::object payments_search(FinanceRoom& room, const Request& r);
boost::json::object withdrawals_search(FinanceRoom& room, const Request& r);
boost::json::object statement_transactions(FinanceRoom& room, const Request& r);
boost::json::object order_transactions(FinanceRoom& room, const Request& r);
boost::json::object unsettled_search(FinanceRoom& room, const Request& r);
boost::json::object reconcile_capability(FinanceRoom& room, const Request& r);

}  // namespace ocean::tiktok::finance
