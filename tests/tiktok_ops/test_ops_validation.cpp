// Every operations capability: bad requests are refused with INVALID_ARGUMENT before anything goes
// to the network (proved with the sandbox's request log), disabled features answer
// FEATURE_DISABLED through the ABI, and API errors come back as statuses.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "ops_env.hpp"

using namespace ops_test;

namespace {

struct Bad {
  const char* capability;
  const char* request;
  const char* mentions;  // the field the message must name
};

// Times far in the past / future relative to any run of this suite.
const Bad kBad[] = {
    {"logistics.shipping_providers", R"({})", "delivery_option_id"},
    {"logistics.shipping_providers", R"({"delivery_option_id":"../x"})", "delivery_option_id"},
    {"logistics.carrier_map.set", R"({})", "carrier_code"},
    {"logistics.carrier_map.set",
     R"({"carrier_code":"UPS GROUND","delivery_option_id":"1","shipping_provider_id":"2"})", "carrier_code"},
    {"logistics.carrier_map.get", R"({"carrier_code":"a/b"})", "carrier_code"},
    {"fulfillment.ship", R"({"package_id":"1"})", "handover_method"},
    {"fulfillment.ship", R"({"package_id":"1","handover_method":"teleport"})", "handover_method"},
    {"fulfillment.ship", R"({"package_id":"1","handover_method":"pickup"})", "pickup_slot"},
    {"fulfillment.ship",
     R"({"package_id":"1","handover_method":"pickup","pickup_slot":{"start_time":"2030-01-01T10:00:00Z","end_time":"2030-01-01T09:00:00Z"}})",
     "pickup_slot"},
    {"fulfillment.ship", R"({"package_id":"1","handover_method":"seller_shipped","shipping_provider_id":"5"})",
     "tracking_number"},
    {"fulfillment.ship",
     R"({"package_id":"1","handover_method":"seller_shipped","tracking_number":"AB 12","shipping_provider_id":"5"})",
     "tracking_number"},
    {"fulfillment.documents", R"({"package_id":"1","document_type":"POSTER"})", "document_type"},
    {"fulfillment.documents", R"({"package_id":"1","document_size":"A4"})", "document_size"},
    {"fulfillment.tracking", R"({"order_id":""})", "order_id"},
    {"fulfillment.mark_shipped", R"({"order_id":"1","tracking_number":"TN1"})", "shipping_provider_id"},
    {"promotions.create",
     R"({"title":"A title that is far too long for TikTok, over fifty characters","type":"flash_sale","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1","activity_price":"5"}]})",
     "title"},
    {"promotions.create",
     R"({"title":"Sale","type":"flash_sale","begin_time":"2031-01-02T00:00:00Z","end_time":"2031-01-01T00:00:00Z","products":[{"product_id":"1","activity_price":"5"}]})",
     "begin time"},
    {"promotions.create",
     R"({"title":"Sale","type":"flash_sale","begin_time":"2001-01-01T00:00:00Z","end_time":"2031-01-01T00:00:00Z","products":[{"product_id":"1","activity_price":"5"}]})",
     "past"},
    {"promotions.create",
     R"({"title":"Sale","type":"direct_discount","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1","discount_percent":100}]})",
     "discount_percent"},
    {"promotions.create",
     R"({"title":"Sale","type":"direct_discount","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1","discount_percent":"12.5"}]})",
     "whole"},
    {"promotions.create",
     R"({"title":"Sale","type":"fixed_price","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1","activity_price":"0"}]})",
     "activity_price"},
    {"promotions.create",
     R"({"title":"Sale","type":"flash_sale","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1","activity_price":"5","quantity_per_user":120}]})",
     "quantity_per_user"},
    {"promotions.create",
     R"({"title":"Sale","type":"buy_more_save_more","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","products":[{"product_id":"1"}],"tiers":[{"min_quantity":3,"percent_off":"10"},{"min_quantity":2,"percent_off":"20"}]})",
     "tiers"},
    {"promotions.create",
     R"({"title":"Sale","type":"shipping_discount","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z","shipping":{}})",
     "shipping"},
    {"promotions.create",
     R"({"title":"Sale","type":"bogus","begin_time":"2031-01-01T00:00:00Z","end_time":"2031-01-02T00:00:00Z"})",
     "type"},
    {"promotions.update", R"({"activity_id":"1","end_time":"next week"})", "end_time"},
    {"promotions.coupons.search", R"({"status":["LIVE"]})", "status"},
    {"promotions.coupons.search", R"({"page_size":101})", "page_size"},
    {"promotions.update", R"({"activity_id":"1"})", "nothing to update"},
    {"promotions.products.add", R"({"activity_id":"1","products":[]})", "products"},
    {"promotions.products.remove", R"({"activity_id":"1"})", "product_ids"},
    {"promotions.deactivate", R"({})", "activity_id"},
    {"promotions.get", R"({"activity_id":"7/../x"})", "activity_id"},
    {"promotions.search", R"({"page_size":1000})", "page_size"},
    {"returns.search", R"({"page_size":5})", "page_size"},
    {"returns.approve", R"({"return_id":"1","decision":"MAYBE"})", "decision"},
    {"returns.approve",
     R"({"return_id":"1","decision":"APPROVE_REFUND","partial_refund":{"amount":"-1","currency":"GBP"}})", "amount"},
    {"returns.reject", R"({"return_id":"1","decision":"REJECT_REFUND"})", "reject_reason"},
    {"cancellations.approve", R"({})", "cancel_id"},
    {"cancellations.approve", R"({"cancel_id":"1","idempotency_key":"x","colour":1})", "colour"},
    {"cancellations.reject", R"({"cancel_id":"1"})", "reject_reason"},
    {"cancellations.reject_reasons", R"({})", "cancel_id"},
    {"cancellations.search", R"({"create_time_ge":"2031-01-02T00:00:00Z","create_time_lt":"2031-01-01T00:00:00Z"})",
     "create_time_ge"},
    {"orders.cancel", R"({"order_id":"1"})", "cancel_reason"},
    {"orders.cancel", R"({"order_id":"1","cancel_reason":"x","skus":[{"sku_id":"2","quantity":0}]})", "quantity"},
    {"live.sessions.plan",
     R"({"title":"Show","start_time":"2031-01-01T20:00:00Z","end_time":"2031-01-01T19:00:00Z","products":[{"product_id":"1","session_price":"5"}]})",
     "begin time"},
    {"live.sessions.plan",
     R"({"title":"Show","start_time":"2031-01-01T20:00:00Z","end_time":"2031-01-03T20:00:00Z","products":[{"product_id":"1","session_price":"5"}]})",
     "24 hours"},
    {"live.sessions.plan",
     R"({"title":"Show","start_time":"2031-01-01T20:00:00Z","end_time":"2031-01-01T21:00:00Z","products":[]})",
     "products"},
    {"live.sessions.plan",
     R"({"title":"Show","start_time":"2031-01-01T20:00:00Z","end_time":"2031-01-01T21:00:00Z","products":[{"product_id":"1","session_price":"abc"}]})",
     "session_price"},
    {"live.sessions.list", R"({"status":"live"})", "status"},
    {"live.sessions.get", R"({})", "session_id"},
    {"live.sessions.cancel", R"({"session_id":""})", "session_id"},
    {"live.sessions.performance", R"({})", "session_id"},
    {"affiliate.collaborations.create", R"({"product_id":"1","commission_percent":"35.875"})", "2 decimals"},
    {"affiliate.collaborations.create", R"({"product_id":"1","commission_percent":95})", "between 1 and 80"},
    {"affiliate.collaborations.create", R"({"product_id":"1","commission_percent":"0.5"})", "between 1 and 80"},
    {"affiliate.collaborations.search", R"({"product_id":"1","product_name":"x"})", "not both"},
    {"affiliate.creators.search", R"({"page_size":50})", "page_size"},
    {"affiliate.orders.search", R"({"create_time_ge":"2031-01-02T00:00:00Z","create_time_lt":"2031-01-01T00:00:00Z"})",
     "create_time_ge"},
    {"affiliate.creators.summary", R"({"create_time_ge":"yesterday"})", "create_time_ge"},
    {"analytics.shop_performance", R"({"start_date":"2026-02-30","end_date":"2026-03-05"})", "start_date"},
    {"analytics.shop_performance", R"({"start_date":"2026-03-05","end_date":"2026-03-01"})", "start_date"},
    {"analytics.shop_performance", R"({"start_date":"2026-03-01","end_date":"2026-03-05","granularity":"1W"})",
     "granularity"},
    {"analytics.product_performance", R"({"start_date":"2026/03/01","end_date":"2026-03-05"})", "start_date"},
    {"analytics.sku_performance", R"({"start_date":"2026-03-01"})", "end_date"},
    {"analytics.video_performance", R"({"start_date":"2026-03-01","end_date":"2026-03-05","currency":"EUR"})",
     "currency"},
};

std::vector<std::pair<std::string, std::string>> manifest_capabilities() {
  std::ifstream in(std::string(OCEAN_SOURCE_DIR) + "/manifests/tiktok_shop.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::pair<std::string, std::string>> out;
  const json::value manifest = json::parse(ss.str());
  for (const auto& f : manifest.at("features").as_array()) {
    const std::string feature(f.at("id").as_string());
    if (!all_ops_features(true).contains(feature)) continue;
    for (const auto& c : f.at("capabilities").as_array()) out.emplace_back(feature, std::string(c.as_string()));
  }
  return out;
}

}  // namespace

TEST_CASE("bad requests are refused with INVALID_ARGUMENT before any call reaches the API") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-validate");
  const auto seq = env.last_seq();
  std::set<std::string> covered;
  for (const auto& b : kBad) {
    INFO(b.capability << " " << b.request);
    const Reply r = env.call(inst, b.capability, json::parse(b.request));
    CHECK(r.status == OCEAN_INVALID_ARGUMENT);
    CHECK(r.message.find(b.mentions) != std::string::npos);
    covered.insert(b.capability);
  }
  // Not JSON at all, too.
  auto [s, body] = env.module.invoke(inst, "promotions.search", "[1,2]");
  CHECK(s == OCEAN_INVALID_ARGUMENT);
  CHECK(body.empty());
  // The whole table went by without one API request.
  CHECK(env.api_calls_since(seq).empty());
  // Every operations capability that takes input has a row (warehouses takes none).
  for (const auto& [feature, cap] : manifest_capabilities()) {
    if (cap == "logistics.warehouses") continue;
    INFO(cap);
    CHECK(covered.count(cap) == 1);
  }
}

TEST_CASE("disabled features answer FEATURE_DISABLED through the ABI, and come back when enabled") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-disabled", all_ops_features(false), false);
  const auto caps = manifest_capabilities();
  REQUIRE(caps.size() == 36);
  const auto seq = env.last_seq();
  for (const auto& [feature, cap] : caps) {
    INFO(cap);
    CHECK(env.call(inst, cap, json::object{}).status == OCEAN_FEATURE_DISABLED);
  }
  CHECK(env.api_calls_since(seq).empty());
  const std::string f = "shop_analytics";
  REQUIRE(env.module.api().set_feature(inst, f.data(), f.size(), 1) == OCEAN_OK);
  // Enabled now: the request is read (and refused for its content), not gated.
  CHECK(env.call(inst, "analytics.shop_performance", json::object{}).status == OCEAN_INVALID_ARGUMENT);
}

TEST_CASE(
    "API errors map to statuses: unknown ids are NOT_FOUND, refused input INVALID_ARGUMENT, no shop AUTH_REQUIRED") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-errors");
  const Reply missing = env.call(inst, "promotions.get", json::object{{"activity_id", "7000000000000000001"}});
  CHECK(missing.status == OCEAN_NOT_FOUND);
  CHECK(missing.message.find("36009004") != std::string::npos);

  // A flash-sale price at or above the product's price is TikTok's refusal, not ours.
  const auto truth = env.truth();
  const auto& product = truth.at("products").as_array().at(0).as_object();
  const Reply refused = env.call(
      inst, "promotions.create",
      json::object{
          {"title", "Too dear"},
          {"type", "flash_sale"},
          {"begin_time", env.now() + 3600},
          {"end_time", env.now() + 7200},
          {"products", json::array{json::object{{"product_id", product.at("id")}, {"activity_price", "999999"}}}}});
  CHECK(refused.status == OCEAN_INVALID_ARGUMENT);
  CHECK(refused.message.find("deactivated") != std::string::npos);  // the half-made activity was ended

  // An account that never connected has no shop to call.
  auto* lonely = env.account("acct-unconnected", all_ops_features(true), false);
  CHECK(env.call(lonely, "logistics.warehouses", json::object{}).status == OCEAN_AUTH_REQUIRED);
}
