// finance.reconcile over the mirror: for each statement, its settlement against the sum of its
// transactions; for each settled order, what was settled against the order's lines in the order
// mirror; delivered orders still unsettled after N days; and every mismatch with its reason.
// All sums are integers in the currency's minor unit. Reads only; emits nothing.
// Thread-safety: stateless; the store it is given belongs to the calling thread.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "finance/finance_store.hpp"

namespace ocean::tiktok::finance {

struct ReconcileRequest {
  std::optional<std::string> statement_id;  // one statement, or
  std::int64_t from = 0;                    // statement_time in [from, to)
  std::int64_t to = INT64_MAX;
  std::int64_t unsettled_after_days = 14;
  std::int64_t as_of = 0;  // "now" for the unsettled-orders rule (Unix seconds)
};

boost::json::object reconcile(FinanceStore& store, const ReconcileRequest& r);

}  // namespace ocean::tiktok::finance
