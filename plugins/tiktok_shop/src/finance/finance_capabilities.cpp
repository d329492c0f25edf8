#include "finance/finance_capabilities.hpp"

#include <boost/json.hpp>

#include "finance/money.hpp"
#include "finance/reconcile.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

namespace json = boost::json;

namespace {

// {"from", "to", "limit", "cursor"}: times RFC 3339 or Unix seconds, from before to; limit 1-100.
struct Window {
  TimeRange range;
  int limit = 20;
  std::string cursor;
};

Window window_of(const Request& r) {
  Window w;
  w.range.ge = r.opt_time("from");
  w.range.lt = r.opt_time("to");
  if (w.range.ge && w.range.lt && *w.range.ge >= *w.range.lt) r.fail("to", "must be after from");
  w.limit = static_cast<int>(r.int_in("limit", 1, 100, 20));
  w.cursor = r.opt_str("cursor").value_or("");
  return w;
}

json::value next_cursor(const std::string& token) { return token.empty() ? json::value(nullptr) : json::value(token); }

const json::object& object_of(const json::value& v, const char* what) {
  if (!v.is_object()) throw Failure(Status::permanent, std::string("the API answer's ") + what + " is not an object");
  return v.as_object();
}

}  // namespace

json::object statements_search(FinanceRoom& room, const Request& r) {
  const Window w = window_of(r);
  const NeutralMeta meta = room.meta(r.include_raw());
  std::lock_guard lock(room.mutex());
  const auto page = room.api().statements(w.range, w.cursor, w.limit);
  json::array out;
  for (const auto& s : page.items) out.push_back(statement_v1(object_of(s, "statement"), meta));
  return json::object{{"statements", std::move(out)}, {"next_cursor", next_cursor(page.next_page_token)}};
}

json::object payments_search(FinanceRoom& room, const Request& r) {
  const Window w = window_of(r);
  const bool raw = r.include_raw();
  std::lock_guard lock(room.mutex());
  // Reference finance §1.2: Get Payments is not available to SEA markets; say so without a call.
  if (const std::string region = room.store().shop_region(); is_sea_region(region)) {
    throw Failure(Status::unsupported, "TikTok's Get Payments is not available to shops in SEA markets (this shop: " +
                                           region + "); use finance.statements.search and finance.withdrawals.search");
  }
  const auto page = room.api().payments(w.range, w.cursor, w.limit);
  json::array out;
  for (const auto& p : page.items) out.push_back(payment_view(object_of(p, "payment"), raw));
  return json::object{{"payments", std::move(out)}, {"next_cursor", next_cursor(page.next_page_token)}};
}

json::object withdrawals_search(FinanceRoom& room, const Request& r) {
  const Window w = window_of(r);
  std::vector<std::string> types = r.strings("types", false);
  for (const auto& t : types) {
    if (t != "WITHDRAW" && t != "SETTLE" && t != "TRANSFER" && t != "REVERSE")
      r.fail("types", "may contain only WITHDRAW, SETTLE, TRANSFER and REVERSE, not " + t);
  }
  if (types.empty()) types = {"WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"};
  const bool raw = r.include_raw();
  std::lock_guard lock(room.mutex());
  const auto page = room.api().withdrawals(types, w.range, w.cursor, w.limit);
  json::array out;
  for (const auto& x : page.items) out.push_back(withdrawal_view(object_of(x, "withdrawal"), raw));
  return json::object{{"withdrawals", std::move(out)},
                      {"next_cursor", next_cursor(page.next_page_token)},
                      {"total_count", page.total_count}};
}

// Every page of the statement's transactions, as one settlement.v1.
json::object statement_transactions(FinanceRoom& room, const Request& r) {
  const std::string id = r.id("statement_id");
  const NeutralMeta meta = room.meta(r.include_raw());
  std::lock_guard lock(room.mutex());
  json::object header;
  json::array transactions;
  std::string token;
  for (int guard = 0; guard < 10000; ++guard) {
    json::object data = room.api().statement_transactions(id, token, 100);
    auto page = tiktok_api::read_page(data, "transactions", "statement transactions");
    for (auto& t : page.items) transactions.push_back(std::move(t));
    if (header.empty()) header = std::move(data);
    token = page.next_page_token;
    if (token.empty()) break;
  }
  return statement_with_transactions_v1(id, header, transactions, meta);
}

json::object order_transactions(FinanceRoom& room, const Request& r) {
  const std::string id = r.id("order_id");
  const bool raw = r.include_raw();
  std::lock_guard lock(room.mutex());
  return order_transactions_view(room.api().order_transactions(id), raw);
}

json::object unsettled_search(FinanceRoom& room, const Request& r) {
  const Window w = window_of(r);
  const bool raw = r.include_raw();
  std::lock_guard lock(room.mutex());
  json::object data = room.api().unsettled(w.range, w.cursor, w.limit);
  const auto* sum = data.if_contains("sum_est_settlement_amount");
  json::value sum_value = sum != nullptr && sum->is_string() ? *sum : json::value(nullptr);
  auto page = tiktok_api::read_page(std::move(data), "transactions", "unsettled transactions");
  json::array out;
  for (const auto& t : page.items) out.push_back(unsettled_view(object_of(t, "unsettled transaction"), raw));
  return json::object{{"transactions", std::move(out)},
                      {"next_cursor", next_cursor(page.next_page_token)},
                      {"total_count", page.total_count},
                      {"sum_est_settlement_amount", sum_value}};
}

json::object reconcile_capability(FinanceRoom& room, const Request& r) {
  ReconcileRequest q;
  if (r.has("statement_id")) {
    if (r.has("from") || r.has("to")) r.fail("statement_id", "is given alone, without from and to");
    q.statement_id = r.id("statement_id");
  }
  q.from = r.opt_time("from").value_or(0);
  q.to = r.opt_time("to").value_or(INT64_MAX);
  if (q.from >= q.to) r.fail("to", "must be after from");
  q.unsettled_after_days = r.int_in("unsettled_after_days", 0, 3650, 14);
  q.as_of = r.opt_time("as_of").value_or(room.host().wall_ms() / 1000);
  std::lock_guard lock(room.mutex());
  return reconcile(room.store(), q);
}

}  // namespace ocean::tiktok::finance
