// TikTok's ERP/OMS checklist (../shared/reference/tiktok_catalog_finance.md §4), the shop-connection
// use cases, each against tts-sandbox: one store linked to one shop, unlinked, and re-authorization
// prompted by the expiry webhook. (SHOP-MAN-MULTI is in test_two_accounts.cpp, SHOP-MAN-CARRIER with
// the carrier mapping.)
#include <catch2/catch.hpp>

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
