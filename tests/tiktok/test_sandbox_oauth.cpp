// OAuth end to end against tts-sandbox over HTTPS: consent, code exchange, shop selection,
// forged / replayed / expired state, refusals, refresh ahead of expiry with a moved clock,
// refresh on 105002, needs-re-auth with an event, disconnect, and secrets never in logs or DB.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "sandbox_fixture.hpp"
#include "tiktok_api/webhook_subscriptions.hpp"
#include "transport/api_client.hpp"

using ocean::tiktok::ApiCall;
using ocean::tiktok::Failure;
using ocean::tiktok::Status;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A shop-scoped read through the real client: GET /logistics/202309/warehouses.
json::value warehouses(SandboxAccount& sa) {
  ApiCall call;
  call.path = "/logistics/202309/warehouses";
  call.shop_cipher = sa.account().accounts()->shop_cipher();
  return sa.account().api()->call(call).data;
}

std::size_t count_events(TestHost& host, const std::string& type) {
  std::size_t n = 0;
  for (const auto& e : host.events()) {
    const auto v = json::parse(e);
    if (v.at("type").as_string() == type) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("full OAuth: authorize URL - consent - connect - status - a shop-scoped call - disconnect") {
  SandboxAccount sa({"--shops", "1"});
  auto [o, status] = sa.connect();
  INFO(o.message);
  REQUIRE(o.ok());
  CHECK(status.at("state").as_string() == "connected");
  const auto shop_id = std::string(status.at("shop").at("id").as_string());
  CHECK(!shop_id.empty());
  CHECK(!status.at("shop").at("cipher").as_string().empty());
  CHECK(status.at("access_token_expires_at").to_number<std::int64_t>() > sa.host().wall_ms() / 1000);
  CHECK(count_events(sa.host(), "account.connected") == 1);

  const auto data = warehouses(sa);
  CHECK(data.at("warehouses").as_array().size() >= 1);

  auto [so, s2] = sa.invoke("account.status");
  REQUIRE(so.ok());
  CHECK(s2.at("shop").at("id").as_string() == shop_id);
  CHECK(s2.at("authorized_shops").as_array().size() == 1);

  auto [d, disc] = sa.invoke("account.disconnect");
  INFO(d.message);
  REQUIRE(d.ok());
  CHECK(disc.at("remote").at("attempted").as_bool());
  CHECK(disc.at("remote").at("ok").as_bool());
  CHECK(sa.requests_to("/authorization/202403/shops") == 1);
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "disconnected");
  CHECK_THROWS_AS(warehouses(sa), Failure);
  try {
    warehouses(sa);
  } catch (const Failure& f) {
    CHECK(f.status() == Status::auth_required);
  }
}

TEST_CASE("several authorized shops: the account needs a shop_id - and picks the one named") {
  SandboxAccount sa({"--shops", "2"});
  auto [o, r] = sa.connect();
  CHECK(o.status == Status::invalid_config);
  CHECK(o.message.find("shop_id") != std::string::npos);
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "disconnected");  // nothing stored

  const auto shops = sa.admin("GET", "/_sandbox/shops").at("shops").as_array();
  REQUIRE(shops.size() == 2);
  const std::string second(shops[1].at("id").as_string());
  auto [o2, st] = sa.connect({{"shop_id", second}});
  INFO(o2.message);
  REQUIRE(o2.ok());
  CHECK(st.at("shop").at("id").as_string() == second);
  CHECK(st.at("authorized_shops").as_array().size() == 2);
}

TEST_CASE("a configured shop the grant does not cover is refused (wrong shop)") {
  SandboxAccount sa({"--shops", "2"}, {{"shop_id", "999999999"}});
  auto [o, r] = sa.connect();
  CHECK(o.status == Status::invalid_config);
  CHECK(o.message.find("999999999") != std::string::npos);
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "disconnected");
}

TEST_CASE("forged - replayed and expired states are refused - a denied consent is AUTH_REQUIRED") {
  SandboxAccount sa({"--shops", "1"});
  auto [o, url] = sa.invoke("account.authorize_url");
  REQUIRE(o.ok());
  const std::string u(url.at("url").as_string());
  auto cb = sa.consent(u);

  auto forged = cb;
  forged["state"] = "0123456789abcdef0123456789abcdef";
  CHECK(sa.invoke("account.connect", forged).first.status == Status::invalid_argument);

  REQUIRE(sa.invoke("account.connect", cb).first.ok());
  const auto replay = sa.invoke("account.connect", cb).first;  // the state was consumed
  CHECK(replay.status == Status::invalid_argument);
  CHECK(replay.message.find("state") != std::string::npos);

  auto [o2, url2] = sa.invoke("account.authorize_url");
  const auto late = sa.consent(std::string(url2.at("url").as_string()));
  sa.host().advance_ms(61LL * 60 * 1000);  // the host clock: states live 60 minutes
  CHECK(sa.invoke("account.connect", late).first.status == Status::invalid_argument);

  auto [o3, url3] = sa.invoke("account.authorize_url");
  const auto denied = sa.consent(std::string(url3.at("url").as_string()), "&deny=1");
  CHECK(denied.at("error").as_string() == "auth_denied");
  CHECK(sa.invoke("account.connect", denied).first.status == Status::auth_required);

  CHECK(sa.invoke("account.connect", {{"code", "x"}}).first.status == Status::invalid_argument);  // no state
}

TEST_CASE("a wrong app secret makes the code exchange AUTH_REQUIRED without leaking it") {
  SandboxAccount sa({"--shops", "1"}, {{"app_secret", "WRONG-secret-value-abcdef"}});
  auto [o, r] = sa.connect();
  CHECK(o.status == Status::auth_required);
  CHECK(o.message.find("WRONG-secret-value-abcdef") == std::string::npos);
  CHECK(sa.host().all_logs().find("WRONG-secret-value-abcdef") == std::string::npos);
}

TEST_CASE("tick refreshes ahead of expiry on the host clock - not before") {
  SandboxAccount sa({"--shops", "1"});
  REQUIRE(sa.connect().first.ok());
  const auto before = sa.invoke("account.status").second;
  const auto expires = before.at("access_token_expires_at").to_number<std::int64_t>();
  const auto due = before.at("refresh_due_at").to_number<std::int64_t>();
  CHECK(due < expires);
  const auto old_token = sa.account().store()->tokens()->access_token;

  REQUIRE(sa.tick(sa.host().wall_ms()).ok());
  CHECK(sa.requests_to("/api/v2/token/refresh") == 0);

  sa.advance_both(due - sa.host().wall_ms() / 1000 + 5);  // just past the refresh point
  REQUIRE(sa.tick(sa.host().wall_ms()).ok());
  CHECK(sa.requests_to("/api/v2/token/refresh") == 1);
  const auto after = sa.invoke("account.status").second;
  CHECK(after.at("state").as_string() == "connected");
  CHECK(after.at("access_token_expires_at").to_number<std::int64_t>() > expires);
  CHECK(sa.account().store()->tokens()->access_token != old_token);
  REQUIRE(sa.tick(sa.host().wall_ms()).ok());
  CHECK(sa.requests_to("/api/v2/token/refresh") == 1);  // not due again yet
  CHECK(warehouses(sa).is_object());
}

TEST_CASE("105002 from the API refreshes the token once and repeats the call") {
  SandboxAccount sa({"--shops", "1", "--access-token-ttl", "120"});
  REQUIRE(sa.connect().first.ok());
  // Only the sandbox moves (within its 5-minute timestamp tolerance): the host still believes
  // the token valid, the API says it expired.
  sa.advance_sandbox_only(200);
  const auto data = warehouses(sa);
  CHECK(data.is_object());
  CHECK(sa.requests_to("/api/v2/token/refresh") == 1);
  CHECK(sa.requests_to("/logistics/202309/warehouses") == 2);
}

TEST_CASE("an expired refresh token puts the account in needs_reauth with an event") {
  SandboxAccount sa({"--shops", "1", "--access-token-ttl", "100", "--refresh-token-ttl", "400"});
  REQUIRE(sa.connect().first.ok());
  sa.advance_both(500);
  const auto t = sa.tick(sa.host().wall_ms());
  CHECK(t.status == Status::auth_required);
  CHECK(count_events(sa.host(), "account.needs_reauth") == 1);
  const auto st = sa.invoke("account.status").second;
  CHECK(st.at("state").as_string() == "needs_reauth");
  CHECK(st.at("reason").as_string().find("refresh token expired") != std::string::npos);
  CHECK(sa.requests_to("/api/v2/token/refresh") == 0);  // known locally: no pointless call
  try {
    warehouses(sa);
    FAIL("expected AUTH_REQUIRED");
  } catch (const Failure& f) {
    CHECK(f.status() == Status::auth_required);
  }
  // Authorizing again brings it back.
  REQUIRE(sa.connect().first.ok());
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "connected");
}

TEST_CASE("a refused refresh (grant revoked by the seller) gives AUTH_REQUIRED and needs_reauth") {
  SandboxAccount sa({"--shops", "1", "--access-token-ttl", "120"});
  REQUIRE(sa.connect().first.ok());
  const auto shop_id = std::string(sa.invoke("account.status").second.at("shop").at("id").as_string());
  sa.admin("POST", "/_sandbox/deauthorize", {{"app_key", kAppKey}, {"shop_id", shop_id}});
  sa.advance_both(100);  // past the refresh point (half of 120 s... at least a minute ahead)
  const auto t = sa.tick(sa.host().wall_ms());
  CHECK(t.status == Status::auth_required);
  CHECK(sa.requests_to("/api/v2/token/refresh") == 1);
  CHECK(count_events(sa.host(), "account.needs_reauth") == 1);
  CHECK(sa.invoke("account.status").second.at("state").as_string() == "needs_reauth");
  // Disconnecting a needs_reauth account only forgets locally and says so.
  auto [d, disc] = sa.invoke("account.disconnect");
  REQUIRE(d.ok());
  CHECK_FALSE(disc.at("remote").at("attempted").as_bool());
}

TEST_CASE("no secret ever reaches the logs - the database file or its WAL") {
  SandboxAccount sa({"--shops", "1", "--access-token-ttl", "120"});
  REQUIRE(sa.connect().first.ok());
  std::vector<std::string> secrets{kAppSecret};
  auto t1 = sa.account().store()->tokens();
  REQUIRE(t1.has_value());
  secrets.push_back(t1->access_token);
  secrets.push_back(t1->refresh_token);
  sa.advance_both(100);
  REQUIRE(sa.tick(sa.host().wall_ms()).ok());  // a refresh: new tokens
  auto t2 = sa.account().store()->tokens();
  secrets.push_back(t2->access_token);
  secrets.push_back(t2->refresh_token);
  CHECK(t2->access_token != t1->access_token);
  (void)warehouses(sa);
  (void)sa.invoke("account.status");

  const std::string logs = sa.host().all_logs();
  std::string events;
  for (const auto& e : sa.host().events()) events += e;
  const std::string db = slurp(sa.db_path());
  const std::string wal = slurp(sa.db_path() + "-wal");
  CHECK(!logs.empty());
  CHECK(!db.empty());
  for (const auto& s : secrets) {
    INFO("secret of length " << s.size());
    CHECK(logs.find(s) == std::string::npos);
    CHECK(events.find(s) == std::string::npos);
    CHECK(db.find(s) == std::string::npos);
    CHECK(wal.find(s) == std::string::npos);
    CHECK(sa.invoke("account.status").second.as_object().size() > 0);
    CHECK(json::serialize(sa.invoke("account.status").second).find(s) == std::string::npos);
  }
  // ... while the store does hold them, sealed.
  CHECK(sa.account().store()->secret("app_secret") == std::optional<std::string>(kAppSecret));
}

TEST_CASE("connect subscribes the configured webhook address for every event type the plugin applies") {
  SandboxAccount sa({"--shops", "1"}, json::object{{"webhook_url", "https://erp.example.com/webhooks/tiktok"}});
  auto [o, status] = sa.connect();
  INFO(o.message);
  REQUIRE(o.ok());
  const auto& w = status.at("webhooks").as_object();
  CHECK(w.at("address").as_string() == "https://erp.example.com/webhooks/tiktok");
  CHECK_FALSE(w.contains("error"));
  CHECK(w.at("subscribed").as_array().size() == ocean::tiktok::tiktok_api::subscribed_event_types().size());

  // What the platform (the sandbox) now holds for this shop and app.
  ApiCall list;
  list.path = "/event/202309/webhooks";
  list.shop_cipher = sa.account().accounts()->shop_cipher();
  const auto hooks = sa.account().api()->call(list).data.at("webhooks").as_array();
  std::set<std::string> types;
  for (const auto& h : hooks) {
    CHECK(h.at("address").as_string() == "https://erp.example.com/webhooks/tiktok");
    types.insert(std::string(h.at("event_type").as_string()));
  }
  CHECK(types == std::set<std::string>(ocean::tiktok::tiktok_api::subscribed_event_types().begin(),
                                       ocean::tiktok::tiktok_api::subscribed_event_types().end()));
}

TEST_CASE("without a webhook_url connect subscribes nothing") {
  SandboxAccount sa({"--shops", "1"});
  auto [o, status] = sa.connect();
  REQUIRE(o.ok());
  CHECK_FALSE(status.as_object().contains("webhooks"));
}
