// The six finance endpoints (reference finance §1.0) at their current versions: statements, payments and
// withdrawals (202309), transactions by statement and by order (202501; 202309 is blocked since
// 2025-12-31), unsettled transactions (202507). All are GETs with shop_cipher; answers are checked for
// shape (a page that is not a page throws Failure(permanent)).
// Thread-safety: as ApiClient (any thread); holds no state of its own.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tiktok_api/page.hpp"
#include "transport/api_client.hpp"

namespace ocean::tiktok::finance {

struct TimeRange {
  std::optional<std::int64_t> ge, lt;  // Unix seconds: inclusive lower, exclusive upper bound
};

class FinanceApi {
 public:
  FinanceApi(ApiClient& api, std::function<std::string()> shop_cipher) : api_(api), cipher_(std::move(shop_cipher)) {}

  tiktok_api::Page statements(const TimeRange& t, const std::string& page_token, int page_size);
  tiktok_api::Page payments(const TimeRange& t, const std::string& page_token, int page_size);
  tiktok_api::Page withdrawals(const std::vector<std::string>& types, const TimeRange& t, const std::string& page_token,
                               int page_size);
  // The by-statement answer's data: header (currency, totals) plus transactions[] and next_page_token.
  boost::json::object statement_transactions(const std::string& statement_id, const std::string& page_token,
                                             int page_size);
  boost::json::object order_transactions(const std::string& order_id);
  boost::json::object unsettled(const TimeRange& t, const std::string& page_token, int page_size);

 private:
  boost::json::object get(const std::string& path, url::QueryParams query, const char* what);
  ApiClient& api_;
  std::function<std::string()> cipher_;
};

}  // namespace ocean::tiktok::finance
