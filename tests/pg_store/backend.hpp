// The two store backends for one test case: every store suite here runs each case on SQLite (a file
// in a temp dir) and on PostgreSQL (a fresh database on the shared test server, schema acct_test).
//
//   const auto b = make_backend(BACKEND(), "orders");
//   store::CommerceSqliteStore s(b->location);
//   CHECK(b->count("SELECT COUNT(*) FROM orders") == 1);
#pragma once
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "pg_server.hpp"
#include "store/db.hpp"
#include "store/location.hpp"
#include "store/open.hpp"
#include "test_dirs.hpp"

// Generates the backend names; a test case runs once per name.
#define BACKEND() GENERATE(as<std::string>{}, "sqlite", "postgresql")

struct Backend {
  Backend(const std::string& which, const std::string& tag) : name(which), dir(tag) {
    if (which == "postgresql") {
      location.pg = ocean::tiktok::store::PgLocation{ocean::testing::PgServer::shared().fresh_database(), "acct_test"};
    } else {
      location.sqlite_path = (dir.path() / "tiktok_shop.db").string();
    }
  }
  bool pg() const { return location.pg.has_value(); }
  // A connection of its own, for reading the tables as an operator would.
  std::unique_ptr<ocean::tiktok::db::Database> raw() const { return ocean::tiktok::store::open_database(location); }
  // The first column of the first row of `sql`, or -1 when it gives no row.
  std::int64_t count(const std::string& sql) const {
    auto db = raw();
    auto st = db->prepare(sql);
    return st.step() ? st.int64(0) : -1;
  }

  std::string name;
  TempDir dir;
  ocean::tiktok::store::Location location;
};

inline std::unique_ptr<Backend> make_backend(const std::string& which, const std::string& tag) {
  auto b = std::make_unique<Backend>(which, tag);
  UNSCOPED_INFO("backend: " << which);
  return b;
}
