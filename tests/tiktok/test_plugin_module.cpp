// The plugin module through the C ABI: descriptor equals the manifest, lifecycle, config
// errors, start requirements (data dir, store_key), feature gating, unimplemented capabilities.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "plugin_module.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace json = boost::json;

namespace {

json::value manifest() {
  std::ifstream in(std::string(OCEAN_SOURCE_DIR) + "/manifests/tiktok_shop.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::string valid_config(json::object extra = {}) {
  json::object o{{"app_key", "app-key-1"}, {"app_secret", "APP-SECRET-VALUE-XYZ"}, {"region", "GB"}};
  for (auto& [k, v] : extra) o[k] = v;
  return json::serialize(o);
}

}  // namespace

TEST_CASE("the descriptor equals the manifest exactly") {
  PluginModule m;
  const auto& d = *m.api().descriptor;
  const auto mf = manifest();
  const auto& o = mf.as_object();
  CHECK(std::string(d.id) == std::string(o.at("id").as_string()));
  CHECK(std::string(d.name) == std::string(o.at("name").as_string()));
  CHECK(std::string(d.vendor) == std::string(o.at("vendor").as_string()));
  CHECK(std::string(d.version) == std::string(o.at("version").as_string()));
  CHECK(std::string(d.marketplace) == std::string(o.at("marketplace").as_string()));

  const auto& features = o.at("features").as_array();
  REQUIRE(d.feature_count == features.size());
  std::map<std::string, std::string> expected_caps;
  for (const auto& c : o.at("core_capabilities").as_array()) expected_caps[std::string(c.as_string())] = "core";
  for (std::size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i].as_object();
    CHECK(std::string(d.feature_ids[i]) == std::string(f.at("id").as_string()));
    CHECK((d.feature_defaults[i] == 1) == f.at("default").as_bool());
    for (const auto& c : f.at("capabilities").as_array())
      expected_caps[std::string(c.as_string())] = std::string(f.at("id").as_string());
  }
  std::map<std::string, std::string> actual_caps;
  for (std::size_t i = 0; i < d.capability_count; ++i) actual_caps[d.capability_ids[i]] = d.capability_features[i];
  CHECK(d.capability_count == expected_caps.size());
  CHECK(actual_caps == expected_caps);
  CHECK(actual_caps.at("account.connect") == "core");
  CHECK(actual_caps.at("sync.run") == "core");
}

TEST_CASE("configure names the bad field and never echoes the secret - malformed JSON is INVALID_ARGUMENT") {
  PluginModule m;
  TempDir dir("module-config");
  TestHost host(dir.path().string());
  auto* inst = m.create("acct-1", host.table());
  CHECK(m.configure(inst, R"({"app_key":"k","app_secret":"TOPSECRET-123456","region":"XX"})") == OCEAN_INVALID_CONFIG);
  CHECK(m.last_message(inst).find("region") != std::string::npos);
  CHECK(m.last_message(inst).find("TOPSECRET-123456") == std::string::npos);
  CHECK(m.configure(inst, "{not json") == OCEAN_INVALID_ARGUMENT);
  CHECK(m.configure(inst, valid_config({{"region", "UK"}})) == OCEAN_OK);
  CHECK(host.all_logs().find("alias") != std::string::npos);  // the UK -> GB warning
  m.api().destroy(inst);
}

TEST_CASE("start needs a store_key secret and a data directory") {
  PluginModule m;
  TempDir dir("module-start");
  TestHost host(dir.path().string());
  auto* inst = m.create("acct-1", host.table());
  REQUIRE(m.configure(inst, valid_config()) == OCEAN_OK);
  CHECK(m.api().start(inst) == OCEAN_INVALID_CONFIG);
  CHECK(m.last_message(inst).find("store_key") != std::string::npos);
  host.set_secret("store_key", "host-store-key-0123456789");
  CHECK(m.api().start(inst) == OCEAN_OK);
  CHECK(m.api().stop(inst) == OCEAN_OK);
  m.api().destroy(inst);

  ocean_host_services_v1 no_dir = *host.table();
  no_dir.data_dir = nullptr;
  auto* inst2 = m.create("acct-2", &no_dir);
  REQUIRE(m.configure(inst2, valid_config()) == OCEAN_OK);
  CHECK(m.api().start(inst2) == OCEAN_INVALID_CONFIG);
  CHECK(m.last_message(inst2).find("data directory") != std::string::npos);
  m.api().destroy(inst2);
}

TEST_CASE("features start from config - flip at run time - core stays on") {
  PluginModule m;
  TempDir dir("module-features");
  TestHost host(dir.path().string());
  host.set_secret("store_key", "k-0123456789");
  auto* inst = m.create("acct-1", host.table());
  REQUIRE(m.configure(inst,
                      valid_config({{"features", json::object{{"order_fulfillment", false}, {"logistics", true}}}})) ==
          OCEAN_OK);
  // The host reads the states back (ABI 1.1) instead of re-deriving the config's rule.
  const auto state_of = [&](const std::string& feature) {
    std::int32_t on = -1;
    REQUIRE(m.api().get_feature(inst, feature.data(), feature.size(), &on) == OCEAN_OK);
    return on;
  };
  CHECK(state_of("order_fulfillment") == 0);  // default on, switched off by the config
  CHECK(state_of("logistics") == 1);
  CHECK(state_of("promotions") == 0);  // default off, not in the config
  CHECK(state_of("product_catalog") == 1);
  CHECK(state_of("core") == 1);
  REQUIRE(m.api().start(inst) == OCEAN_OK);

  CHECK(m.invoke(inst, "orders.search", "{}").first == OCEAN_FEATURE_DISABLED);
  CHECK(m.last_message(inst).find("order_fulfillment") != std::string::npos);
  CHECK(m.invoke(inst, "promotions.create", "{}").first == OCEAN_FEATURE_DISABLED);  // default off
  // Enabled features get past the gate (whatever the capability then answers).
  CHECK(m.invoke(inst, "logistics.warehouses", "{}").first != OCEAN_FEATURE_DISABLED);
  CHECK(m.invoke(inst, "products.search", "{}").first != OCEAN_FEATURE_DISABLED);  // default on

  const std::string of = "order_fulfillment";
  CHECK(m.api().set_feature(inst, of.data(), of.size(), 1) == OCEAN_OK);
  CHECK(state_of(of) == 1);
  CHECK(m.invoke(inst, "orders.search", "{}").first != OCEAN_FEATURE_DISABLED);
  CHECK(m.api().set_feature(inst, of.data(), of.size(), 0) == OCEAN_OK);
  CHECK(m.invoke(inst, "orders.search", "{}").first == OCEAN_FEATURE_DISABLED);
  const std::string core = "core";
  CHECK(m.api().set_feature(inst, core.data(), core.size(), 0) == OCEAN_INVALID_ARGUMENT);
  CHECK(m.invoke(inst, "account.status", "{}").first == OCEAN_OK);
  CHECK(m.invoke(inst, "no.such.capability", "{}").first == OCEAN_UNSUPPORTED);

  auto [s2, status] = m.invoke(inst, "account.status", "{}");
  REQUIRE(s2 == OCEAN_OK);
  CHECK(json::parse(status).at("state").as_string() == "disconnected");

  // authorize_url needs a service_id in the config.
  CHECK(m.invoke(inst, "account.authorize_url", "{}").first == OCEAN_INVALID_CONFIG);
  CHECK(m.last_message(inst).find("service_id") != std::string::npos);
  m.api().destroy(inst);
}

TEST_CASE("the authorization URL carries the service id and a fresh state - US uses the US host") {
  PluginModule m;
  TempDir dir("module-authurl");
  TestHost host(dir.path().string());
  host.set_secret("store_key", "k-0123456789");
  for (const char* region : {"GB", "US"}) {
    auto* inst = m.create(region, host.table());
    REQUIRE(m.configure(inst, valid_config({{"region", region}, {"service_id", "7123"}})) == OCEAN_OK);
    REQUIRE(m.api().start(inst) == OCEAN_OK);
    auto [s, body] = m.invoke(inst, "account.authorize_url", "{}");
    REQUIRE(s == OCEAN_OK);
    const auto v = json::parse(body);
    const std::string url(v.at("url").as_string());
    const std::string state(v.at("state").as_string());
    CHECK(state.size() == 32);
    const std::string host_part =
        std::string(region) == "US" ? "https://services.us.tiktokshop.com" : "https://services.tiktokshop.com";
    CHECK(url == host_part + "/open/authorize?service_id=7123&state=" + state);
    auto [s2, body2] = m.invoke(inst, "account.authorize_url", "{}");
    REQUIRE(s2 == OCEAN_OK);
    CHECK(json::parse(body2).at("state").as_string() != state);
    m.api().destroy(inst);
  }
}
