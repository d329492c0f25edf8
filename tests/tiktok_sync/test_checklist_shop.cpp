// TikTok's ERP/OMS checklist (../shared/reference/tiktok_catalog_finance.md §4), the shop-connection
// use cases, each against tts-sandbox: one store linked to one shop, unlinked, and re-authorization
// prompted by the expiry webhook. (SHOP-MAN-MULTI is in test_two_accounts.cpp, SHOP-MAN-CARRIER with
// the carrier mapping.)
#include <catch2/catch.hpp>

#include <map>

#include "ocean_common/tts_sign.hpp"
#include "sync_fixture.hpp"
#include "transport/api_client.hpp"

namespace {

std::size_t events_of(TestHost& host, const std::string& type) {
  std::size_t n = 0;
  for (const auto& e : host.events()) n += json::parse(e).at("type").as_string() == type ? 1 : 0;
  return n;
}

// A shop-scoped API call with the account's stored token and the shop's cipher.
void warehouses(SandboxAccount& sa) {
  ocean::tiktok::ApiCall call;
  call.path = "/logistics/202309/warehouses";
  call.shop_cipher = sa.account().accounts()->shop_cipher();
  sa.account().api()->call(call);
}

}  // namespace

TEST_CASE("SHOP-CONN-SINGLE: one ERP account links to exactly one TikTok shop through the seller's consent") {
  SandboxAccount sa({"--shops", "1"});
  const auto [o, status] = sa.connect();
  INFO(o.message);
  REQUIRE(o.ok());
  const auto shops = sa.admin("GET", "/_sandbox/shops");
  REQUIRE(shops.at("shops").as_array().size() == 1);
  CHECK(status.at("state").as_string() == "connected");
  CHECK(status.at("shop").at("id") == shops.at("shops").at(0).at("id"));
  CHECK(status.at("authorized_shops").as_array().size() == 1);
  CHECK(events_of(sa.host(), "account.connected") == 1);
  CHECK_NOTHROW(warehouses(sa));  // the link works for shop-scoped calls
}

TEST_CASE("SHOP-DISCON-SINGLE: unlinking a shop revokes the grant at TikTok and forgets the tokens") {
  SandboxAccount sa({"--shops", "1"});
  REQUIRE(sa.connect().first.ok());
  const auto [d, out] = sa.invoke("account.disconnect", {{"revoke", true}});
  INFO(d.message);
  REQUIRE(d.ok());
  CHECK(out.at("remote").at("ok").as_bool());
  CHECK(sa.requests_to("/authorization/202403/shops") == 1);
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "disconnected");
  try {
    warehouses(sa);
    FAIL("a disconnected account still reached the API");
  } catch (const ocean::tiktok::Failure& f) {
    CHECK(f.status() == ocean::tiktok::Status::auth_required);
  }
}

TEST_CASE("SHOP-MAN-WHOOK: the authorization-expiry webhook prompts the seller to re-authorize") {
  SyncRig rig({"--shops", "1", "--orders", "3", "--products", "1"});
  const std::int64_t expires = rig.sa.host().wall_ms() / 1000 + 30 * 86400;
  const std::string body = R"({"type":7,"tts_notification_id":"expiry-1","shop_id":")" + rig.shop_id +
                           R"(","timestamp":1,"data":{"message":"expires in 30 days","expiration_time":)" +
                           std::to_string(expires) + "}}";
  const std::string header = "Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) + "\r\n";
  REQUIRE(rig.svc->intake(header, body, rig.sa.host().wall_ms()).http_status == 200);
  rig.svc->on_tick(rig.sa.host().wall_ms());
  CHECK(rig.svc->store().inbox_count("applied") == 1);
  CHECK(events_of(rig.sa.host(), "account.authorization_expiring") == 1);
  CHECK(events_of(rig.sa.host(), "account.needs_reauth") == 1);
  bool carries_expiry = false;
  for (const auto& e : rig.sa.host().events()) {
    const auto v = json::parse(e);
    if (v.at("type") == "account.authorization_expiring") {
      carries_expiry = v.at("data").at("expiration_time").to_number<std::int64_t>() == expires;
    }
  }
  CHECK(carries_expiry);
  // The tokens still work until then: the account stays connected meanwhile.
  CHECK(rig.call("account.status").at("state").as_string() == "connected");
}

TEST_CASE("CAT-PRE-CAMPAIGN: TikTok's products map to the ERP's, so every synced order line names its ERP SKU") {
  SyncRig rig({"--shops", "1", "--orders", "40", "--products", "6", "--seed", "17"});
  rig.call("sync.run", {{"kinds", json::array{"products", "orders"}}});
  // The mirror maps each TikTok SKU to an ERP SKU (the seller SKU until the ERP says otherwise).
  std::map<std::string, std::string> erp_of;
  const json::value products = rig.call("products.search", {{"limit", 100}});  // held: the loop walks into it
  for (const auto& p : products.at("products").as_array()) {
    for (const auto& k : p.at("variants").as_array()) {
      if (k.at("erp_sku").is_string()) {
        erp_of[std::string(k.at("external_id").as_string())] = std::string(k.at("erp_sku").as_string());
      }
    }
  }
  REQUIRE_FALSE(erp_of.empty());
  std::size_t lines = 0;
  const json::value orders = rig.call("orders.search", {{"limit", 100}});
  for (const auto& o : orders.at("orders").as_array()) {
    for (const auto& l : o.at("lines").as_array()) {
      const std::string sku(l.at("external_sku_id").as_string());
      if (erp_of.count(sku) == 0) continue;  // a SKU no longer listed keeps its order line unmapped
      CHECK(l.at("erp_sku").as_string() == erp_of.at(sku));
      ++lines;
    }
  }
  CHECK(lines > 0);
}
