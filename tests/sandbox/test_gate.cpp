// Every rejection rule of the open-API gate, with its real code and HTTP status, and their order.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {
void expect(const HttpResponse& r, long status, std::int64_t code) {
  INFO(r.body);
  CHECK(r.status == status);
  const auto v = r.json().as_object();
  CHECK(v.at("code").to_number<std::int64_t>() == code);
  CHECK(v.at("data").is_null());
  const std::string rid(v.at("request_id").as_string());
  CHECK(rid.size() == 34);
  CHECK(v.contains("message"));
}

const TtsCall search_call{"POST", "/order/202309/orders/search", {{"page_size", "10"}}, "{}", "application/json", 0,
                          true};
}  // namespace

TEST_CASE("a valid signed call succeeds with the envelope") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  const auto r = c.call(search_call);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto v = r.json().as_object();
  CHECK(v.at("code").to_number<int>() == 0);
  CHECK(v.at("message").as_string() == "Success");
  CHECK(v.at("request_id").as_string().size() == 34);
  CHECK(v.at("data").as_object().at("orders").as_array().size() == 10);
  // The same over HTTPS.
  auto secure = client_for(sb, 0, true);
  CHECK(secure.call(search_call).code() == 0);
}

TEST_CASE("path and method are checked first") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  // Unknown path wins over everything, even a missing app_key.
  expect(c.raw("GET", "/order/202309/nothing"), 404, 36009009);
  expect(c.call(TtsCall{"POST", "/order/202309/orderz/search", {{"page_size", "10"}}, "{}"}), 404, 36009009);
  // A path that exists in another API version: the version is what is wrong (issue 13).
  expect(c.call(TtsCall{"POST", "/order/202399/orders/search", {{"page_size", "10"}}, "{}"}), 400, 36009014);
  // Known path, wrong method.
  expect(c.call(TtsCall{"GET", "/order/202309/orders/search", {{"page_size", "10"}}, ""}), 405, 36009010);
  expect(c.raw("PATCH", "/logistics/202309/warehouses"), 405, 36009010);
}

TEST_CASE("app_key, sign and timestamp") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  // Unknown app_key: 400 / 36009004.
  TtsClient stranger(sb.http_base(), "", "unknown_key", kSecret);
  stranger.access_token = c.access_token;
  stranger.shop_cipher = c.shop_cipher;
  expect(stranger.call(search_call), 400, 36009004);
  expect(c.raw("POST", "/order/202309/orders/search?page_size=10", "{}"), 400, 36009004);

  // Missing sign: 36009004 "Missing credentials".
  std::string target = c.signed_target(search_call);
  const auto sign_pos = target.find("&sign=");
  REQUIRE(sign_pos != std::string::npos);
  const std::string unsigned_target = target.substr(0, sign_pos);
  const auto missing = c.send("POST", unsigned_target, "{}");
  expect(missing, 400, 36009004);
  CHECK(missing.body.find("Missing credentials") != std::string::npos);

  // A wrong secret, a changed body byte, a changed query value, or an upper-case sign: 401 / 106001.
  TtsClient wrong_secret(sb.http_base(), "", kKey, "not_the_secret");
  wrong_secret.access_token = c.access_token;
  wrong_secret.shop_cipher = c.shop_cipher;
  expect(wrong_secret.call(search_call), 401, 106001);
  expect(c.send("POST", target, "{ }"), 401, 106001);
  std::string changed = target;
  changed.replace(changed.find("page_size=10"), 12, "page_size=11");
  expect(c.send("POST", changed, "{}"), 401, 106001);
  std::string upper = target;
  for (std::size_t i = upper.find("&sign=") + 6; i < upper.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(upper[i]));
  expect(c.send("POST", upper, "{}"), 401, 106001);
  // An extra unsigned parameter changes the string to sign too.
  expect(c.send("POST", target + "&extra=1", "{}"), 401, 106001);
  // access_token in the query is not part of the signature (and not a credential any more).
  CHECK(c.send("POST", target + "&access_token=whatever", "{}").code() == 0);

  // Timestamp window [now - 300, now + 30] of the sandbox clock: 36009004.
  const std::int64_t now = c.sandbox_now();
  auto at = [&](std::int64_t ts) {
    TtsCall call = search_call;
    call.timestamp = ts;
    return c.call(call);
  };
  expect(at(now - 400), 400, 36009004);
  expect(at(now + 120), 400, 36009004);
  CHECK(at(now - 200).code() == 0);
  CHECK(at(now + 10).code() == 0);
  // A bad sign is reported before a bad timestamp (the real order).
  TtsCall stale = search_call;
  stale.timestamp = now - 1000;
  std::string stale_target = c.signed_target(stale);
  expect(c.send("POST", stale_target, "{\"x\":1}"), 401, 106001);
}

TEST_CASE("access token: missing, unknown, other app, expired") {
  SandboxProcess sb(with_app({"--app", "other_key:other_secret", "--access-token-ttl", "60"}));
  auto c = client_for(sb);
  const std::string good = c.access_token;
  c.access_token.clear();
  expect(c.call(search_call), 400, 36009004);
  c.access_token = "TTP_not_a_token";
  expect(c.call(search_call), 400, 36009004);
  // A token minted for another app does not work with this app's key.
  const auto other = c.admin("POST", "/_sandbox/tokens", json::object{{"app_key", "other_key"}});
  c.access_token = std::string(other.as_object().at("access_token").as_string());
  expect(c.call(search_call), 400, 36009004);
  c.access_token = good;
  CHECK(c.call(search_call).code() == 0);
  // Expiry is absolute in sandbox time: advance past it -> 401 / 105002.
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 61}});
  c.sync_clock();
  expect(c.call(search_call), 401, 105002);
}

TEST_CASE("shop_cipher: required, unexpected, unknown, not granted") {
  SandboxProcess sb(with_app({"--shops", "2"}));
  auto c = client_for(sb, 0);
  TtsCall no_cipher = search_call;
  no_cipher.include_shop_cipher = false;
  expect(c.call(no_cipher), 400, 106013);
  // /authorization/* must not get a shop_cipher.
  expect(c.call(TtsCall{"GET", "/authorization/202309/shops", {}, ""}), 400, 36009004);
  TtsCall shops{"GET", "/authorization/202309/shops", {}, ""};
  shops.include_shop_cipher = false;
  CHECK(c.call(shops).code() == 0);
  const std::string own = c.shop_cipher;
  c.shop_cipher = "ROW_doesnotexist";
  expect(c.call(search_call), 400, 36009004);
  // The second shop exists, but this token only covers the first one.
  const auto all = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  c.shop_cipher = std::string(all[1].as_object().at("cipher").as_string());
  expect(c.call(search_call), 403, 101000);
  c.shop_cipher = own;
  CHECK(c.call(search_call).code() == 0);
}

TEST_CASE("page_size rules per endpoint") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  for (const char* bad : {"0", "101", "-1", "ten", "1.5"}) {
    INFO(bad);
    expect(c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", bad}}, "{}"}), 400, 36009004);
    expect(c.call(TtsCall{"POST", "/product/202309/products/search", {{"page_size", bad}}, "{}"}), 400, 36009004);
  }
  const auto missing = c.call(TtsCall{"POST", "/order/202309/orders/search", {}, "{}"});
  expect(missing, 400, 36009004);
  CHECK(missing.body.find("page_size") != std::string::npos);
  CHECK(c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "1"}}, "{}"}).code() == 0);
  CHECK(c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "100"}}, "{}"}).code() == 0);
}

TEST_CASE("content type rules - multipart bodies are not signed") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  TtsCall text = search_call;
  text.content_type = "text/plain";
  expect(c.call(text), 400, 36009022);
  TtsCall form = search_call;
  form.content_type = "application/x-www-form-urlencoded";
  expect(c.call(form), 400, 36009022);
  TtsCall json_charset = search_call;
  json_charset.content_type = "application/json; charset=utf-8";
  CHECK(c.call(json_charset).code() == 0);
  // Multipart: the signature covers path and query only, so a body byte may change without a 106001.
  TtsCall multipart{"GET",
                    "/logistics/202309/warehouses",
                    {},
                    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n",
                    "multipart/form-data; boundary=b"};
  const std::string target = c.signed_target(multipart);
  CHECK(c.send("GET", target, multipart.body, multipart.content_type).code() == 0);
  std::string other_body = multipart.body;
  other_body[other_body.size() - 8] = '2';
  CHECK(c.send("GET", target, other_body, multipart.content_type).code() == 0);
  // The same bytes sent as JSON would have had to be signed.
  expect(c.send("GET", target, multipart.body, "application/json"), 401, 106001);
}

TEST_CASE("malformed JSON bodies and wrong field types are 36009004 naming the field") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  auto body = [&](const std::string& b) {
    TtsCall call = search_call;
    call.body = b;
    return c.call(call);
  };
  expect(body("{not json"), 400, 36009004);
  expect(body("[1,2]"), 400, 36009004);
  const auto wrong = body("{\"create_time_ge\":\"yesterday\"}");
  expect(wrong, 400, 36009004);
  CHECK(wrong.body.find("create_time_ge") != std::string::npos);
  expect(body("{\"order_status\":\"SHIPPED\"}"), 400, 36009004);
  TtsCall sort = search_call;
  sort.query.emplace_back("sort_field", "price");
  expect(c.call(sort), 400, 36009004);
}

TEST_CASE("the request log records method, path, code and time without secrets") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  c.call(search_call);
  TtsCall no_cipher = search_call;
  no_cipher.include_shop_cipher = false;
  c.call(no_cipher);
  const auto log = c.admin("GET", "/_sandbox/requests").as_object().at("requests").as_array();
  REQUIRE(log.size() >= 2);
  const auto& last = log.back().as_object();
  CHECK(last.at("path").as_string() == "/order/202309/orders/search");
  CHECK(last.at("method").as_string() == "POST");
  CHECK(last.at("code").to_number<int>() == 106013);
  CHECK(last.at("http_status").to_number<int>() == 400);
  CHECK(log[log.size() - 2].as_object().at("code").to_number<int>() == 0);
  const std::string text = json::serialize(log);
  CHECK(text.find(c.access_token) == std::string::npos);
  CHECK(text.find(kSecret) == std::string::npos);
}
