// The host config's "store" and "cluster" objects: what each account's plugin is handed, and every
// refusal naming its field without quoting the connection string's password.
#include <catch2/catch.hpp>

#include "cluster/store_config.hpp"
#include "exit_codes.hpp"
#include "host_config.hpp"

#include <boost/json.hpp>

using namespace erp_host;
namespace json = boost::json;

namespace {
const std::string kConninfo = "host=127.0.0.1 port=5432 user=ocean password=s3cret-pw dbname=ocean";

std::string config_text(const std::string& store, const std::string& extra = "",
                        const std::string& accounts = R"([{"id":"shop-us","plugin":"tiktok_shop"}])") {
  return R"({"data_dir":"data",)" + store + extra + R"("accounts":)" + accounts + "}";
}

std::string store_member() { return R"("store":{"postgresql":")" + kConninfo + R"("},)"; }

// The HostError message parse_host_config throws (or "" when it accepts the text).
std::string refusal(const std::string& text) {
  try {
    parse_host_config(text, "/etc/erp/host.json");
  } catch (const HostError& e) {
    CHECK(e.code() == ExitCode::config);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a PostgreSQL store hands every account its schema and, on a serve node, its lease") {
  HostConfig c = parse_host_config(
      config_text(store_member(), "", R"([{"id":"Shop-US.1","plugin":"p","config":{"region":"US"}}])"), "h.json");
  REQUIRE(c.store);
  CHECK(c.store->postgresql == kConninfo);
  CHECK(c.cluster.lease_seconds == 15);
  CHECK(c.cluster.renew_seconds == 3);
  json::value plugin = cluster::plugin_config(c, c.accounts.at(0));
  CHECK(plugin.at("region") == "US");
  CHECK(plugin.at("store").at("postgresql").as_string() == kConninfo);
  CHECK(plugin.at("store").at("schema") == "acct_shop_us_1");
  CHECK_FALSE(plugin.at("store").as_object().contains("lease"));  // one-shot commands run unfenced

  c.lease_node = "node-a";
  plugin = cluster::plugin_config(c, c.accounts.at(0));
  CHECK(plugin.at("store").at("lease") == json::object{{"account", "Shop-US.1"}, {"node", "node-a"}});
}

TEST_CASE("without a store nothing changes: SQLite, the account config as written") {
  const HostConfig c = parse_host_config(config_text(""), "h.json");
  CHECK_FALSE(c.store);
  CHECK(cluster::plugin_config(c, c.accounts.at(0)) == json::object{});
}

TEST_CASE("the store and cluster objects refuse unknown and missing fields by name") {
  std::string e = refusal(config_text(R"("store":{"postgresql":"x","pasword":"y"},)"));
  CHECK(e.find("pasword") != std::string::npos);
  CHECK(e.find("/store") != std::string::npos);
  e = refusal(config_text(R"("store":{},)"));
  CHECK(e.find("postgresql") != std::string::npos);
  e = refusal(config_text(R"("store":{"postgresql":""},)"));
  CHECK(e.find("/store/postgresql") != std::string::npos);
  e = refusal(config_text(store_member(), R"("cluster":{"lease_secs":20},)"));
  CHECK(e.find("lease_secs") != std::string::npos);
  e = refusal(config_text("", R"("cluster":{"lease_seconds":20},)"));
  CHECK(e.find("/cluster: needs /store/postgresql") != std::string::npos);
  e = refusal(config_text(store_member(), R"("cluster":{"lease_seconds":6,"renew_seconds":3},)"));
  CHECK(e.find("/cluster/renew_seconds") != std::string::npos);
  CHECK(e.find(kConninfo) == std::string::npos);
  CHECK(refusal(config_text(store_member(), R"("cluster":{"lease_seconds":6,"renew_seconds":2},)")).empty());
}

TEST_CASE("two accounts that would share a schema, or a schema name PostgreSQL would cut, are refused") {
  std::string e =
      refusal(config_text(store_member(), "", R"([{"id":"shop-us","plugin":"p"},{"id":"shop.us","plugin":"p"}])"));
  CHECK(e.find("/accounts/1/id") != std::string::npos);
  CHECK(e.find("shop-us") != std::string::npos);
  CHECK(e.find("acct_shop_us") != std::string::npos);
  CHECK(e.find("s3cret-pw") == std::string::npos);
  const std::string long_id(60, 'a');
  e = refusal(config_text(store_member(), "", R"([{"id":")" + long_id + R"(","plugin":"p"}])"));
  CHECK(e.find("passes 63 characters") != std::string::npos);
  // Without a PostgreSQL store the same accounts are fine (SQLite directories differ).
  CHECK(refusal(config_text("", "", R"([{"id":"shop-us","plugin":"p"},{"id":"shop.us","plugin":"p"}])")).empty());
}

TEST_CASE("an account config with a store of its own is refused when the host config has one") {
  const HostConfig c = parse_host_config(
      config_text(store_member(), "", R"([{"id":"a","plugin":"p","config":{"store":{"postgresql":"x"}}}])"), "h.json");
  try {
    cluster::plugin_config(c, c.accounts.at(0));
    FAIL("accepted");
  } catch (const HostError& e) {
    CHECK(std::string(e.what()).find("/accounts/0/config/store") != std::string::npos);
  }
}

TEST_CASE("the connection string's password is found in both libpq forms, so logs can mask it") {
  CHECK(cluster::conninfo_password(kConninfo) == "s3cret-pw");
  CHECK(cluster::conninfo_password("host=h password='a b\\'c'") == "a b'c");
  CHECK(cluster::conninfo_password("postgresql://ocean:uri-pw@127.0.0.1:5432/ocean") == "uri-pw");
  CHECK_FALSE(cluster::conninfo_password("host=h user=u"));
  CHECK_FALSE(cluster::conninfo_password("host=h password="));
}

TEST_CASE("schema names: acct_ and the account id lower-cased, other characters as underscores") {
  CHECK(cluster::account_schema("shop-us") == "acct_shop_us");
  CHECK(cluster::account_schema("Shop.US_2") == "acct_shop_us_2");
}

TEST_CASE("a config saved while serving keeps the store the account was bound with") {
  HostConfig c = parse_host_config(config_text(store_member()), "h.json");
  c.lease_node = "node-a";
  const json::value bound = cluster::plugin_config(c, c.accounts.at(0));
  const json::value saved = json::parse(cluster::with_host_store(R"({"region":"GB"})", bound));
  CHECK(saved.at("region") == "GB");
  CHECK(saved.at("store") == bound.at("store"));
  // Without a PostgreSQL store the text goes through untouched.
  CHECK(cluster::with_host_store(R"({"region":"GB"})", json::object{{"region", "US"}}) == R"({"region":"GB"})");
}
