// Requests the real API accepts and tts-sandbox used to refuse (issue 13, item 1): shop_cipher on
// DELETE /authorization/202403/shops, optional and long idempotency keys on return and cancellation
// decisions, every documented webhook event type, and the unsupported-version code.
#include "sandbox_domains/domains_fixture.hpp"

using namespace domains_test;

namespace {

std::string create_return(TtsClient& c, const std::string& shop_id, const std::string& type) {
  const auto order = order_in(c, shop_id, "DELIVERED");
  const auto made =
      c.admin("POST", "/_sandbox/returns", json::object{{"order_id", order.at("id")}, {"return_type", type}});
  return str(made.as_object().at("return_id"));
}

std::string create_cancel_request(TtsClient& c, const std::string& shop_id) {
  const auto order = order_in(c, shop_id, "AWAITING_SHIPMENT");
  const auto made = c.admin("POST", "/_sandbox/cancellations", json::object{{"order_id", order.at("id")}});
  return str(made.as_object().at("cancel_id"));
}

std::string status_of(TtsClient& c, const std::string& path, const std::string& ids_key, const std::string& list_key,
                      const std::string& status_key, const std::string& id) {
  const auto d =
      ok(call(c, "POST", path, {{"page_size", "10"}}, json::object{{ids_key, json::array{json::value(id)}}}));
  REQUIRE(d.at(list_key).as_array().size() == 1);
  return str(d.at(list_key).as_array().at(0).as_object().at(status_key));
}

std::string return_status(TtsClient& c, const std::string& id) {
  return status_of(c, "/return_refund/202309/returns/search", "return_ids", "return_orders", "return_status", id);
}

std::string cancel_status(TtsClient& c, const std::string& id) {
  return status_of(c, "/return_refund/202309/cancellations/search", "cancel_ids", "cancellations", "cancel_status", id);
}

HttpResponse deauthorize(TtsClient& c, bool with_cipher) {
  TtsCall t{"DELETE", "/authorization/202403/shops", {}, ""};
  t.include_shop_cipher = with_cipher;
  return c.call(t);
}

}  // namespace

TEST_CASE("DELETE /authorization/202403/shops takes the shop_cipher the official SDK sends") {
  SandboxProcess sb(args());
  auto s = session(sb, 0);
  const auto shops = s.client.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  const std::string other_id = str(shops.at(1).as_object().at("id"));
  const std::string other_cipher = str(shops.at(1).as_object().at("cipher"));
  // One token for both shops; the DELETE names the first one.
  const auto token = s.client.admin("POST", "/_sandbox/tokens",
                                    json::object{{"app_key", kKey}, {"shop_ids", json::array{s.shop_id, other_id}}});
  s.client.access_token = str(token.as_object().at("access_token"));

  const std::string own_cipher = s.client.shop_cipher;
  s.client.shop_cipher = "not-a-cipher";
  rejected(deauthorize(s.client, true), 400, 36009004);  // an unknown cipher is still refused
  s.client.shop_cipher = own_cipher;
  ok(deauthorize(s.client, true));

  // Only that shop lost the grant; the token still serves the other one.
  rejected(call(s.client, "GET", "/logistics/202309/warehouses"), 403, 101000);
  s.client.shop_cipher = other_cipher;
  ok(call(s.client, "GET", "/logistics/202309/warehouses"));
  // Without a cipher it ends the grant for every shop the token still covers, as before.
  ok(deauthorize(s.client, false));
  rejected(call(s.client, "GET", "/logistics/202309/warehouses"), 400, 36009004);
}

TEST_CASE("return decisions take no idempotency_key, or one of up to 255 characters") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::string refund = create_return(s.client, s.shop_id, "REFUND");
  ok(call(s.client, "POST", "/return_refund/202309/returns/" + refund + "/approve", {},
          json::object{{"decision", "APPROVE_REFUND"}}));
  CHECK(return_status(s.client, refund) == "RETURN_OR_REFUND_REQUEST_COMPLETE");

  const std::string rejected_refund = create_return(s.client, s.shop_id, "REFUND");
  ok(call(s.client, "POST", "/return_refund/202309/returns/" + rejected_refund + "/reject", {},
          json::object{{"decision", "REJECT_REFUND"}, {"reject_reason", "reverse_reject_request_reason_1"}}));
  CHECK(return_status(s.client, rejected_refund) == "REFUND_OR_RETURN_REQUEST_REJECT");

  const std::string long_key(255, 'k');
  const std::string third = create_return(s.client, s.shop_id, "REFUND");
  const std::string approve = "/return_refund/202309/returns/" + third + "/approve";
  const json::object body{{"decision", "APPROVE_REFUND"}};
  rejected(call(s.client, "POST", approve, {{"idempotency_key", long_key + "k"}}, body), 400, 36009004);
  CHECK(return_status(s.client, third) == "RETURN_OR_REFUND_REQUEST_PENDING");
  const auto first = ok(call(s.client, "POST", approve, {{"idempotency_key", long_key}}, body));
  CHECK(ok(call(s.client, "POST", approve, {{"idempotency_key", long_key}}, body)) == first);  // a replay
  CHECK(return_status(s.client, third) == "RETURN_OR_REFUND_REQUEST_COMPLETE");
}

TEST_CASE("cancellation decisions take no idempotency_key, or one of up to 255 characters") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::string approved = create_cancel_request(s.client, s.shop_id);
  ok(call(s.client, "POST", "/return_refund/202309/cancellations/" + approved + "/approve", {}, json::object{}));
  CHECK(cancel_status(s.client, approved) == "CANCELLATION_REQUEST_COMPLETE");

  const std::string refused = create_cancel_request(s.client, s.shop_id);
  ok(call(s.client, "POST", "/return_refund/202309/cancellations/" + refused + "/reject", {},
          json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}));
  CHECK(cancel_status(s.client, refused) == "CANCELLATION_REQUEST_CANCEL");

  const std::string keyed = create_cancel_request(s.client, s.shop_id);
  const std::string approve = "/return_refund/202309/cancellations/" + keyed + "/approve";
  rejected(call(s.client, "POST", approve, {{"idempotency_key", std::string(256, 'c')}}, json::object{}), 400,
           36009004);
  CHECK(cancel_status(s.client, keyed) == "CANCELLATION_REQUEST_PENDING");
  ok(call(s.client, "POST", approve, {{"idempotency_key", std::string(255, 'c')}}, json::object{}));
  CHECK(cancel_status(s.client, keyed) == "CANCELLATION_REQUEST_COMPLETE");
}

TEST_CASE("webhook subscriptions take every documented event type and refuse only unknown ones") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const std::vector<std::string> documented{"ORDER_STATUS_CHANGE",
                                            "REVERSE_STATUS_UPDATE",
                                            "RECIPIENT_ADDRESS_UPDATE",
                                            "PACKAGE_UPDATE",
                                            "PRODUCT_STATUS_CHANGE",
                                            "SELLER_DEAUTHORIZATION",
                                            "UPCOMING_AUTHORIZATION_EXPIRATION",
                                            "CANCELLATION_STATUS_CHANGE",
                                            "RETURN_STATUS_CHANGE",
                                            "NEW_CONVERSATION",
                                            "NEW_MESSAGE",
                                            "PRODUCT_INFORMATION_CHANGE",
                                            "PRODUCT_CREATION",
                                            "PRODUCT_CATEGORY_CHANGE",
                                            "NEW_MESSAGE_LISTENER",
                                            "INVOICE_STATUS_CHANGE",
                                            "PRODUCT_AUDIT_STATUS_CHANGE"};
  for (const auto& type : documented) {
    INFO(type);
    subscribe(s.client, type);
  }
  const auto listed = ok(call(s.client, "GET", "/event/202309/webhooks"));
  CHECK(listed.at("total_count").to_number<std::size_t>() == documented.size());
  for (const char* unknown : {"ORDER_STATUS_CHANGED", "order_status_change", "NEW_MESSAGE_LISTENERS", ""}) {
    INFO(unknown);
    rejected(call(s.client, "PUT", "/event/202309/webhooks", {},
                  json::object{{"event_type", unknown}, {"address", "https://erp.example.com/hooks"}}),
             400, 36009004);
  }
  ok(call(s.client, "DELETE", "/event/202309/webhooks", {}, json::object{{"event_type", "NEW_MESSAGE_LISTENER"}}));
  CHECK(ok(call(s.client, "GET", "/event/202309/webhooks")).at("total_count").to_number<std::size_t>() ==
        documented.size() - 1);
}

TEST_CASE("an API version a path does not have answers 36009014, an unknown path still 36009009") {
  SandboxProcess sb(args());
  auto s = session(sb);
  for (const char* version : {"202399", "202301", "v2", "2023"}) {
    INFO(version);
    const auto r = call(s.client, "POST", std::string("/order/") + version + "/orders/search", {{"page_size", "10"}},
                        json::object{});
    rejected(r, 400, 36009014);
    CHECK(r.json().as_object().at("message") == "The version name is invalid, please check and retry.");
  }
  rejected(call(s.client, "GET", "/return_refund/202411/reject_reasons"), 400, 36009014);
  rejected(call(s.client, "POST", "/order/202309/orderz/search", {{"page_size", "10"}}, json::object{}), 404, 36009009);
  rejected(call(s.client, "GET", "/nothing/202309/at/all"), 404, 36009009);
  // The right version still works, and a known path under another method is still 405.
  ok(call(s.client, "POST", "/order/202309/orders/search", {{"page_size", "10"}}, json::object{}));
  rejected(call(s.client, "GET", "/order/202309/orders/search", {{"page_size", "10"}}), 405, 36009010);
}
