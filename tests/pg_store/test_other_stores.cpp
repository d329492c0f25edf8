// The rooms' stores on both backends, each method run against real tables: operations (idempotency
// keys, LIVE sessions, affiliate orders, analytics), order notes, the integration log, dead letters,
// alerts, bulk-listing jobs and the finance tables.
#include <catch2/catch.hpp>

#include "alerts/alert_store.hpp"
#include "backend.hpp"
#include "catalog/publish_store.hpp"
#include "finance/finance_store.hpp"
#include "model/parse_api.hpp"
#include "store/audit_log.hpp"
#include "store/commerce_sqlite.hpp"
#include "store/dead_letters.hpp"
#include "store/ops_store.hpp"
#include "store/order_notes.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;

namespace {
model::OrderRecord order(const std::string& id, const std::string& status, std::int64_t update, std::int64_t rts) {
  return model::parse_order(json::object{{"id", id},
                                         {"status", status},
                                         {"create_time", 1000},
                                         {"update_time", update},
                                         {"rts_sla_time", rts},
                                         {"line_items", json::array{json::object{{"id", id + "-1"},
                                                                                 {"sku_id", "s1"},
                                                                                 {"product_id", "p1"},
                                                                                 {"seller_sku", "ERP-1"},
                                                                                 {"sale_price", "2.50"}}}}});
}
}  // namespace

TEST_CASE("ops store: idempotency keys, LIVE sessions, affiliate orders and analytics snapshots") {
  const auto b = make_backend(BACKEND(), "ops-store");
  store::CommerceSqliteStore commerce(b->location);
  store::OpsStore ops(commerce.database());
  const auto key = ops.idempotency_key("ship", "o1", "{}", 1);
  CHECK(ops.idempotency_key("ship", "o1", "{}", 2) == key);
  CHECK_FALSE(ops.idempotency_completed_at(key));
  ops.idempotency_done(key, 5);
  CHECK(ops.idempotency_completed_at(key) == std::optional<std::int64_t>(5));

  store::LiveSession s{"l1", "Show", 100, 200, "planned", "", "[]", 1, 1, "", 0};
  ops.insert_live_session(s);
  ops.insert_live_session({"l2", "Later", 300, 400, "planned", "", "[]", 1, 1, "", 0});
  CHECK(ops.live_session("l1")->title == "Show");
  CHECK(ops.live_sessions(std::nullopt, std::nullopt, std::nullopt).size() == 2);
  CHECK(ops.live_sessions(std::string("planned"), 150, 250).size() == 1);
  s.status = "cancelled";
  ops.update_live_session(s);
  CHECK(ops.live_sessions(std::string("cancelled"), std::nullopt, std::nullopt).size() == 1);

  ops.upsert_affiliate_orders({{"a1", "p1", "s1", "creator", "PAID", "GBP", "10.00", "1.00", 50, "VIDEO", "v1", "{}"},
                               {"a1", "p2", "s2", "creator", "PAID", "GBP", "5.50", "0.50", 50, "VIDEO", "v1", "{}"}},
                              1);
  ops.upsert_affiliate_orders({{"a1", "p1", "s1", "creator", "PAID", "GBP", "10.00", "1.00", 50, "VIDEO", "v1", "{}"}},
                              2);
  CHECK(ops.affiliate_order_lines() == 1);  // a re-read order replaces its lines
  const auto totals = ops.creator_totals(std::nullopt, 0, 100);
  REQUIRE(totals.size() == 1);
  CHECK(totals[0].orders == 1);
  CHECK(ops.creator_totals(std::string("nobody"), std::nullopt, std::nullopt).empty());
  CHECK(ops.affiliate_orders_by_content("v1") == std::vector<std::string>{"a1"});
  const auto id1 = ops.insert_analytics_snapshot("shop", "{}", "{\"x\":1}", 7);
  CHECK(ops.insert_analytics_snapshot("shop", "{}", "{\"x\":2}", 8) > id1);
  CHECK(ops.analytics_snapshot_count("shop") == 2);
}

TEST_CASE("order notes: external references, the carrier map, dispatch-due orders and alerts sent once") {
  const auto b = make_backend(BACKEND(), "order-notes");
  store::CommerceSqliteStore commerce(b->location);
  store::OrderNotes notes(commerce.database());
  notes.set_external_ref("o1", "ERP-1", "erp", 1);
  notes.set_external_ref("o1", "ERP-2", "erp", 2);
  CHECK(notes.external_ref("o1") == std::optional<std::string>("ERP-2"));
  notes.set_carrier({"DHL", "opt1", "prov1", "DHL UK", 1});
  notes.set_carrier({"DHL", "opt1", "prov2", "DHL Express", 2});
  CHECK(notes.carrier("DHL", "opt1")->shipping_provider_id == "prov2");
  CHECK(notes.carriers(std::nullopt).size() == 1);
  CHECK(notes.carriers(std::string("UPS")).empty());
  commerce.in_transaction([&] {
    commerce.upsert_order(order("o1", "AWAITING_SHIPMENT", 10, 5000), 1, "sync");
    commerce.upsert_order(order("o2", "AWAITING_SHIPMENT", 10, 9000), 1, "sync");
    commerce.upsert_order(order("o3", "DELIVERED", 10, 4000), 1, "sync");
  });
  const auto due = notes.unshipped_due_by(6000);
  REQUIRE(due.size() == 1);
  CHECK(due[0].order_id == "o1");
  CHECK(due[0].ship_by == 5000);
  CHECK(notes.mark_alert("o1", "dispatch_due", 5000, 1));
  CHECK_FALSE(notes.mark_alert("o1", "dispatch_due", 5000, 2));
}

TEST_CASE("integration log: rows, filters, cursor and pruning") {
  const auto b = make_backend(BACKEND(), "audit-log");
  store::CommerceSqliteStore commerce(b->location);
  store::AuditLog log(commerce.database());
  log.record({"orders.ship", 100, 110, "ok", 0, 1, 0, "", "", "req-1", 1});
  log.record({"sync:orders", 200, 300, "failed", 2, 100, 1, "boom", "retry", "", 2});
  log.record({"sync:products", 400, 500, "ok", 1, 10, 0, "", "", "", 1});
  CHECK(log.search({}).size() == 3);
  CHECK(log.search({std::string("sync:"), std::nullopt, std::nullopt, std::nullopt, 50}).size() == 2);
  CHECK(log.search({std::string("orders.ship"), std::nullopt, std::nullopt, std::nullopt, 50}).size() == 1);
  CHECK(log.search({std::nullopt, std::string("failed"), std::nullopt, std::nullopt, 50}).size() == 1);
  CHECK(log.search({std::nullopt, std::nullopt, 200, std::nullopt, 50}).size() == 2);
  const auto newest = log.search({}).front().id;
  CHECK(log.search({std::nullopt, std::nullopt, std::nullopt, newest, 50}).size() == 2);
  CHECK(commerce.recent_runs(10).size() == 2);  // background runs: the kinds without a dot
  CHECK(log.prune(300) == 2);
  CHECK(log.search({}).size() == 1);
}

TEST_CASE("dead letters: failed webhooks and stock pushes listed, requeued and dismissed") {
  const auto b = make_backend(BACKEND(), "dead-letters");
  store::CommerceSqliteStore commerce(b->location);
  store::DeadLetters letters(commerce.database());
  commerce.inbox_insert("n1", 1, "shop", 5, "{}", 1);
  const auto item = commerce.inbox_pending(1).at(0);
  commerce.inbox_finish(item.id, "failed", "HTTP 500", 9);
  commerce.in_transaction([&] { commerce.enqueue_stock({"ERP-1", "p1", "s1", "w1", 5, 0, 0, 5, 0, "", 0, ""}, 1); });
  const auto push = commerce.outbox_due(10, 10).at(0);
  commerce.outbox_failed(push.id, "rejected", 10);
  CHECK(letters.list("").size() == 2);
  REQUIRE(letters.find("webhook", item.id));
  CHECK(letters.find("webhook", item.id)->notification_id == "n1");
  CHECK(letters.requeue("stock_push", push.id, 11) == store::Requeue::requeued);
  CHECK(letters.state_of("stock_push", push.id) == "pending");
  CHECK(letters.dismiss("webhook", item.id, 12));
  CHECK_FALSE(letters.dismiss("webhook", item.id, 13));
  CHECK(letters.list("").empty());
}

TEST_CASE("alerts raised once, and bulk-listing jobs with their items") {
  const auto b = make_backend(BACKEND(), "alerts-publish");
  store::CommerceSqliteStore commerce(b->location);
  alerts::AlertStore alerts(commerce.database());
  CHECK(alerts.mark("token_expiry", "acct", "2026-12", "a1", 1));
  CHECK_FALSE(alerts.mark("token_expiry", "acct", "2026-12", "a2", 2));
  alerts.clear("token_expiry", "acct");
  CHECK(alerts.count() == 0);

  catalog::PublishStore jobs(commerce.database());
  catalog::PublishJob job{"j1", "sha", "request", 2, "open", "", 0, 100, 100, 0};
  catalog::PublishItem item{0, "P-1", "[\"A\"]", "{}", "pending", "", "[]", "", 0, 0};
  catalog::PublishItem item2 = item;
  item2.index = 1;
  jobs.create_job(job, {item, item2});
  CHECK(jobs.job("j1")->total == 2);
  CHECK(jobs.recent_jobs(5).size() == 1);
  CHECK(jobs.acquire("j1", "me", 200, 1000, ""));
  CHECK_FALSE(jobs.acquire("j1", "other", 300, 1000, ""));
  CHECK(jobs.acquire("j1", "other", 300, 1000, "me"));  // the owner is known dead
  jobs.mark_in_flight("j1", 0, "other", 310, 1000);
  jobs.mark_listed("j1", 0, "tt-1", "[]", "", 320);
  jobs.mark_failed("j1", 1, "bad title", 330);
  const auto c = jobs.counts("j1");
  CHECK(c.listed == 1);
  CHECK(c.failed == 1);
  CHECK_FALSE(jobs.next_open("j1", -1));
  CHECK(jobs.items("j1", -1, std::string("failed"), 10).size() == 1);
  CHECK(jobs.items("j1", -1, std::nullopt, 10).size() == 2);
  jobs.finish("j1", 400);
  jobs.release("j1", "other");
  CHECK(jobs.job("j1")->state == "finished");
  CHECK(jobs.job("j1")->owner.empty());
}

TEST_CASE("finance store: statements, transactions, payments, withdrawals, cursors and the order link") {
  const auto b = make_backend(BACKEND(), "finance-store");
  store::CommerceSqliteStore commerce(b->location);
  commerce.in_transaction([&] { commerce.upsert_order(order("o1", "DELIVERED", 10, 0), 1, "sync"); });
  finance::FinanceStore fs(b->location);
  fs.save_cursor({"statements", 50, "", "", 0, 0, 1});
  fs.save_cursor({"statements", 60, "{}", "tok", 1, 55, 2});
  CHECK(fs.cursor("statements").watermark == 60);
  CHECK(fs.cursor("statements").page_token == "tok");
  CHECK(fs.upsert_statement({"st1", 1000, "GBP", 250, "PAID", "pay1", "{}"}, 1).inserted);
  CHECK_FALSE(fs.upsert_statement({"st1", 1000, "GBP", 250, "PAID", "pay1", "{}"}, 2).inserted);
  fs.in_transaction([&] {
    fs.upsert_transaction({"t1", "st1", "order", "ORDER", "o1", 1000, "GBP", 250, 300, 0, -50, 0, 250, "{}"});
    fs.upsert_transaction({"t1", "st1", "order", "ORDER", "o1", 1000, "GBP", 251, 300, 0, -49, 0, 250, "{}"});
  });
  CHECK(fs.statements_without_transactions() == std::vector<std::string>{"st1"});
  fs.finish_transactions("st1", 1);
  CHECK(fs.transactions_done("st1"));
  CHECK(fs.transactions_of("st1").at(0).settlement == 251);
  fs.forget_transactions_done();
  CHECK_FALSE(fs.transactions_done("st1"));
  CHECK(fs.upsert_payment({"pay1", 1000, "PROCESSING", "GBP", 250, "{}"}, 1).inserted);
  CHECK(fs.upsert_payment({"pay1", 1000, "PAID", "GBP", 250, "{}"}, 2).became_paid);
  fs.upsert_withdrawal({"w1", "WITHDRAW", 1000, "SUCCESS", "GBP", 250, "{}"}, 1);
  CHECK(fs.payments().size() == 1);
  CHECK(fs.withdrawals().size() == 1);
  CHECK(fs.statements(0, 2000).size() == 1);
  CHECK(fs.statement("st1")->settlement == 250);
  CHECK(fs.count("finance_transactions") == 1);
  REQUIRE(fs.mirrored_order("o1"));
  CHECK(fs.mirrored_order("o1")->lines.size() == 1);
  CHECK(fs.delivered_unsettled(100).empty());  // o1 has its ORDER transaction
  CHECK(fs.shop_region().empty());
}
