// The commerce store on both backends (real SQLite files, real PostgreSQL schemas): idempotent upserts, a later update
// never losing, status history, keyset paging, the inbox's uniqueness, the outbox (dedup, supersede, settle), the sync
// lease, and the oversell guard's arithmetic.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <set>
#include <string>

#include "backend.hpp"
#include "model/parse_api.hpp"
#include "mirror/stock_push.hpp"
#include "store/commerce_sqlite.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;

namespace {

model::OrderRecord order(const std::string& id, const std::string& status, std::int64_t update_time, int units = 1) {
  json::array items;
  for (int i = 0; i < units; ++i) {
    items.push_back(json::object{{"id", id + "-li" + std::to_string(i)},
                                 {"sku_id", "s1"},
                                 {"product_id", "p1"},
                                 {"seller_sku", "ERP-1"},
                                 {"sale_price", "1.00"}});
  }
  return model::parse_order(json::object{{"id", id},
                                         {"status", status},
                                         {"create_time", 1000},
                                         {"update_time", update_time},
                                         {"line_items", std::move(items)}});
}

model::ProductRecord product(const std::string& id, std::int64_t update_time, std::int64_t qty) {
  return model::parse_product(json::object{
      {"id", id},
      {"title", "T"},
      {"status", "ACTIVATE"},
      {"create_time", 1},
      {"update_time", update_time},
      {"skus", json::array{json::object{
                   {"id", id + "-s1"},
                   {"seller_sku", "ERP-" + id},
                   {"price", json::object{{"sale_price", "1.00"}, {"currency", "GBP"}}},
                   {"inventory", json::array{json::object{{"warehouse_id", "w1"}, {"quantity", qty}}}}}}}});
}

std::int64_t count(store::CommerceSqliteStore&, const std::string& db_path, const std::string& sql) {
  sqlite::Database db(db_path);
  auto st = db.prepare(sql);
  return st.step() ? st.int64(0) : -1;
}

}  // namespace

TEST_CASE("the commerce tables arrive through the shared migrations") {
  const auto b = make_backend(BACKEND(), "commerce-migrate");
  store::CommerceSqliteStore s(b->location);
  CHECK(store::schema_version(*b->raw()) == store::latest_schema_version());
  CHECK(store::latest_schema_version() >= 2);
}

TEST_CASE("the migration steps are numbered 1, 2, 3 ... in list order, with no gap and no repeat") {
  // migrate() runs every step above the file's user_version in list order and takes the last as
  // the latest: a step merged out of order or with a skipped number would never run on a file that
  // already passed it. Work merged in parallel makes that easy to get wrong.
  int expected = 1;
  for (const auto& m : store::migrations()) {
    INFO("step " << m.version << ": " << m.description);
    CHECK(m.version == expected);
    CHECK(std::string(m.sql).find_first_not_of(" \n") != std::string::npos);
    ++expected;
  }
  CHECK(store::latest_schema_version() == expected - 1);
}

TEST_CASE("migration 4 re-keys the orders a version-3 SQLite file holds, losing nothing") {
  TempDir dir("commerce-migrate-4");
  const auto path = (dir.path() / "t.db").string();
  {
    // A file as the plugin left it before migration 4, with two orders in it.
    sqlite::Database db(path);
    for (const auto& m : store::migrations()) {
      if (m.version > 3) break;
      db.exec(m.sql);
    }
    db.exec("PRAGMA user_version = 3");
    db.exec(R"sql(
      INSERT INTO orders VALUES ('o-b', 'AWAITING_SHIPMENT', 10, 20, '{"id":"o-b"}', 1, 2);
      INSERT INTO orders VALUES ('o-a', 'UNPAID', 11, 21, '{"id":"o-a"}', 3, 4);
      INSERT INTO order_lines VALUES ('o-b', 'sku-1', 'p-1', 'ERP-1', 2, '1.00', 'li-1,li-2');
      INSERT INTO order_lines VALUES ('o-b', 'sku-2', 'p-2', 'ERP-2', 1, '2.00', 'li-3');
      INSERT INTO order_lines VALUES ('o-a', 'sku-1', 'p-1', 'ERP-1', 1, '1.00', 'li-4');
      INSERT INTO order_status_history VALUES ('o-b', 'UNPAID', 15, 100, 'sync');
      INSERT INTO order_status_history VALUES ('o-b', 'AWAITING_SHIPMENT', 20, 200, 'webhook');
      INSERT INTO order_status_history VALUES ('o-a', 'UNPAID', 21, 300, 'sync');
    )sql");
  }
  store::CommerceSqliteStore s(path);
  CHECK(count(s, path, "PRAGMA user_version") == store::latest_schema_version());
  CHECK(s.order_count() == 2);
  REQUIRE(s.order("o-b"));
  CHECK(s.order("o-b")->status == "AWAITING_SHIPMENT");
  CHECK(s.order("o-b")->raw_json == R"({"id":"o-b"})");
  // Every line and history row now hangs off its own order's row number.
  CHECK(count(s, path, "SELECT COUNT(*) FROM order_lines") == 3);
  CHECK(count(s, path,
              "SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.order_row = l.order_row AND o.order_id = "
              "l.order_id") == 3);
  CHECK(count(s, path,
              "SELECT SUM(quantity) FROM order_lines l JOIN orders o USING (order_row) WHERE o.order_id = 'o-b'") == 3);
  CHECK(count(s, path,
              "SELECT COUNT(*) FROM order_status_history h JOIN orders o ON o.order_row = h.order_row AND o.order_id = "
              "h.order_id") == 3);
  CHECK(count(s, path, "PRAGMA foreign_key_check") == -1);  // no rows: every reference resolves
  // And the store goes on working on the migrated file.
  store::UpsertResult r;
  s.in_transaction([&] { r = s.upsert_order(order("o-b", "IN_TRANSIT", 30, 4), 5, "sync"); });
  CHECK(r.outcome == store::UpsertOutcome::changed);
  CHECK(count(s, path, "SELECT SUM(quantity) FROM order_lines WHERE order_id = 'o-b'") == 4);
  CHECK(count(s, path, "SELECT COUNT(*) FROM order_status_history WHERE order_id = 'o-b'") == 3);
}

TEST_CASE("order upserts are idempotent and an older update_time never wins") {
  const auto b = make_backend(BACKEND(), "commerce-orders");
  store::CommerceSqliteStore s(b->location);
  store::UpsertResult r;
  s.in_transaction([&] { r = s.upsert_order(order("o1", "UNPAID", 100, 2), 1, "sync"); });
  CHECK(r.outcome == store::UpsertOutcome::inserted);
  s.in_transaction([&] { r = s.upsert_order(order("o1", "UNPAID", 100, 2), 2, "sync"); });
  CHECK(r.outcome == store::UpsertOutcome::unchanged);
  s.in_transaction([&] { r = s.upsert_order(order("o1", "AWAITING_SHIPMENT", 200, 2), 3, "webhook"); });
  CHECK(r.outcome == store::UpsertOutcome::changed);
  CHECK(r.previous_status == "UNPAID");
  // A late, older copy (a reordered webhook, an overlap re-read) is ignored.
  s.in_transaction([&] { r = s.upsert_order(order("o1", "UNPAID", 150, 2), 4, "sync"); });
  CHECK(r.outcome == store::UpsertOutcome::stale);
  CHECK(s.order("o1")->status == "AWAITING_SHIPMENT");
  CHECK(s.order_count() == 1);
  CHECK(b->count("SELECT quantity FROM order_lines WHERE order_id = 'o1'") == 2);
  CHECK(b->count("SELECT COUNT(*) FROM order_status_history WHERE order_id = 'o1'") == 2);
}

TEST_CASE("keyset paging over (update_time, id) with status and updated_since filters") {
  const auto b = make_backend(BACKEND(), "commerce-paging");
  store::CommerceSqliteStore s(b->location);
  s.in_transaction([&] {
    for (int i = 0; i < 25; ++i)
      s.upsert_order(order("o" + std::to_string(100 + i), i % 2 ? "UNPAID" : "COMPLETED", 1000 + i / 5), 1, "sync");
  });
  store::ListQuery q;
  q.limit = 10;
  std::vector<std::string> seen;
  for (;;) {
    auto page = s.orders(q);
    for (const auto& o : page) seen.push_back(o.id);
    if (static_cast<int>(page.size()) < q.limit) break;
    q.after_update_time = page.back().update_time;
    q.after_id = page.back().id;
  }
  CHECK(seen.size() == 25);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 25);
  store::ListQuery f;
  f.status = "UNPAID";
  f.updated_since = 1003;
  f.limit = 100;
  for (const auto& o : s.orders(f)) {
    CHECK(o.status == "UNPAID");
    CHECK(o.update_time >= 1003);
  }
  CHECK(s.orders(f).size() == 5);
}

TEST_CASE("products keep per-warehouse stock and map their seller SKU unless the ERP mapped it") {
  const auto b = make_backend(BACKEND(), "commerce-products");
  store::CommerceSqliteStore s(b->location);
  s.map_sku("MY-OWN", "p2", "p2-s1");
  s.in_transaction([&] {
    s.upsert_product(product("p1", 10, 4), 1);
    s.upsert_product(product("p2", 10, 6), 1);
  });
  CHECK(s.erp_sku_of("p1-s1") == "ERP-p1");
  CHECK(s.erp_sku_of("p2-s1") == "MY-OWN");
  CHECK(s.sku_by_erp("ERP-p1")->sku_id == "p1-s1");
  CHECK(s.mirrored_stock("p1-s1") == std::vector<std::pair<std::string, std::int64_t>>{{"w1", 4}});
  s.in_transaction([&] { s.upsert_product(product("p1", 11, 9), 1); });
  CHECK(s.mirrored_stock("p1-s1") == std::vector<std::pair<std::string, std::int64_t>>{{"w1", 9}});
  store::UpsertResult r;
  s.in_transaction([&] { r = s.upsert_product(product("p1", 5, 1), 1); });
  CHECK(r.outcome == store::UpsertOutcome::stale);
  CHECK(s.mirrored_stock("p1-s1")[0].second == 9);
}

TEST_CASE("the webhook inbox stores each notification id once") {
  const auto backend = make_backend(BACKEND(), "commerce-inbox");
  store::CommerceSqliteStore a(backend->location);
  store::CommerceSqliteStore b(backend->location);  // a second connection, as webhook intake uses
  CHECK(b.inbox_insert("n1", 1, "shop", 5, "{}", 1));
  CHECK_FALSE(b.inbox_insert("n1", 1, "shop", 5, "{}", 2));
  CHECK(b.inbox_insert("n2", 1, "shop", 5, "{}", 3));
  // The other connection sees them at once (no statement left holding an old snapshot).
  CHECK(a.inbox_pending(10).size() == 2);
  a.inbox_finish(a.inbox_pending(10)[0].id, "applied", "", 4);
  CHECK(b.inbox_insert("n3", 1, "shop", 5, "{}", 5));
  CHECK(a.inbox_pending(10).size() == 2);
  CHECK(a.inbox_count("applied") == 1);
}

TEST_CASE("outbox: same value deduplicated, newer value supersedes a pending one, outcome per SKU") {
  const auto b = make_backend(BACKEND(), "commerce-outbox");
  store::CommerceSqliteStore s(b->location);
  store::StockLevel l{"ERP-1", "p1", "s1", "w1", 10, 2, 0, 8, 0, "", 0, ""};
  bool queued = false;
  s.in_transaction([&] { queued = s.enqueue_stock(l, 1); });
  CHECK(queued);
  s.in_transaction([&] { queued = s.enqueue_stock(l, 2); });
  CHECK_FALSE(queued);  // same value already pending
  l.available = 5;
  s.in_transaction([&] { queued = s.enqueue_stock(l, 3); });
  CHECK(queued);
  auto due = s.outbox_due(10, 10);
  REQUIRE(due.size() == 1);  // the 8 was superseded by the 5
  CHECK(due[0].quantity == 5);
  auto hist = s.outbox_history("s1", "w1", 10);
  REQUIRE(hist.size() == 2);
  CHECK(hist[1].state == "superseded");
  s.outbox_retry(due[0].id, "HTTP 503", 1000);
  CHECK(s.outbox_due(10, 10).empty());  // not due before its retry time
  CHECK(s.outbox_due(1000, 10).size() == 1);
  s.outbox_sent(due[0].id, 1001);
  const auto levels = s.stock_levels("s1");
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].push_status == "pushed");
  CHECK(levels[0].available == 5);
  CHECK(levels[0].pushed_at_ms == 1001);
  s.in_transaction([&] { queued = s.enqueue_stock(l, 5); });
  CHECK_FALSE(queued);  // the marketplace already has 5
}

TEST_CASE("a settled push of a superseded value does not overwrite the newer status") {
  const auto b = make_backend(BACKEND(), "commerce-outbox-race");
  store::CommerceSqliteStore s(b->location);
  store::StockLevel l{"ERP-1", "p1", "s1", "w1", 10, 0, 0, 10, 0, "", 0, ""};
  s.in_transaction([&] { s.enqueue_stock(l, 1); });
  const auto in_flight = s.outbox_due(10, 10).at(0);
  l.available = 3;
  s.in_transaction([&] { s.enqueue_stock(l, 2); });  // arrives while the 10 is being sent
  s.outbox_sent(in_flight.id, 3);
  CHECK(s.stock_levels("s1").at(0).push_status == "pending");
  CHECK(s.outbox_due(10, 10).at(0).quantity == 3);
}

TEST_CASE("one sync lease per account - it expires when its owner dies") {
  const auto backend = make_backend(BACKEND(), "commerce-lease");
  store::CommerceSqliteStore a(backend->location);
  store::CommerceSqliteStore b(backend->location);
  CHECK(a.acquire_sync_lease("A", 1000, 500));
  CHECK(a.acquire_sync_lease("A", 1100, 500));  // renewal
  CHECK_FALSE(b.acquire_sync_lease("B", 1200, 500));
  CHECK(b.acquire_sync_lease("B", 1601, 500));  // A stopped renewing
  b.release_sync_lease("B");
  CHECK(a.acquire_sync_lease("A", 1700, 500));
}

TEST_CASE("oversell guard: available = on_hand - reserved - buffer, never below zero, capped at the API's maximum") {
  CHECK(mirror::available_of(10, 3, 2) == 5);
  CHECK(mirror::available_of(5, 7, 0) == 0);
  CHECK(mirror::available_of(-4, 0, 0) == 0);
  CHECK(mirror::available_of(3, 0, 3) == 0);
  CHECK(mirror::available_of(500000, 0, 0) == mirror::kMaxQuantity);
}
