// The config's `store` object (config/store_config.hpp): PostgreSQL chosen per account, errors naming
// the field, and the connection string's password never in an error or a log line.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "account/shop_account.hpp"
#include "config/config.hpp"
#include "config/store_config.hpp"
#include "pg_server.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;

namespace {
const std::string kPassword = "Pw-3f9a1c7e-never-shown";

json::object config_with(json::value store) {
  return json::object{{"app_key", "key"}, {"app_secret", "secret-123456"}, {"region", "GB"}, {"store", store}};
}

ConfigResult parse(json::value store) { return parse_config(config_with(std::move(store)), embedded_config_schema()); }
}  // namespace

TEST_CASE("store config: postgresql, schema and lease are read") {
  const auto r = parse(json::object{{"postgresql", "host=db user=ocean password=" + kPassword},
                                    {"schema", "acct_shop_1"},
                                    {"lease", json::object{{"account", "shop-1"}, {"node", "node-a"}}}});
  INFO(r.summary());
  REQUIRE(r.config);
  REQUIRE(r.config->store);
  CHECK(r.config->store->schema == "acct_shop_1");
  REQUIRE(r.config->store->lease);
  CHECK(r.config->store->lease->node == "node-a");
  CHECK(r.config->store->lease->account == "shop-1");
  const auto none = parse_config(json::object{{"app_key", "key"}, {"app_secret", "secret-123456"}, {"region", "GB"}},
                                 embedded_config_schema());
  REQUIRE(none.config);
  CHECK_FALSE(none.config->store);  // SQLite, the default
}

TEST_CASE("store config: every bad field is named and the password is never quoted") {
  const std::string conn = "host=db password=" + kPassword;
  struct Bad {
    json::value store;
    std::string names;
  };
  const Bad cases[] = {
      {json::object{{"postgresql", conn}, {"schema", "acct_1"}, {"shema", "x"}}, "store/shema"},
      {json::object{{"postgresql", conn}}, "store/schema"},
      {json::object{{"schema", "acct_1"}}, "store/postgresql"},
      {json::object{{"postgresql", conn}, {"schema", "Acct-1"}}, "store.schema"},
      {json::object{{"postgresql", 5}, {"schema", "acct_1"}}, "store/postgresql"},
      {json::object{{"postgresql", conn}, {"schema", "acct_1"}, {"lease", json::object{{"account", "a"}}}},
       "store/lease/node"},
      {json::object{{"postgresql", conn},
                    {"schema", "acct_1"},
                    {"lease", json::object{{"account", "a"}, {"node", "n"}, {"nod", "x"}}}},
       "store/lease/nod"},
      {json::value("postgresql://ocean:" + kPassword + "@db/ocean"), "store"},
  };
  for (const auto& c : cases) {
    const auto r = parse(c.store);
    INFO(r.summary());
    CHECK_FALSE(r.config);
    CHECK(r.summary().find("'" + c.names) != std::string::npos);
    CHECK(r.summary().find(kPassword) == std::string::npos);
  }
}

TEST_CASE("store config: the reader itself names unknown fields (without the manifest's schema)") {
  std::vector<StoreConfigError> errors;
  CHECK_FALSE(read_store_config(
      json::object{{"postgresql", "password=" + kPassword}, {"schema", "acct_1"}, {"pool", 3}}, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "config field 'store.pool' is not a known setting");
  errors.clear();
  CHECK_FALSE(read_store_config(json::object{{"postgresql", "x"},
                                             {"schema", "acct_1"},
                                             {"lease", json::object{{"account", "a"}, {"node", "n"}, {"ttl", 1}}}},
                                errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "config field 'store.lease.ttl' is not a known setting");
}

TEST_CASE("store config: the password is found in key=value and URI connection strings") {
  CHECK(conninfo_password("host=db password=" + kPassword + " dbname=x") == kPassword);
  CHECK(conninfo_password("host=db password = '" + kPassword + " x' dbname=x") == kPassword + " x");
  CHECK(conninfo_password("postgresql://ocean:" + kPassword + "@db:5432/ocean") == kPassword);
  CHECK(conninfo_password("postgresql://ocean@db/ocean?password=" + kPassword + "&sslmode=disable") == kPassword);
  CHECK(conninfo_password("host=db user=ocean").empty());
}

TEST_CASE("store on PostgreSQL: the account's log and a failed start never show the password") {
  const std::string good = ocean::testing::PgServer::shared().fresh_database();
  const std::string password = conninfo_password(good);
  REQUIRE(password.size() >= 8);
  TempDir dir("pg-store-redact");
  TestHost host(dir.path().string());
  host.set_secret("store_key", "store-key-for-tests");
  {
    ShopAccount account("acct-1", host);
    account.configure(config_with(json::object{{"postgresql", good}, {"schema", "acct_redact"}}));
    account.start();
    CHECK(account.store()->database().dialect() == db::Dialect::postgresql);
  }
  ShopAccount broken("acct-2", host);
  // The right password, a port nobody listens on: the connection fails and says so.
  broken.configure(config_with(json::object{{"postgresql", good + " port=1"}, {"schema", "acct_redact"}}));
  try {
    broken.start();
    FAIL("start should fail");
  } catch (const std::exception& e) {
    CHECK(std::string(e.what()).find(password) == std::string::npos);
    CHECK(std::string(e.what()).find("cannot connect") != std::string::npos);
  }
  bool saw_store = false;
  for (const auto& line : host.logs()) {
    INFO(line);
    CHECK(line.find(password) == std::string::npos);
    saw_store = saw_store || line.find("PostgreSQL schema acct_redact") != std::string::npos;
  }
  CHECK(saw_store);
}
