// bench_finance [orders] [orders_per_statement]: builds a finance mirror of N settled orders (orders,
// their lines and status history, daily statements, one ORDER transaction per order and some
// adjustment rows) in a real SQLite file, then runs finance.reconcile over the whole history once and
// prints the time, the answer's size, the mismatches found (0 expected) and the peak RSS.
#include <sys/resource.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "finance/finance_store.hpp"
#include "finance/money.hpp"
#include "finance/reconcile.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"

namespace {

namespace json = boost::json;
using namespace ocean::tiktok;
using Clock = std::chrono::steady_clock;

long peak_rss_kb() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Orders with one to three SKU lines, delivered and completed (raw SQL, as the order sync writes them).
void add_orders(sqlite::Database& db, int n, std::int64_t start) {
  auto order = db.prepare(
      "INSERT INTO orders (order_row, order_id, status, create_time, update_time, raw_json, first_seen_ms, "
      "synced_at_ms) VALUES (?, ?, 'COMPLETED', ?, ?, '{}', 0, 0)");
  auto line = db.prepare(
      "INSERT INTO order_lines (order_row, sku_id, order_id, product_id, seller_sku, quantity, unit_price, "
      "line_item_ids) VALUES (?, ?, ?, 'p', 's', ?, ?, 'l')");
  auto hist = db.prepare(
      "INSERT INTO order_status_history (order_row, update_time, status, order_id, recorded_at_ms, source) "
      "VALUES (?, ?, 'DELIVERED', ?, 0, 'sync')");
  for (int i = 0; i < n; ++i) {
    const std::string id = "576" + std::to_string(100000000000000 + i);
    const std::int64_t created = start + i * 60;
    order.bind(1, std::int64_t{i + 1}).bind(2, id).bind(3, created).bind(4, created + 9 * 86400).run();
    order.reset();
    for (int l = 0; l <= i % 3; ++l) {
      line.bind(1, std::int64_t{i + 1}).bind(2, "sku" + std::to_string(l)).bind(3, id).bind(4, std::int64_t{1 + l});
      line.bind(5, finance::format_minor(1999 + 100 * l, 2)).run();
      line.reset();
    }
    hist.bind(1, std::int64_t{i + 1}).bind(2, created + 3 * 86400).bind(3, id).run();
    hist.reset();
  }
}

// Settles every order: one statement per `per_statement` orders, amounts that balance exactly.
void add_finance(finance::FinanceStore& fs, int n, int per_statement, std::int64_t start) {
  for (int first = 0; first < n; first += per_statement) {
    finance::StatementRow s;
    s.id = "st" + std::to_string(first);
    s.statement_time = start + (first / per_statement + 1) * 86400;
    s.currency = "USD";
    s.payment_status = "PAID";
    s.raw_json = "{}";
    for (int i = first; i < std::min(n, first + per_statement); ++i) {
      std::int64_t sales = 0;
      for (int l = 0; l <= i % 3; ++l) sales += (1999 + 100 * l) * (1 + l);
      finance::TransactionRow t{
          "tx" + std::to_string(i), s.id,  "order", "ORDER", "576" + std::to_string(100000000000000 + i),
          start + i * 60,           "USD", 0,       sales,   -250,
          -(sales * 8 / 100),       0,     sales,   "{}"};
      t.settlement = t.revenue + t.shipping + t.fee_tax;
      s.settlement += t.settlement;
      fs.upsert_transaction(t);
    }
    fs.upsert_statement(s, 0);
    fs.finish_transactions(s.id, std::min(per_statement, n - first));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int orders = argc > 1 ? std::stoi(argv[1]) : 100000;
  const int per_statement = argc > 2 ? std::stoi(argv[2]) : 100;
  const auto dir = std::filesystem::temp_directory_path() / ("bench_finance_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "tiktok_shop.db").string();
  const std::int64_t start = 1735689600;  // 2025-01-01
  const auto t0 = Clock::now();
  {
    sqlite::Database db(path);
    store::migrate(db);
    db.transaction([&] { add_orders(db, orders, start); });
  }
  finance::FinanceStore fs(path);
  fs.in_transaction([&] { add_finance(fs, orders, per_statement, start); });
  const double setup_ms = ms_since(t0);
  const long rss_before = peak_rss_kb();

  const auto t1 = Clock::now();
  finance::ReconcileRequest req;
  req.as_of = start + 2000 * 86400;
  const json::object answer = finance::reconcile(fs, req);
  const double reconcile_ms = ms_since(t1);
  const std::size_t bytes = json::serialize(answer).size();

  std::printf("bench_finance: %d settled orders, %zu statements, %zu mismatches, %zu unsettled\n", orders,
              answer.at("statements").as_array().size(), answer.at("mismatches").as_array().size(),
              answer.at("orders_unsettled").as_array().size());
  std::printf("  setup (SQLite mirror written): %.0f ms\n", setup_ms);
  std::printf("  reconcile whole history:       %.0f ms (%.2f us per order), answer %zu bytes\n", reconcile_ms,
              reconcile_ms * 1000.0 / orders, bytes);
  std::printf("  peak RSS: %.1f MB before reconcile, %.1f MB after\n", rss_before / 1024.0, peak_rss_kb() / 1024.0);
  std::filesystem::remove_all(dir);
  return 0;
}
