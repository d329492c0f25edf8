// Webhook subscription rules, real payload and signature, retries on the (compressed) real schedule,
// and the drop switch.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "fixture.hpp"
#include "ocean_common/tts_sign.hpp"
#include "support/webhook_receiver.hpp"

using namespace sandbox_test;
using ocean::testing::WebhookReceiver;

namespace {
std::string put_body(const std::string& event, const std::string& address) {
  return json::serialize(json::object{{"event_type", event}, {"address", address}});
}
}  // namespace

TEST_CASE("the reference webhook vector reproduces with the signer the sandbox uses") {
  const std::string body =
      R"({"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}})";
  CHECK(ocean::tts::webhook_signature("abcdef", "123", body) ==
        "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05");
}

TEST_CASE("subscription addresses must be https with a domain, no IP, no port") {
  SandboxProcess sb(with_app({}));
  auto c = client_for(sb);
  for (const std::string& bad :
       std::vector<std::string>{"http://erp.example.com/hook", "https://127.0.0.1/hook",
                                "https://erp.example.com:8443/hook", "https://localhost/hook", "ftp://erp.example.com",
                                "https:///hook", "https://" + std::string(250, 'a') + ".com"}) {
    INFO(bad);
    const auto r = c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", bad)});
    CHECK(r.status == 400);
    CHECK(r.code() == 36009004);
  }
  CHECK(c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("NOT_AN_EVENT", "https://erp.example.com/h")})
            .code() == 36009004);
  REQUIRE(
      c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", "https://erp.example.com/h")})
          .code() == 0);
  const auto list = data_of(c.call(TtsCall{"GET", "/event/202309/webhooks", {}, ""}));
  REQUIRE(list.at("webhooks").as_array().size() == 1);
  CHECK(list.at("webhooks").as_array()[0].as_object().at("address").as_string() == "https://erp.example.com/h");
  REQUIRE(c.call(TtsCall{"DELETE", "/event/202309/webhooks", {}, "{\"event_type\":\"ORDER_STATUS_CHANGE\"}"}).code() ==
          0);
  CHECK(data_of(c.call(TtsCall{"GET", "/event/202309/webhooks", {}, ""})).at("webhooks").as_array().empty());
}

TEST_CASE("order status changes are delivered signed, and non-200 answers are retried") {
  WebhookReceiver receiver;
  SandboxProcess sb(with_app({"--webhook-redirect", "https://erp.example.com=" + receiver.base(),
                              "--webhook-time-factor", "0.001", "--shops", "1"}));
  auto c = client_for(sb);
  REQUIRE(
      c
          .call(TtsCall{
              "PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", "https://erp.example.com/tts/hook")})
          .code() == 0);
  receiver.script({500, 503});  // the first two attempts fail; the retries (+120 s, +1800 s, x0.001) succeed
  const auto created = c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id_of(c)}, {"count", 1}});
  const std::string order_id(created.as_object().at("orders").as_array()[0].as_object().at("id").as_string());

  const auto got = receiver.wait_for(3, std::chrono::seconds(60));
  REQUIRE(got.size() >= 3);
  for (const auto& r : got) {
    CHECK(r.method == "POST");
    CHECK(r.target == "/tts/hook");
    CHECK(r.headers.at("content-type") == "application/json");
    CHECK(r.headers.at("authorization") == ocean::tts::webhook_signature(kKey, kSecret, r.body));
    CHECK(r.body == got[0].body);  // a retry resends the same bytes
  }
  const auto payload = json::parse(got[0].body).as_object();
  CHECK(payload.at("type").to_number<int>() == 1);
  CHECK(payload.at("shop_id").as_string() == shop_id_of(c));
  CHECK(!payload.at("tts_notification_id").as_string().empty());
  CHECK(payload.at("timestamp").is_int64());
  const auto& data = payload.at("data").as_object();
  CHECK(data.at("order_id").as_string() == order_id);
  CHECK(data.at("order_status").as_string() == "UNPAID");
  CHECK(data.at("is_on_hold_order").is_bool());
  CHECK(data.at("update_time").is_int64());

  // The sender records an attempt once the receiver's answer is in, which can trail the receiver's view.
  json::array deliveries;
  for (int i = 0; i < 600 && deliveries.size() < 3; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    deliveries = c.admin("GET", "/_sandbox/webhook_deliveries").as_object().at("deliveries").as_array();
  }
  REQUIRE(deliveries.size() >= 3);
  CHECK(deliveries[0].as_object().at("outcome").as_string() == "failed");
  CHECK(deliveries[0].as_object().at("http_status").to_number<int>() == 500);
  CHECK(deliveries[1].as_object().at("attempt").to_number<int>() == 1);
  CHECK(deliveries[2].as_object().at("outcome").as_string() == "delivered");

  // A cancelled order is spelled CANCEL on the webhook channel.
  c.admin("POST", "/_sandbox/orders/" + order_id + "/status", json::object{{"status", "CANCELLED"}});
  const auto more = receiver.wait_for(4, std::chrono::seconds(60));
  REQUIRE(more.size() >= 4);
  CHECK(json::parse(more[3].body).as_object().at("data").as_object().at("order_status").as_string() == "CANCEL");
}

TEST_CASE("drop switch loses deliveries - deauthorization is announced") {
  WebhookReceiver receiver;
  SandboxProcess sb(with_app(
      {"--webhook-redirect", "https://erp.example.com=" + receiver.base(), "--shops", "1", "--webhook-drop", "1"}));
  auto c = client_for(sb);
  REQUIRE(
      c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", "https://erp.example.com/h")})
          .code() == 0);
  REQUIRE(
      c.call(TtsCall{
                 "PUT", "/event/202309/webhooks", {}, put_body("SELLER_DEAUTHORIZATION", "https://erp.example.com/h")})
          .code() == 0);
  c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id_of(c)}, {"count", 2}});
  const auto deliveries = c.admin("GET", "/_sandbox/webhook_deliveries").as_object().at("deliveries").as_array();
  REQUIRE(deliveries.size() == 2);
  for (const auto& d : deliveries) CHECK(d.as_object().at("outcome").as_string() == "dropped");

  c.admin("POST", "/_sandbox/settings", json::object{{"webhook_drop", 0}});
  c.admin("POST", "/_sandbox/deauthorize", json::object{{"app_key", kKey}, {"shop_id", shop_id_of(c)}});
  const auto got = receiver.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK(json::parse(got[0].body).as_object().at("type").to_number<int>() == 6);
}

TEST_CASE("duplicate switch delivers the same notification twice") {
  WebhookReceiver receiver;
  SandboxProcess sb(with_app({"--webhook-redirect", "https://erp.example.com=" + receiver.base(), "--shops", "1",
                              "--webhook-duplicate", "1"}));
  auto c = client_for(sb);
  REQUIRE(
      c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", "https://erp.example.com/h")})
          .code() == 0);
  c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id_of(c)}, {"count", 1}});
  const auto got = receiver.wait_for(2);
  REQUIRE(got.size() == 2);
  CHECK(got[0].body == got[1].body);
  CHECK(got[0].headers.at("authorization") == got[1].headers.at("authorization"));
}

TEST_CASE("authorization expiry is announced 30 days ahead, then daily at 0:00 (type 7)") {
  WebhookReceiver receiver;
  SandboxProcess sb(with_app({"--webhook-redirect", "https://erp.example.com=" + receiver.base(), "--shops", "1",
                              "--orders", "0", "--refresh-token-ttl", std::to_string(365 * 86400)}));
  auto c = client_for(sb);
  REQUIRE(c.call(TtsCall{"PUT",
                         "/event/202309/webhooks",
                         {},
                         put_body("UPCOMING_AUTHORIZATION_EXPIRATION", "https://erp.example.com/h")})
              .code() == 0);
  const auto advance = [&](std::int64_t days) {
    c.admin("POST", "/_sandbox/clock", json::object{{"advance", days * 86400}});
    c.admin("GET", "/_sandbox/clock");  // the world catches up before serving a request
  };
  advance(300);  // 65 days left: nothing yet
  advance(36);   // 29 days left: the first notice
  REQUIRE(receiver.wait_for(1).size() == 1);
  advance(1);  // past the next midnight: the daily notice
  const auto got = receiver.wait_for(2);
  REQUIRE(got.size() == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(receiver.wait_for(2).size() == 2);  // no third one, and none from the 65-days-left moment
  for (const auto& r : got) {
    const auto p = json::parse(r.body).as_object();
    CHECK(p.at("type").to_number<int>() == 7);
    CHECK(p.at("data").as_object().contains("expiration_time"));
    CHECK(r.headers.at("authorization") == ocean::tts::webhook_signature(kKey, kSecret, r.body));
  }
}

TEST_CASE("the webhook redirect can be set at run time - a malformed one changes nothing") {
  WebhookReceiver receiver;
  SandboxProcess sb(with_app({"--shops", "1"}));
  auto c = client_for(sb);
  REQUIRE(
      c.call(TtsCall{"PUT", "/event/202309/webhooks", {}, put_body("ORDER_STATUS_CHANGE", "https://erp.example.com/h")})
          .code() == 0);
  CHECK_THROWS(
      c.admin("POST", "/_sandbox/settings", json::object{{"webhook_redirects", json::array{"no-equals-sign"}}}));
  CHECK(c.admin("GET", "/_sandbox/settings").as_object().at("webhook_redirects").as_array().empty());
  const std::string redirect = "https://erp.example.com=" + receiver.base();
  c.admin("POST", "/_sandbox/settings", json::object{{"webhook_redirects", json::array{json::value(redirect)}}});
  CHECK(c.admin("GET", "/_sandbox/settings").as_object().at("webhook_redirects").as_array().at(0).as_string() ==
        redirect);
  c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id_of(c)}, {"count", 1}});
  const auto got = receiver.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK(json::parse(got[0].body).as_object().at("type").to_number<int>() == 1);
}
