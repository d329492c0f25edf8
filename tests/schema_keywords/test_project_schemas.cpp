// The project's own schemas through the host's validator: every keyword they use is one the
// validator implements (or a known annotation), and the TikTok Shop config_schema (the seed's
// dialog) accepts its defaults and refuses bad values naming the field.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ocean_common/json_schema.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
json::value read_json(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// What common/src/json_schema.cpp validates, and what it deliberately leaves to forms and docs.
const std::set<std::string> kValidated = {"type",
                                          "properties",
                                          "required",
                                          "additionalProperties",
                                          "items",
                                          "minItems",
                                          "maxItems",
                                          "uniqueItems",
                                          "enum",
                                          "const",
                                          "minLength",
                                          "maxLength",
                                          "pattern",
                                          "minimum",
                                          "maximum",
                                          "exclusiveMinimum",
                                          "exclusiveMaximum",
                                          "format",
                                          "$ref",
                                          "allOf",
                                          "anyOf",
                                          "oneOf",
                                          "not",
                                          "if",
                                          "then",
                                          "else"};
const std::set<std::string> kAnnotations = {"$schema",  "$id",      "$defs",      "title",    "description",
                                            "default",  "examples", "deprecated", "readOnly", "writeOnly",
                                            "$comment", "x-secret", "x-aliases",  "x-ui"};
const std::set<std::string> kFormats = {"uri", "date-time", "password"};

// Collects the keywords of `schema` and its subschemas into `found` (with a path for the message).
void collect(const json::value& schema, const std::string& where, std::set<std::string>& unknown) {
  if (!schema.is_object()) return;
  for (const auto& kv : schema.get_object()) {
    const std::string key(kv.key());
    if (!kValidated.count(key) && !kAnnotations.count(key)) unknown.insert(where + " " + key);
    if (key == "format" && kv.value().is_string() && !kFormats.count(std::string(kv.value().get_string())))
      unknown.insert(where + " format " + std::string(kv.value().get_string()));
    if ((key == "properties" || key == "$defs") && kv.value().is_object()) {
      for (const auto& sub : kv.value().get_object())
        collect(sub.value(), where + "/" + std::string(sub.key()), unknown);
    } else if ((key == "allOf" || key == "anyOf" || key == "oneOf") && kv.value().is_array()) {
      for (const auto& sub : kv.value().get_array()) collect(sub, where + "/" + key, unknown);
    } else if (key == "items" || key == "additionalProperties" || key == "not" || key == "if" || key == "then" ||
               key == "else") {
      collect(kv.value(), where + "/" + key, unknown);
    }
  }
}

json::value tiktok_schema() {
  return read_json(fs::path(OCEAN_SOURCE_DIR) / "manifests" / "tiktok_shop.json").at("config_schema");
}

// What the seed's dialog submits with its defaults and the credentials typed in.
json::value seed_default_config() {
  return json::parse(R"({"app_key":"demo_app_key","app_secret":"demo_app_secret","region":"US",
    "features":{"product_catalog":true,"order_fulfillment":true,"inventory_sync":true,"logistics":false,
      "promotions":false,"returns":false,"live_shopping":false,"affiliate_program":false,"shop_analytics":false},
    "sync_interval":"15m"})");
}

std::string errors_of(const json::value& schema, const json::value& config) {
  return ocean::json_schema::join(ocean::json_schema::validate(schema, config));
}
}  // namespace

TEST_CASE("every keyword in the project's schemas and manifests is implemented or an annotation") {
  std::set<std::string> unknown;
  int schemas = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(OCEAN_SOURCE_DIR) / "plugin_api" / "schemas")) {
    if (entry.path().extension() != ".json") continue;
    collect(read_json(entry.path()), entry.path().filename().string(), unknown);
    ++schemas;
  }
  for (const auto& entry : fs::directory_iterator(fs::path(OCEAN_SOURCE_DIR) / "manifests")) {
    if (entry.path().extension() != ".json") continue;
    collect(read_json(entry.path()).at("config_schema"), entry.path().filename().string(), unknown);
    ++schemas;
  }
  CHECK(schemas >= 12);
  std::string listed;
  for (const auto& u : unknown) listed += u + "\n";
  INFO("keywords the validator would silently ignore:\n" << listed);
  CHECK(unknown.empty());
}

TEST_CASE("the TikTok Shop config_schema accepts the seed's defaults and the UK alias") {
  const auto schema = tiktok_schema();
  CHECK(errors_of(schema, seed_default_config()) == "");
  auto uk = seed_default_config();
  uk.as_object()["region"] = "UK";
  CHECK(errors_of(schema, uk) == "");
}

TEST_CASE("the TikTok Shop config_schema refuses a bad region, interval or feature naming the field") {
  const auto schema = tiktok_schema();
  auto bad = seed_default_config();
  bad.as_object()["region"] = "XX";
  CHECK(errors_of(schema, bad) ==
        "/region: must be one of US, GB, ID, SG, MY, TH, VN, PH, ES, IE, MX, DE, FR, IT, BR, "
        "JP, UK");
  bad = seed_default_config();
  bad.as_object()["sync_interval"] = "10m";
  CHECK(errors_of(schema, bad) == "/sync_interval: must be one of 5m, 15m, 30m, 60m, manual");
  bad = seed_default_config();
  bad.as_object()["features"].as_object()["video_commerce"] = true;
  CHECK(errors_of(schema, bad) == "/features/video_commerce: is not an allowed property");
}

TEST_CASE("the TikTok Shop config_schema's labels, groups and secret field") {
  const auto schema = tiktok_schema();
  const auto& props = schema.at("properties").as_object();
  const auto& regions = props.at("region").at("oneOf").as_array();
  CHECK(regions.size() == 17);
  CHECK(regions[1].at("const") == "GB");
  CHECK(regions[1].at("title") == "United Kingdom (GB)");
  CHECK(props.at("sync_interval").at("oneOf").as_array()[1].at("title") == "Every 15 minutes (recommended)");
  for (const auto& kv : props.at("features").at("properties").as_object())
    CHECK(kv.value().at("description").as_string().size() > 10);
  CHECK(props.at("app_secret").at("writeOnly") == true);
  CHECK(props.at("app_secret").at("format") == "password");
  std::vector<std::string> titles;
  std::size_t grouped = 0;
  for (const auto& g : schema.at("x-ui").at("groups").as_array()) {
    titles.emplace_back(g.at("title").as_string());
    for (const auto& f : g.at("fields").as_array()) {
      INFO("grouped field " << f);
      CHECK(props.contains(f.as_string()));
      ++grouped;
    }
  }
  CHECK(titles == std::vector<std::string>{"Authentication", "Region", "Features", "Webhook & Sync", "Advanced"});
  CHECK(grouped == props.size());
}
