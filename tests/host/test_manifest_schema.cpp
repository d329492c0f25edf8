// The manifest schema accepts every shipped manifest and refuses broken ones by field.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "ocean_common/json_schema.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
json::value load(const fs::path& p) { return json::parse(test_support::read_file(p)); }
json::value manifest_schema() { return load(fs::path(OCEAN_SOURCE_DIR) / "plugin_api/schemas/manifest.schema.json"); }
json::value host_config_schema() {
  return load(fs::path(OCEAN_SOURCE_DIR) / "plugin_api/schemas/host_config.schema.json");
}
std::string first_error(const json::value& schema, const json::value& instance) {
  const auto errors = ocean::json_schema::validate(schema, instance);
  return errors.empty() ? std::string() : errors.front().to_string();
}
}  // namespace

TEST_CASE("every manifest in manifests/ and the fixture manifests validate") {
  ocean::json_schema::Validator validator(manifest_schema());
  int count = 0;
  for (const auto& dir : {fs::path(OCEAN_SOURCE_DIR) / "manifests", fs::path(OCEAN_TEST_FIXTURE_DIR) / "manifests"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".json") continue;
      INFO(entry.path().string());
      CHECK(ocean::json_schema::join(validator.validate(load(entry.path()))).empty());
      ++count;
    }
  }
  CHECK(count >= 5);  // three shipped plugins plus two fixtures
}

TEST_CASE("the manifest schema names the broken field") {
  const auto schema = manifest_schema();
  const auto good = load(fs::path(OCEAN_SOURCE_DIR) / "manifests/tiktok_shop.json");
  auto broken = [&](const char* pointer, json::value v) {
    json::value m = good;
    m.at_pointer(pointer) = std::move(v);
    return first_error(schema, m);
  };
  // Pattern failures say what the value should look like, never the regular expression (issue 17).
  CHECK(broken("/version", "1.0") ==
        "/version: is not in the expected format: The plugin's semantic version (MAJOR.MINOR.PATCH, optional "
        "-prerelease and +build), e.g. \"1.4.0\"");
  CHECK(broken("/abi_version", "1").rfind("/abi_version: is not in the expected format: The plugin ABI", 0) == 0);
  CHECK(broken("/library", "../evil.so").rfind("/library: is not in the expected format: File name", 0) == 0);
  CHECK(broken("/library", "/usr/lib/x.so").rfind("/library: is not in the expected format", 0) == 0);
  CHECK(broken("/id", "Bad Id") ==
        "/id: is not in the expected format: A lower-case identifier: a letter, then letters, digits or underscores "
        "(at most 64), e.g. \"tiktok_shop\"");
  CHECK(broken("/version", "1.0").find('^') == std::string::npos);
  CHECK(broken("/features/1/default", "yes") == "/features/1/default: must be a boolean");
  CHECK(broken("/features/0/capabilities/0", "Products Search")
            .rfind("/features/0/capabilities/0: is not in the expected format", 0) == 0);
  CHECK(broken("/features/0/id", "core").rfind("/features/0/id: is not in the expected format: A lower-case", 0) == 0);
  CHECK(broken("/config_schema", json::array()) == "/config_schema: must be an object");
  CHECK(broken("/manifest_version", 2) == "/manifest_version: must be 1");

  json::value missing = good;
  missing.as_object().erase("library");
  CHECK(first_error(schema, missing) == "/library: is required");
  json::value extra = good;
  extra.as_object()["librray"] = "x.so";
  CHECK(first_error(schema, extra) == "/librray: is not an allowed property");
}

TEST_CASE("the host config schema accepts accounts and refuses bad ids by field") {
  const auto schema = host_config_schema();
  const auto ok = json::parse(R"({"data_dir":"d","default_account":"shop-us","secrets":{"store_key":"x"},
    "accounts":[{"id":"shop-us","plugin":"tiktok_shop","config":{"region":"US"},"features":{"promotions":true}},
                {"id":"shop_gb.2","plugin":"shopee"}]})");
  CHECK(ocean::json_schema::validate(schema, ok).empty());
  CHECK(first_error(schema, json::parse(R"({"data_dir":"d","accounts":[{"id":"../x","plugin":"p"}]})"))
            .rfind("/accounts/0/id: is not in the expected format: Letters, digits", 0) == 0);
  CHECK(first_error(schema,
                    json::parse(R"({"data_dir":"d","accounts":[{"id":"a","plugin":"p","features":{"x":"on"}}]})")) ==
        "/accounts/0/features/x: must be a boolean");
  CHECK(first_error(schema, json::parse(R"({"accounts":[]})")) == "/data_dir: is required");
  CHECK(first_error(schema, json::parse(R"({"data_dir":"d","accounts":[],"secret":{}})")) ==
        "/secret: is not an allowed property");
}
