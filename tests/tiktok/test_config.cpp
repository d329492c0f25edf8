// Configuration: defaults from the manifest, and an error naming the field for every bad value.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <fstream>
#include <set>

#include "config/config.hpp"

namespace json = boost::json;
using ocean::tiktok::ConfigResult;
using ocean::tiktok::parse_config;

namespace {

const char* kSecret = "APPSECRET-never-shown-0123456789";

json::object base() { return json::object{{"app_key", "6abc123"}, {"app_secret", kSecret}, {"region", "GB"}}; }

ConfigResult parse(const json::object& o) {
  return parse_config(json::serialize(o), ocean::tiktok::embedded_config_schema());
}

std::set<std::string> error_fields(const ConfigResult& r) {
  std::set<std::string> out;
  for (const auto& e : r.errors) out.insert(e.field);
  return out;
}

// Exactly one field is at fault, the message names it, and the secret is never echoed.
void expect_error_on(const json::object& o, const std::string& field) {
  const auto r = parse(o);
  INFO(json::serialize(o));
  INFO(r.summary());
  REQUIRE_FALSE(r.config.has_value());
  CHECK_FALSE(r.malformed);
  CHECK(error_fields(r) == std::set<std::string>{field});
  CHECK(r.summary().find(field) != std::string::npos);
  CHECK(r.summary().find(kSecret) == std::string::npos);
}

json::object with(std::string_view key, json::value v) {
  auto o = base();
  o[key] = std::move(v);
  return o;
}

json::object with(std::string_view key, const std::string& v) { return with(key, json::value(json::string_view(v))); }
json::object with(std::string_view key, const char* v) { return with(key, json::value(json::string_view(v))); }

}  // namespace

TEST_CASE("a minimal config gets the manifest's defaults") {
  const auto r = parse(base());
  INFO(r.summary());
  REQUIRE(r.config.has_value());
  const auto& c = *r.config;
  CHECK(c.region == "GB");
  CHECK(c.sync_interval == "15m");
  CHECK(c.sync_interval_seconds == 900);
  CHECK(c.api_base_url == "https://open-api.tiktokglobalshop.com");
  CHECK(c.auth_base_url == "https://auth.tiktok-shops.com");
  CHECK(c.authorize_base_url == "https://services.tiktokshop.com");
  CHECK(c.rate_limits.per_api_per_second == 50.0);
  CHECK_FALSE(c.rate_limits.per_app_per_second.has_value());
  CHECK(c.features.size() == 10);
  CHECK_FALSE(c.features.at("finance"));  // off by default: the nine seed defaults stay as they were
  CHECK(c.features.at("product_catalog"));
  CHECK(c.features.at("order_fulfillment"));
  CHECK(c.features.at("inventory_sync"));
  CHECK_FALSE(c.features.at("logistics"));
  CHECK_FALSE(c.features.at("shop_analytics"));
  CHECK(r.warnings.empty());
}

TEST_CASE("a full valid config is taken as given") {
  const char* self = __FILE__;
  auto o = base();
  o["service_id"] = "7123456789";
  o["shop_id"] = "7495540735365777507";
  o["shop_cipher"] = "ROW_abc";
  o["webhook_url"] = "https://erp.example.com/hooks/tiktok";
  o["sync_interval"] = "60m";
  o["safety_buffer"] = 3;
  o["features"] = json::object{{"logistics", true}, {"product_catalog", false}};
  o["api_base_url"] = "https://127.0.0.1:8443/";
  o["auth_base_url"] = "https://localhost:9443";
  o["authorize_base_url"] = "https://localhost:9443";
  o["ca_bundle"] = self;
  o["rate_limit_per_second"] = 12.5;
  o["app_rate_limit_per_second"] = 40;
  const auto r = parse(o);
  INFO(r.summary());
  REQUIRE(r.config.has_value());
  CHECK(r.config->sync_interval_seconds == 3600);
  CHECK(r.config->safety_buffer == 3);
  CHECK(r.config->features.at("logistics"));
  CHECK_FALSE(r.config->features.at("product_catalog"));
  CHECK(r.config->api_base_url == "https://127.0.0.1:8443");
  CHECK(r.config->ca_bundle == self);
  CHECK(r.config->rate_limits.per_api_per_second == 12.5);
  CHECK(r.config->rate_limits.per_app_per_second == 40.0);
  CHECK(r.config->shop_cipher == "ROW_abc");
}

TEST_CASE("UK is taken as GB with a warning - US gets the US consent host") {
  const auto uk = parse(with("region", "UK"));
  REQUIRE(uk.config.has_value());
  CHECK(uk.config->region == "GB");
  REQUIRE(uk.warnings.size() == 1);
  CHECK(uk.warnings[0].find("UK") != std::string::npos);
  const auto us = parse(with("region", "US"));
  REQUIRE(us.config.has_value());
  CHECK(us.config->authorize_base_url == "https://services.us.tiktokshop.com");
  auto pinned = with("region", "US");
  pinned["authorize_base_url"] = "https://services.tiktokshops.us";
  CHECK(parse(pinned).config->authorize_base_url == "https://services.tiktokshops.us");
}

TEST_CASE("malformed documents are INVALID_ARGUMENT material - not field errors") {
  for (const char* text : {"{", "[]", "42", "\"x\"", ""}) {
    const auto r = parse_config(text, ocean::tiktok::embedded_config_schema());
    CHECK(r.malformed);
    CHECK_FALSE(r.config.has_value());
    CHECK_FALSE(r.errors.empty());
  }
}

TEST_CASE("every required field is named when missing") {
  for (const char* field : {"app_key", "app_secret", "region"}) {
    auto o = base();
    o.erase(field);
    expect_error_on(o, field);
  }
}

TEST_CASE("each field's bad values are reported against that field") {
  expect_error_on(with("app_key", ""), "app_key");
  expect_error_on(with("app_key", 12), "app_key");
  expect_error_on(with("app_key", std::string(129, 'k')), "app_key");
  expect_error_on(with("app_secret", ""), "app_secret");
  expect_error_on(with("app_secret", 5), "app_secret");
  expect_error_on(with("app_secret", std::string(kSecret) + std::string(300, 'x')), "app_secret");
  expect_error_on(with("region", "XX"), "region");
  expect_error_on(with("region", "gb"), "region");
  expect_error_on(with("service_id", "svc-1"), "service_id");
  expect_error_on(with("shop_id", std::string(65, '1')), "shop_id");
  expect_error_on(with("shop_cipher", 7), "shop_cipher");
  expect_error_on(with("webhook_url", "http://erp.example.com/hook"), "webhook_url");
  expect_error_on(with("webhook_url", "https://203.0.113.5/hook"), "webhook_url");
  expect_error_on(with("webhook_url", "https://[2001:db8::1]/hook"), "webhook_url");
  expect_error_on(with("webhook_url", "https://erp.example.com:8443/hook"), "webhook_url");
  expect_error_on(with("webhook_url", "https://localhost/hook"), "webhook_url");
  expect_error_on(with("webhook_url", "https://" + std::string(250, 'a') + ".com/"), "webhook_url");
  expect_error_on(with("sync_interval", "10m"), "sync_interval");
  expect_error_on(with("sync_interval", 15), "sync_interval");
  expect_error_on(with("safety_buffer", -1), "safety_buffer");
  expect_error_on(with("safety_buffer", 1.5), "safety_buffer");
  expect_error_on(with("features", json::object{{"teleportation", true}}), "features");
  expect_error_on(with("features", json::object{{"logistics", "yes"}}), "features");
  expect_error_on(with("features", json::array{}), "features");
  expect_error_on(with("api_base_url", "http://open-api.tiktokglobalshop.com"), "api_base_url");
  expect_error_on(with("api_base_url", "not a url"), "api_base_url");
  expect_error_on(with("auth_base_url", "ftp://auth.tiktok-shops.com"), "auth_base_url");
  expect_error_on(with("authorize_base_url", "https://services.tiktokshop.com/?x=1"), "authorize_base_url");
  expect_error_on(with("ca_bundle", "/nonexistent/ca.pem"), "ca_bundle");
  expect_error_on(with("rate_limit_per_second", json::value(0)), "rate_limit_per_second");
  expect_error_on(with("rate_limit_per_second", -5), "rate_limit_per_second");
  expect_error_on(with("rate_limit_per_second", "fast"), "rate_limit_per_second");
  expect_error_on(with("app_rate_limit_per_second", json::value(0)), "app_rate_limit_per_second");
  expect_error_on(with("shop_name", "x"), "shop_name");
}

TEST_CASE("several bad fields are all reported at once") {
  auto o = base();
  o["region"] = "XX";
  o["sync_interval"] = "2m";
  const auto r = parse(o);
  CHECK(error_fields(r) == std::set<std::string>{"region", "sync_interval"});
}
