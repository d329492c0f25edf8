// erp-host masks every config value whose schema marks it secret: the project's x-secret, and the
// standard form hints a plugin author may use alone, writeOnly and format "password" (the TikTok
// Shop app_secret carries all three). Plain fields stay visible.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <string>

#include "discovery.hpp"
#include "host_config.hpp"

namespace json = boost::json;
using namespace erp_host;

namespace {
// A registry with one plugin that counts as loaded, so binding needs no library.
Registry registry_with(const char* config_schema) {
  Manifest m;
  m.id = "probe";
  m.config_schema = json::parse(config_schema);
  PluginEntry entry;
  entry.manifest = m;
  entry.stage = Stage::loaded;
  Registry r;
  r.entries.push_back(std::move(entry));
  return r;
}

std::vector<std::string> masked(const char* config_schema, const char* account_config) {
  const std::string text =
      std::string(R"({"data_dir":"/tmp/unused","accounts":[{"id":"a1","plugin":"probe","config":)") + account_config +
      "}]}";
  const HostConfig config = parse_host_config(text, "/tmp/host.json");
  const Registry registry = registry_with(config_schema);
  const SecretSource secrets;
  return bind_account(config, config.accounts.at(0), registry, secrets).secret_values;
}
}  // namespace

TEST_CASE("config values marked x-secret, writeOnly or format password are masked, plain ones are not") {
  const char* schema = R"({"type":"object","properties":{
    "a":{"type":"string","x-secret":true},
    "b":{"type":"string","writeOnly":true},
    "c":{"type":"string","format":"password"},
    "d":{"type":"string"},
    "e":{"type":"string","writeOnly":false}}})";
  const auto values =
      masked(schema, R"({"a":"alpha-secret","b":"beta-secret","c":"gamma-secret","d":"plain","e":"x"})");
  CHECK(values == std::vector<std::string>{"alpha-secret", "beta-secret", "gamma-secret"});
}

TEST_CASE("a secret field left out of the config masks nothing") {
  CHECK(masked(R"({"type":"object","properties":{"key":{"type":"string","writeOnly":true}}})", "{}").empty());
}
