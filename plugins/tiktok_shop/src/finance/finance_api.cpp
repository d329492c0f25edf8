#include "finance/finance_api.hpp"

#include <boost/json.hpp>

#include "util/status.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {
void add_range(url::QueryParams& q, const TimeRange& t, const char* ge, const char* lt) {
  if (t.ge) q.emplace_back(ge, std::to_string(*t.ge));
  if (t.lt) q.emplace_back(lt, std::to_string(*t.lt));
}
void add_page(url::QueryParams& q, const std::string& token, int size) {
  q.emplace_back("page_size", std::to_string(size));
  if (!token.empty()) q.emplace_back("page_token", token);
}
}  // namespace

json::object FinanceApi::get(const std::string& path, url::QueryParams query, const char* what) {
  ApiCall call;
  call.method = "GET";
  call.path = path;
  call.query = std::move(query);
  call.shop_cipher = cipher_();
  ApiResult res = api_.call(call);
  if (!res.data.is_object()) throw Failure(Status::permanent, std::string(what) + ": the answer has no data object");
  return std::move(res.data.as_object());
}

tiktok_api::Page FinanceApi::statements(const TimeRange& t, const std::string& token, int size) {
  url::QueryParams q{{"sort_field", "statement_time"}, {"sort_order", "ASC"}};
  add_range(q, t, "statement_time_ge", "statement_time_lt");
  add_page(q, token, size);
  return tiktok_api::read_page(get("/finance/202309/statements", std::move(q), "statements"), "statements",
                               "statements");
}

tiktok_api::Page FinanceApi::payments(const TimeRange& t, const std::string& token, int size) {
  url::QueryParams q{{"sort_field", "create_time"}, {"sort_order", "ASC"}};
  add_range(q, t, "create_time_ge", "create_time_lt");
  add_page(q, token, size);
  return tiktok_api::read_page(get("/finance/202309/payments", std::move(q), "payments"), "payments", "payments");
}

tiktok_api::Page FinanceApi::withdrawals(const std::vector<std::string>& types, const TimeRange& t,
                                         const std::string& token, int size) {
  std::string joined;
  for (const auto& type : types) joined += (joined.empty() ? "" : ",") + type;
  url::QueryParams q{{"types", joined}};
  add_range(q, t, "create_time_ge", "create_time_lt");
  add_page(q, token, size);
  return tiktok_api::read_page(get("/finance/202309/withdrawals", std::move(q), "withdrawals"), "withdrawals",
                               "withdrawals");
}

json::object FinanceApi::statement_transactions(const std::string& statement_id, const std::string& token, int size) {
  url::QueryParams q{{"sort_field", "order_create_time"}, {"sort_order", "ASC"}};
  add_page(q, token, size);
  return get("/finance/202501/statements/" + url::encode(statement_id) + "/statement_transactions", std::move(q),
             "statement transactions");
}

json::object FinanceApi::order_transactions(const std::string& order_id) {
  return get("/finance/202501/orders/" + url::encode(order_id) + "/statement_transactions", {}, "order transactions");
}

json::object FinanceApi::unsettled(const TimeRange& t, const std::string& token, int size) {
  url::QueryParams q{{"sort_field", "order_create_time"}, {"sort_order", "ASC"}};
  add_range(q, t, "search_time_ge", "search_time_lt");
  add_page(q, token, size);
  return get("/finance/202507/orders/unsettled", std::move(q), "unsettled transactions");
}

}  // namespace ocean::tiktok::finance
