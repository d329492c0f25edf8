// ocean_pg against a real PostgreSQL server (the ctest fixture's, or a private one).
#include <catch2/catch.hpp>
#include <string>

#include "ocean_common/pg.hpp"
#include "pg_server.hpp"

using ocean::pg::Connection;
using ocean::pg::Param;

TEST_CASE("pg connection: parameters round-trip text, integers, NULL and binary bytes") {
  Connection db(ocean::testing::PgServer::shared().fresh_database());
  db.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, sealed BYTEA)");
  const std::string binary("\x00\x01\xff'\"\\x", 7);
  auto inserted = db.exec("INSERT INTO t (id, name, sealed) VALUES ($1, $2, $3)",
                          {Param::integer(9007199254740993), Param::text("it's"), Param::bytes(binary)});
  CHECK(inserted.affected() == 1);
  db.exec("INSERT INTO t (id, name, sealed) VALUES ($1, $2, $3)", {Param::integer(-1), Param::null(), Param::null()});
  auto rows = db.exec("SELECT id, name, sealed FROM t ORDER BY id DESC");
  REQUIRE(rows.rows() == 2);
  CHECK(rows.int64(0, 0) == 9007199254740993);
  CHECK(rows.text(0, 1) == "it's");
  CHECK(rows.bytes(0, 2) == binary);
  CHECK(rows.int64(1, 0) == -1);
  CHECK(rows.is_null(1, 1));
  CHECK(rows.text(1, 1).empty());
  CHECK_THROWS_AS(rows.int64(0, 1), ocean::pg::Error);
  CHECK_THROWS_AS(rows.text(5, 0), ocean::pg::Error);
}

TEST_CASE("pg connection: a failed statement names its SQLSTATE and keeps bound values out of the message") {
  Connection db(ocean::testing::PgServer::shared().fresh_database());
  db.exec("CREATE TABLE t (id TEXT PRIMARY KEY)");
  db.exec("INSERT INTO t VALUES ($1)", {Param::text("token-value-123")});
  try {
    db.exec("INSERT INTO t VALUES ($1)", {Param::text("token-value-123")});
    FAIL("duplicate key accepted");
  } catch (const ocean::pg::Error& e) {
    CHECK(e.sqlstate() == "23505");
    CHECK(std::string(e.what()).find("token-value-123") == std::string::npos);
    CHECK(std::string(e.what()).find("INSERT INTO t") != std::string::npos);
  }
  CHECK_THROWS_AS(db.exec("SELEC 1"), ocean::pg::Error);
}

TEST_CASE("pg connection: a refused login names the server but never the password") {
  const std::string good = ocean::testing::PgServer::shared().conninfo();
  const std::size_t at = good.find("password=");
  REQUIRE(at != std::string::npos);
  const std::size_t end = good.find(' ', at);
  const std::string bad = good.substr(0, at) + "password=wrong-pw-987" + good.substr(end);
  try {
    Connection db(bad);
    FAIL("a wrong password connected");
  } catch (const ocean::pg::Error& e) {
    const std::string message = e.what();
    CHECK(message.find("wrong-pw-987") == std::string::npos);
    CHECK(message.find("password=***") != std::string::npos);
    CHECK(message.find("127.0.0.1") != std::string::npos);
  }
}

TEST_CASE("pg connection: transactions, search_path and quoted identifiers") {
  Connection db(ocean::testing::PgServer::shared().fresh_database());
  const std::string schema = "acct_we\"ird";
  db.exec("CREATE SCHEMA " + ocean::pg::quote_identifier(schema));
  db.set_search_path(schema);
  db.exec("CREATE TABLE cursors (kind TEXT PRIMARY KEY, at BIGINT NOT NULL)");
  CHECK_FALSE(db.in_transaction());
  db.exec("BEGIN");
  CHECK(db.in_transaction());
  db.exec("INSERT INTO cursors VALUES ('orders', 5)");
  db.exec("ROLLBACK");
  CHECK_FALSE(db.in_transaction());
  CHECK(db.exec("SELECT count(*) FROM " + ocean::pg::quote_identifier(schema) + ".cursors").int64(0, 0) == 0);
  CHECK_FALSE(db.broken());
}

TEST_CASE("pg connection: an advisory lock excludes another session until released") {
  const std::string conninfo = ocean::testing::PgServer::shared().fresh_database();
  Connection first(conninfo);
  Connection second(conninfo);
  const auto key = ocean::pg::AdvisoryLock::key("ocean.migrate.acct_a");
  CHECK(key == ocean::pg::AdvisoryLock::key("ocean.migrate.acct_a"));
  CHECK(key != ocean::pg::AdvisoryLock::key("ocean.migrate.acct_b"));
  const std::string try_lock = "SELECT pg_try_advisory_lock($1)";
  {
    ocean::pg::AdvisoryLock held(first, "ocean.migrate.acct_a");
    CHECK(second.exec(try_lock, {Param::integer(key)}).text(0, 0) == "f");
  }
  CHECK(second.exec(try_lock, {Param::integer(key)}).text(0, 0) == "t");
}
