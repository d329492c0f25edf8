// The headless OAuth flow: consent redirect, code exchange (single use, 30 minutes), refresh rotation,
// absolute expiry timestamps, authorized shops and deauthorization.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {

std::string query_value(const std::string& url, const std::string& key) {
  const auto q = url.find('?');
  REQUIRE(q != std::string::npos);
  for (const auto& [k, v] : ocean::url::parse_query(url.substr(q + 1))) {
    if (k == key) return v;
  }
  FAIL("no " << key << " in " << url);
  return "";
}

std::string consent_code(TtsClient& c, const std::string& state, const std::string& extra = "") {
  const auto r = c.raw("GET", "/open/authorize?service_id=7123456789&state=" + ocean::url::encode(state) + extra);
  INFO(r.body);
  REQUIRE(r.status == 302);
  const std::string location = r.headers.at("location");
  CHECK(location.rfind("https://erp.example.com/cb?", 0) == 0);
  CHECK(query_value(location, "state") == state);
  return query_value(location, "code");
}

HttpResponse get_token(TtsClient& c, const std::string& code, const std::string& secret = kSecret) {
  return c.raw("GET", "/api/v2/token/get?app_key=" + kKey + "&app_secret=" + secret +
                          "&auth_code=" + ocean::url::encode(code) + "&grant_type=authorized_code");
}

HttpResponse refresh(TtsClient& c, const std::string& token, const std::string& grant = "refresh_token") {
  return c.raw("GET", "/api/v2/token/refresh?app_key=" + kKey + "&app_secret=" + kSecret +
                          "&refresh_token=" + ocean::url::encode(token) + "&grant_type=" + grant);
}

}  // namespace

TEST_CASE("consent, code exchange, API call, refresh rotation") {
  SandboxProcess sb(with_app({"--shops", "3", "--access-token-ttl", "3600"}));
  TtsClient c(sb.http_base(), "", kKey, kSecret);
  c.sync_clock();
  const std::string code = consent_code(c, "xyz 123&=");

  // Wrong secret, wrong grant type: refused, and the code is still good afterwards.
  auto bad = get_token(c, code, "wrong");
  CHECK(bad.status == 400);
  CHECK(bad.code() == 36009004);
  bad = c.raw("GET", "/api/v2/token/get?app_key=" + kKey + "&app_secret=" + kSecret + "&auth_code=" + code +
                         "&grant_type=refresh_token");
  CHECK(bad.code() == 36009004);

  const auto t = get_token(c, code);
  INFO(t.body);
  REQUIRE(t.code() == 0);
  const auto d = data_of(t);
  const std::int64_t now = c.sandbox_now();
  const std::int64_t expire = d.at("access_token_expire_in").to_number<std::int64_t>();
  CHECK(expire >= now + 3600 - 5);  // an absolute timestamp, not a duration
  CHECK(expire <= now + 3600 + 5);
  CHECK(d.at("refresh_token_expire_in").to_number<std::int64_t>() > expire);
  CHECK(d.at("user_type").to_number<int>() == 0);
  CHECK(!d.at("open_id").as_string().empty());
  CHECK(!d.at("granted_scopes").as_array().empty());
  CHECK(d.contains("seller_name"));
  CHECK(d.contains("seller_base_region"));

  // The code is single-use.
  const auto again = get_token(c, code);
  CHECK(again.status == 400);
  CHECK(again.code() == 36004004);

  // Authorized shops: all three, with every field; no shop_cipher on this path.
  c.access_token = std::string(d.at("access_token").as_string());
  TtsCall shops_call{"GET", "/authorization/202309/shops", {}, ""};
  const auto shops = c.call(shops_call);
  REQUIRE(shops.code() == 0);
  const auto list = data_of(shops).at("shops").as_array();
  REQUIRE(list.size() == 3);
  for (const auto& s : list) {
    for (const char* f : {"id", "name", "region", "seller_type", "cipher", "code"}) CHECK(s.as_object().contains(f));
  }
  c.shop_cipher = std::string(list[0].as_object().at("cipher").as_string());
  CHECK(c.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""}).code() == 0);

  // Refresh rotates both tokens; the old ones stop working at once.
  const std::string old_access = c.access_token;
  const std::string old_refresh(d.at("refresh_token").as_string());
  const auto r = refresh(c, old_refresh);
  REQUIRE(r.code() == 0);
  const auto rd = data_of(r);
  CHECK(rd.at("access_token").as_string() != old_access);
  CHECK(rd.at("refresh_token").as_string() != old_refresh);
  CHECK(refresh(c, old_refresh).code() == 36004005);
  const auto stale = c.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""});
  CHECK(stale.code() == 36009004);
  c.access_token = std::string(rd.at("access_token").as_string());
  CHECK(c.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""}).code() == 0);
  // The official Node SDK sends grant_type=authorized_code on refresh; that is tolerated.
  CHECK(refresh(c, std::string(rd.at("refresh_token").as_string()), "authorized_code").code() == 0);
  CHECK(refresh(c, "TTP_r_bogus").code() == 36004005);
}

TEST_CASE("auth codes expire after 30 minutes - consent can pick shops or be denied") {
  SandboxProcess sb(with_app({"--shops", "2"}));
  TtsClient c(sb.http_base(), "", kKey, kSecret);
  const std::string code = consent_code(c, "s1");
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 30 * 60 + 1}});
  CHECK(get_token(c, code).code() == 36004004);

  const std::string second = shop_id_of(c, 1);
  const std::string picked = consent_code(c, "s2", "&shop_id=" + second);
  const auto t = get_token(c, picked);
  REQUIRE(t.code() == 0);
  c.sync_clock();
  c.access_token = std::string(data_of(t).at("access_token").as_string());
  const auto shops = data_of(c.call(TtsCall{"GET", "/authorization/202309/shops", {}, ""})).at("shops").as_array();
  REQUIRE(shops.size() == 1);
  CHECK(shops[0].as_object().at("id").as_string() == second);

  const auto denied = c.raw("GET", "/open/authorize?service_id=7123456789&state=s3&deny=1");
  REQUIRE(denied.status == 302);
  CHECK(denied.headers.at("location").find("error=auth_denied") != std::string::npos);
  CHECK(c.raw("GET", "/open/authorize?service_id=999&state=s").status == 400);
  CHECK(c.raw("GET", "/open/authorize?service_id=7123456789&state=s&shop_id=nope").status == 400);
  CHECK(c.raw("GET", "/api/v2/token/unknown").code() == 36009009);
  CHECK(c.raw("POST", "/api/v2/token/get").code() == 36009010);
}

TEST_CASE("deauthorization through the API and through admin") {
  SandboxProcess sb(with_app({"--shops", "2"}));
  auto c = client_for(sb, 0);
  TtsCall shops_call{"GET", "/authorization/202309/shops", {}, ""};
  shops_call.include_shop_cipher = false;
  CHECK(c.call(shops_call).code() == 0);
  TtsCall deauth{"DELETE", "/authorization/202403/shops", {}, ""};
  deauth.include_shop_cipher = false;
  CHECK(c.call(deauth).code() == 0);
  CHECK(c.call(shops_call).code() == 36009004);

  auto d = client_for(sb, 1);
  CHECK(d.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""}).code() == 0);
  c.admin("POST", "/_sandbox/deauthorize", json::object{{"app_key", kKey}, {"shop_id", shop_id_of(d, 1)}});
  CHECK(d.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""}).code() == 36009004);
}
