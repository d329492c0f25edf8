// What only the PostgreSQL backend has: several processes sharing one account's schema (migrations
// run once, the inbox unique across processes), sealed secrets in the raw tables, the host-wide LIVE
// calendar in schema ocean_host, and the lease fence's commit guard (store/fence.hpp).
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <vector>

#include "backend.hpp"
#include "mirror/sync_lease.hpp"
#include "ocean_common/pg.hpp"
#include "store/commerce_sqlite.hpp"
#include "store/fence.hpp"
#include "store/migrations.hpp"
#include "store/ops_live_registry.hpp"
#include "store/sqlite_store.hpp"
#include "test_host.hpp"

using namespace ocean::tiktok;

namespace {

// Runs `fn` in `n` child processes started together; returns how many exited 0.
int in_processes(int n, const std::function<void(int)>& fn) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::vector<pid_t> children;
  for (int i = 0; i < n; ++i) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[1]);
      char go = 0;
      const bool started = ::read(fds[0], &go, 1) >= 0;  // all children start at the same moment
      int code = started ? 0 : 3;
      try {
        fn(i);
      } catch (...) {
        code = 1;
      }
      ::_exit(code);
    }
    children.push_back(pid);
  }
  ::close(fds[0]);
  ::close(fds[1]);  // EOF releases every child at once
  int ok = 0;
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++ok;
  }
  return ok;
}

void create_lease_table(ocean::pg::Connection& c) {
  // The contract's DDL (erp-host creates it on a cluster).
  c.exec(
      "CREATE SCHEMA IF NOT EXISTS ocean_cluster; CREATE TABLE IF NOT EXISTS ocean_cluster.account_leases ("
      "account_id text primary key, owner_node text, fence bigint not null, expires_at timestamptz not null)");
}

}  // namespace

TEST_CASE("PostgreSQL: processes opening one schema together migrate it once") {
  const auto b = make_backend("postgresql", "pg-migrate-race");
  const int ok = in_processes(4, [&](int) { store::CommerceSqliteStore s(b->location); });
  CHECK(ok == 4);
  CHECK(b->count("SELECT COUNT(*) FROM ocean_schema_version") == 1);
  CHECK(b->count("SELECT version FROM ocean_schema_version") == store::latest_schema_version());
  store::CommerceSqliteStore s(b->location);
  CHECK(s.order_count() == 0);
}

TEST_CASE("PostgreSQL: the webhook inbox keeps one row per notification id when processes insert at once") {
  const auto b = make_backend("postgresql", "pg-inbox-race");
  { store::CommerceSqliteStore s(b->location); }
  const int ok = in_processes(4, [&](int) {
    store::CommerceSqliteStore s(b->location);
    for (int n = 0; n < 40; ++n) s.inbox_insert("n-" + std::to_string(n), 1, "shop", 5, "{}", 1);
  });
  CHECK(ok == 4);
  CHECK(b->count("SELECT COUNT(*) FROM webhook_inbox") == 40);
  CHECK(b->count("SELECT COUNT(DISTINCT notification_id) FROM webhook_inbox") == 40);
}

TEST_CASE("PostgreSQL: a later order update never loses to an earlier one written by another process") {
  const auto b = make_backend("postgresql", "pg-order-race");
  { store::CommerceSqliteStore s(b->location); }
  const int ok = in_processes(4, [&](int child) {
    store::CommerceSqliteStore s(b->location);
    for (int t = 0; t < 25; ++t) {
      const int update_time = 100 + (child % 2 == 0 ? t : 24 - t);  // two ascending, two descending
      model::OrderRecord o;
      o.id = "o1";
      o.status = "S" + std::to_string(update_time);
      o.update_time = update_time;
      o.raw_json = "{\"update_time\":" + std::to_string(update_time) + "}";
      s.in_transaction([&] { s.upsert_order(o, 1, "sync"); });
    }
  });
  CHECK(ok == 4);
  store::CommerceSqliteStore s(b->location);
  REQUIRE(s.order("o1"));
  CHECK(s.order("o1")->update_time == 124);
  CHECK(s.order("o1")->status == "S124");
  CHECK(b->count("SELECT COUNT(*) FROM orders") == 1);
}

TEST_CASE("PostgreSQL: no plaintext token or secret in any table of the schema") {
  const auto b = make_backend("postgresql", "pg-sealed");
  const std::string secret = "APP-SECRET-6a1f0c", access = "ACCESS-TOKEN-77e2b9", refresh = "REFRESH-TOKEN-0d4c1a";
  {
    store::SqliteStore s(b->location, SecretBox::from_host_secret("key-A"));
    s.put_secret("app_secret", secret, 1);
    store::AccountRecord r;
    r.state = store::LinkState::connected;
    r.shop = {"7495", "Shop", "GB", "LOCAL", "ROW_c", "GB1"};
    s.save_connection(r, store::TokenSet{access, refresh, 1000, 2000, 100});
    REQUIRE(s.tokens()->access_token == access);
  }
  ocean::pg::Connection raw(b->location.pg->conninfo);
  auto tables = raw.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = 'acct_test'");
  REQUIRE(tables.rows() > 10);
  std::string all;
  for (int i = 0; i < tables.rows(); ++i) {
    auto rows =
        raw.exec("SELECT CAST(t AS TEXT) FROM acct_test." + ocean::pg::quote_identifier(tables.text(i, 0)) + " AS t");
    for (int r = 0; r < rows.rows(); ++r) all += rows.text(r, 0) + "\n";
  }
  CHECK(all.find("ROW_c") != std::string::npos);  // the dump does hold the account's rows
  for (const auto& plain : {secret, access, refresh}) {
    CHECK(all.find(plain) == std::string::npos);
    std::string hex;
    for (unsigned char c : plain) {
      static const char* digits = "0123456789abcdef";
      hex += digits[c >> 4];
      hex += digits[c & 15];
    }
    CHECK(all.find(hex) == std::string::npos);  // nor as a bytea's hex
  }
  store::SqliteStore wrong(b->location, SecretBox::from_host_secret("key-B"));
  CHECK_THROWS_WITH(wrong.secret("app_secret"), Catch::Contains("cannot be decrypted"));
}

TEST_CASE("PostgreSQL: the LIVE calendar is shared by every account in schema ocean_host") {
  const auto b = make_backend("postgresql", "pg-live");
  const auto where = store::LiveRegistry::location("unused", b->location.pg);
  store::LiveRegistry a(where), c(where);
  CHECK(a.path() == "PostgreSQL schema ocean_host");
  CHECK(a.reserve({"acct-a", "s1", "Show", 1000, 2000}, false, 1).empty());
  const auto clash = c.reserve({"acct-b", "s2", "Other", 1500, 2500}, false, 2);
  REQUIRE(clash.size() == 1);
  CHECK(clash[0].account_id == "acct-a");
  CHECK(c.reserve({"acct-b", "s2", "Other", 1500, 2500}, true, 3).empty());
  CHECK(a.overlapping(0, 5000).size() == 2);
  ocean::pg::Connection raw(b->location.pg->conninfo);
  CHECK(raw.exec("SELECT COUNT(*) FROM ocean_host.live_windows").int64(0, 0) == 2);
}

TEST_CASE("lease fence: a commit after the lease's fence changed is refused and rolled back") {
  const auto b = make_backend("postgresql", "pg-fence");
  ocean::pg::Connection admin(b->location.pg->conninfo);
  create_lease_table(admin);
  admin.exec("INSERT INTO ocean_cluster.account_leases VALUES ('shop-1', 'node-a', 7, now() + interval '30 seconds')");
  store::CommerceSqliteStore s(b->location);
  CHECK(db::read_fence(s.database(), "shop-1", "node-a") == std::optional<std::int64_t>(7));
  CHECK_FALSE(db::read_fence(s.database(), "shop-1", "node-b"));  // not the owner: no background work
  {
    db::FenceScope scope({"shop-1", "node-a", 7});
    s.set_meta("k", "v1");  // a single write gets its own fenced transaction
    s.in_transaction([&] { s.inbox_insert("n1", 1, "shop", 5, "{}", 1); });
    // Another node takes the account over: the fence moves on.
    admin.exec("UPDATE ocean_cluster.account_leases SET owner_node = 'node-b', fence = 8 WHERE account_id = 'shop-1'");
    CHECK_THROWS_AS(s.set_meta("k", "v2"), db::Fenced);
    CHECK_THROWS_WITH(s.in_transaction([&] {
      s.inbox_insert("n2", 1, "shop", 5, "{}", 2);
      s.set_meta("k", "v3");
    }),
                      Catch::Contains("fenced"));
    CHECK_THROWS_AS(s.inbox_insert("n3", 1, "shop", 5, "{}", 3), db::Fenced);  // insert-only is fenced too
    CHECK(scope.refused() == 3);
  }
  CHECK(s.meta("k") == std::optional<std::string>("v1"));
  CHECK(s.inbox_count("") == 1);  // n2 rolled back with the rest of its transaction
  // Without a fence scope (no lease configured) writes go on as before.
  s.set_meta("k", "v4");
  CHECK(s.meta("k") == std::optional<std::string>("v4"));
  // The same owner with an old fence (it lost the account and got it back) is refused too.
  admin.exec("UPDATE ocean_cluster.account_leases SET owner_node = 'node-a', fence = 9 WHERE account_id = 'shop-1'");
  db::FenceScope stale({"shop-1", "node-a", 8});
  CHECK_THROWS_AS(s.set_meta("k", "v5"), db::Fenced);
}

TEST_CASE("lease fence: an expired lease is not held, so the tick does no background work") {
  const auto b = make_backend("postgresql", "pg-fence-expired");
  ocean::pg::Connection admin(b->location.pg->conninfo);
  create_lease_table(admin);
  admin.exec("INSERT INTO ocean_cluster.account_leases VALUES ('shop-1', 'node-a', 3, now() - interval '1 second')");
  store::CommerceSqliteStore s(b->location);
  CHECK_FALSE(db::read_fence(s.database(), "shop-1", "node-a"));
}

TEST_CASE("lease fence: a takeover waits for a fenced commit in flight, which therefore succeeds first") {
  const auto b = make_backend("postgresql", "pg-fence-share");
  ocean::pg::Connection admin(b->location.pg->conninfo);
  create_lease_table(admin);
  admin.exec("INSERT INTO ocean_cluster.account_leases VALUES ('shop-1', 'node-a', 7, now() + interval '30 seconds')");
  admin.exec("SET lock_timeout = '200ms'");
  store::CommerceSqliteStore s(b->location);
  db::FenceScope scope({"shop-1", "node-a", 7});
  bool takeover_blocked = false;
  s.in_transaction([&] {
    s.set_meta("k", "v1");
    // Inside the transaction the guard has not run yet; a raw FOR SHARE stands in for it here, then
    // the takeover cannot update the row until this transaction ends.
    s.database().exec("SELECT fence FROM ocean_cluster.account_leases WHERE account_id = 'shop-1' FOR SHARE");
    try {
      admin.exec(
          "UPDATE ocean_cluster.account_leases SET owner_node = 'node-b', fence = 8 WHERE account_id = 'shop-1'");
    } catch (const ocean::pg::Error& e) {
      takeover_blocked = e.sqlstate() == "55P03";  // lock_not_available
    }
  });
  CHECK(takeover_blocked);
  CHECK(s.meta("k") == std::optional<std::string>("v1"));
  CHECK(scope.refused() == 0);
}

TEST_CASE("PostgreSQL: a store whose connection was lost connects again and goes on") {
  const auto b = make_backend("postgresql", "pg-reconnect");
  store::CommerceSqliteStore s(b->location);
  s.set_meta("k", "v1");
  CHECK(s.meta("k") == std::optional<std::string>("v1"));  // run twice: prepared on the server
  CHECK(s.meta("k") == std::optional<std::string>("v1"));
  auto pid = s.database().prepare("SELECT pg_backend_pid()");
  REQUIRE(pid.step());
  ocean::pg::Connection admin(b->location.pg->conninfo);
  admin.exec("SELECT pg_terminate_backend($1)", {ocean::pg::Param::integer(pid.int64(0))});
  CHECK(s.meta("k") == std::optional<std::string>("v1"));  // a read on a new connection
  s.set_meta("k", "v2");                                   // a write: BEGIN on a new connection
  CHECK(s.meta("k") == std::optional<std::string>("v2"));
  CHECK(s.order_count() == 0);
}

TEST_CASE("PostgreSQL: a writer that cannot get the account's write lock fails and leaves no transaction open") {
  const auto b = make_backend("postgresql", "pg-lock-timeout");
  store::CommerceSqliteStore a(b->location), other(b->location);
  other.database().exec("SET lock_timeout = '100ms'");
  a.in_transaction([&] {
    a.set_meta("k", "held");
    CHECK_THROWS_WITH(other.set_meta("k", "blocked"), Catch::Contains("lock"));
  });
  CHECK_FALSE(other.database().in_transaction());
  other.set_meta("k", "after");  // the connection goes on working
  CHECK(a.meta("k") == std::optional<std::string>("after"));
}

TEST_CASE("PostgreSQL: webhook intake does not wait for a writer holding the account's lock") {
  const auto b = make_backend("postgresql", "pg-intake-unlocked");
  store::CommerceSqliteStore sync(b->location), intake(b->location);
  intake.database().exec("SET lock_timeout = '100ms'");
  sync.in_transaction([&] {
    sync.set_meta("k", "a sync page in flight");
    CHECK(intake.inbox_insert("n1", 1, "shop", 5, "{}", 1));  // not blocked: insert-only
    CHECK_FALSE(intake.inbox_insert("n1", 1, "shop", 5, "{}", 2));
    CHECK_THROWS(intake.set_meta("k", "other"));  // an ordinary write waits for the lock (and times out here)
  });
  CHECK(intake.inbox_count("pending") == 1);
}

// A node killed (or paused) mid-sync on another machine leaves the account's sync lease behind; the
// pid check cannot see it. Its owner id records the fence it synced under, so the node that took the
// account over (a higher fence) takes the sync lease at once instead of waiting for it to expire.
TEST_CASE("lease fence: the new owner takes over at once a sync lease left by a node with an older fence") {
  const auto b = make_backend("postgresql", "pg-fence-sync-lease");
  ocean::pg::Connection admin(b->location.pg->conninfo);
  create_lease_table(admin);
  admin.exec("INSERT INTO ocean_cluster.account_leases VALUES ('shop-1', 'node-b', 5, now() + interval '30 seconds')");
  store::CommerceSqliteStore s(b->location);
  TestHost host("/nonexistent");
  // A holder under the current fence 5 (node-b itself, in a process elsewhere) keeps its lease.
  const std::string current_holder = "other-machine:4241:0a0b0c/fence=5";
  REQUIRE(s.acquire_sync_lease(current_holder, host.wall_ms(), 60'000));
  mirror::SyncLease lease(s, host, 60'000);
  db::FenceScope scope({"shop-1", "node-b", 5});
  CHECK_THROWS_WITH(lease.acquire(), Catch::Contains("another process is syncing"));
  // node-a synced under fence 4 on another machine and vanished; its lease has 60 s left.
  const std::string gone_holder = "other-machine:4242:0a0b0c/fence=4";
  REQUIRE(s.take_over_sync_lease(current_holder, gone_holder, host.wall_ms(), 60'000));
  CHECK(mirror::lease_owner_fence(gone_holder) == std::optional<std::int64_t>(4));
  CHECK_FALSE(mirror::lease_owner_fence("other-machine:4242:0a0b0c"));
  {
    // A sync under a stale fence cannot even take the lease: its commit is refused, and the failure
    // leaves the account free to sync again.
    db::FenceScope stale({"shop-1", "node-b", 4});
    CHECK_THROWS_AS(lease.acquire(), db::Fenced);
  }
  {
    const auto held = lease.acquire();
    const auto [holder, expires] = s.sync_lease_holder();
    (void)expires;
    CHECK(mirror::lease_owner_fence(holder) == std::optional<std::int64_t>(5));
    CHECK(holder != gone_holder);
  }
  CHECK(s.sync_lease_holder().first.empty());  // released when the hold ended
  CHECK(scope.refused() == 0);
}

TEST_CASE("sync lease: an explicit sync waits for another machine's lease, fence or not") {
  const auto b = make_backend("postgresql", "pg-sync-lease-explicit");
  store::CommerceSqliteStore s(b->location);
  TestHost host("/nonexistent");
  REQUIRE(s.acquire_sync_lease("other-machine:4242:0a0b0c/fence=4", host.wall_ms(), 60'000));
  mirror::SyncLease lease(s, host, 60'000);
  CHECK_THROWS_WITH(lease.acquire(), Catch::Contains("another process is syncing"));
  CHECK_FALSE(lease.syncing());
}
