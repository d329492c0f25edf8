// Affiliate (open collaborations with percent <-> hundredths, creator search, affiliate orders
// stored and summed per creator) and analytics (shop, product, SKU, video; stored snapshots)
// against tts-sandbox.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "model/time_format.hpp"
#include "model/decimal.hpp"
#include "ops_env.hpp"

using namespace ops_test;
using ocean::tiktok::model::Decimal;

TEST_CASE("affiliate: open collaboration at 35.87 % goes out as 3587 and reads back as 35.87") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-affiliate");
  std::string product;
  for (const auto& p : env.truth_list("products")) {
    if (str(p, "status") == "ACTIVATE") product = str(p, "id");
  }
  REQUIRE_FALSE(product.empty());
  const auto c = env.ok(inst, "affiliate.collaborations.create",
                        json::object{{"product_id", product}, {"commission_percent", "35.87"}});
  CHECK(c.at("commission_rate").as_int64() == 3587);
  CHECK(str(c, "commission_percent") == "35.87");
  CHECK_FALSE(str(c, "open_collaboration_id").empty());
  const auto page = env.ok(inst, "affiliate.collaborations.search", json::object{{"product_id", product}});
  bool found = false;
  for (const auto& x : page.at("items").as_array()) {
    if (str(x, "open_collaboration_id") != str(c, "open_collaboration_id")) continue;
    found = true;
    CHECK(str(x, "commission_percent") == "35.87");
    CHECK(str(x, "product_id") == product);
  }
  CHECK(found);
  // A whole JSON number works too; a fractional one has passed through a binary float and is refused.
  CHECK(
      env.ok(inst, "affiliate.collaborations.create", json::object{{"product_id", product}, {"commission_percent", 12}})
          .at("commission_rate")
          .as_int64() == 1200);
  const auto fractional = env.call(inst, "affiliate.collaborations.create",
                                   json::object{{"product_id", product}, {"commission_percent", 12.5}});
  CHECK(fractional.status == OCEAN_INVALID_ARGUMENT);
  CHECK(fractional.message.find("'commission_percent'") != std::string::npos);
}

TEST_CASE("affiliate: creator search - affiliate orders are stored and summed per creator exactly") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-affiliate2");
  const auto creators =
      env.ok(inst, "affiliate.creators.search", json::object{{"min_followers", 50000}, {"page_size", 20}});
  REQUIRE_FALSE(creators.at("items").as_array().empty());
  for (const auto& c : creators.at("items").as_array()) {
    CHECK(c.at("follower_count").as_int64() >= 50000);
    CHECK_FALSE(str(c, "username").empty());
  }

  // Every page of affiliate orders; the expected totals are summed here from the answers.
  std::map<std::pair<std::string, std::string>, std::pair<Decimal, Decimal>> expected;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> expected_orders;
  std::string token;
  std::int64_t lines = 0;
  for (int page = 0; page < 100; ++page) {
    json::object req{{"page_size", 100}};
    if (!token.empty()) req["page_token"] = token;
    const auto r = env.ok(inst, "affiliate.orders.search", req);
    for (const auto& o : r.at("items").as_array()) {
      for (const auto& s : o.at("skus").as_array()) {
        const auto key = std::make_pair(str(s, "creator_username"), str(s, "currency"));
        auto& [gmv, commission] = expected[key];
        gmv = gmv + *Decimal::parse(str(s, "gmv"));
        commission = commission + *Decimal::parse(str(s, "commission"));
        expected_orders[key].insert(str(o, "order_id"));
        ++lines;
      }
    }
    CHECK(r.at("stored_lines").as_int64() >= 0);
    token = str(r, "next_page_token");
    if (token.empty()) break;
  }
  REQUIRE(lines > 0);

  const auto summary = env.ok(inst, "affiliate.creators.summary", json::object{});
  REQUIRE(summary.at("items").as_array().size() == expected.size());
  for (const auto& t : summary.at("items").as_array()) {
    const auto key = std::make_pair(str(t, "creator_username"), str(t, "currency"));
    INFO(key.first);
    REQUIRE(expected.count(key) == 1);
    CHECK(str(t, "gmv") == expected[key].first.str());
    CHECK(str(t, "commission") == expected[key].second.str());
    CHECK(t.at("orders").as_int64() == static_cast<std::int64_t>(expected_orders[key].size()));
  }
  // One creator only.
  const std::string one = expected.begin()->first.first;
  const auto single = env.ok(inst, "affiliate.creators.summary", json::object{{"creator_username", one}});
  for (const auto& t : single.at("items").as_array()) CHECK(str(t, "creator_username") == one);
}

TEST_CASE("analytics: shop, product and SKU performance over a date range, stored with when they were fetched") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-analytics");
  const std::int64_t today = env.now() / 86400;
  const std::string start = ocean::tiktok::model::rfc3339((today - 7) * 86400).substr(0, 10);
  const std::string end = ocean::tiktok::model::rfc3339(today * 86400).substr(0, 10);
  const auto shop = env.ok(inst, "analytics.shop_performance",
                           json::object{{"start_date", start}, {"end_date", end}, {"granularity", "1D"}});
  CHECK(str(shop, "kind") == "shop");
  CHECK(is_rfc3339_utc(str(shop, "fetched_at")));
  CHECK(str(shop.at("params"), "granularity") == "1D");
  const auto& intervals = shop.at("performance").at("intervals").as_array();
  CHECK(intervals.size() == 7);
  const auto again = env.ok(inst, "analytics.shop_performance", json::object{{"start_date", start}, {"end_date", end}});
  CHECK(again.at("snapshot_id").as_int64() == shop.at("snapshot_id").as_int64() + 1);  // both kept

  const auto products = env.ok(inst, "analytics.product_performance",
                               json::object{{"start_date", start}, {"end_date", end}, {"page_size", 5}});
  CHECK(str(products, "kind") == "product_list");
  REQUIRE_FALSE(products.at("items").as_array().empty());
  const std::string pid = str(products.at("items").as_array().at(0), "id");
  const auto one = env.ok(inst, "analytics.product_performance",
                          json::object{{"start_date", start}, {"end_date", end}, {"product_id", pid}});
  CHECK(str(one, "product_id") == pid);
  CHECK(one.at("performance").is_object());

  const auto skus = env.ok(inst, "analytics.sku_performance", json::object{{"start_date", start}, {"end_date", end}});
  CHECK(str(skus, "kind") == "sku_list");
  CHECK_FALSE(skus.at("items").as_array().empty());
  // A range TikTok refuses (over 366 days) is its INVALID_ARGUMENT.
  CHECK(env.call(inst, "analytics.shop_performance", json::object{{"start_date", "2020-01-01"}, {"end_date", end}})
            .status == OCEAN_INVALID_ARGUMENT);
}

TEST_CASE("analytics: video performance links each video to the products it tagged") {
  auto& env = OpsEnv::get();
  auto* inst = env.account("acct-video");
  std::vector<std::string> tagged;
  for (const auto& p : env.truth_list("products")) {
    if (str(p, "status") == "ACTIVATE" && tagged.size() < 2) tagged.push_back(str(p, "id"));
  }
  json::array ids;
  for (const auto& t : tagged) ids.emplace_back(t);
  const auto video =
      env.admin("POST", "/_sandbox/videos",
                json::object{{"shop_id", env.shop_id}, {"product_ids", ids}, {"post_time", env.now() - 86400}});
  const std::int64_t today = env.now() / 86400;
  const std::string start = ocean::tiktok::model::rfc3339((today - 3) * 86400).substr(0, 10);
  const std::string end = ocean::tiktok::model::rfc3339((today + 1) * 86400).substr(0, 10);
  bool found = false;
  std::string token;
  for (int page = 0; page < 50 && !found; ++page) {
    json::object req{{"start_date", start}, {"end_date", end}, {"page_size", 100}};
    if (!token.empty()) req["page_token"] = token;
    const auto list = env.ok(inst, "analytics.video_performance", req);
    for (const auto& v : list.at("items").as_array()) {
      if (str(v, "id") != str(video, "id")) continue;
      found = true;
      std::vector<std::string> linked;
      for (const auto& p : v.at("linked_products").as_array()) linked.push_back(str(p, "product_id"));
      CHECK(linked == tagged);
      CHECK(v.at("linked_order_ids").is_array());
    }
    token = str(list, "next_page_token");
    if (token.empty()) break;
  }
  CHECK(found);
  const auto one = env.ok(inst, "analytics.video_performance",
                          json::object{{"start_date", start}, {"end_date", end}, {"video_id", video.at("id")}});
  CHECK(str(one, "kind") == "video");
  CHECK(one.at("performance").is_object());
}
