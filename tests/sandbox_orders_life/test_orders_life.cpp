// tts-sandbox, the order after import: the one-hour on-hold window with its webhook, shipping info
// updates after dispatch (ORD-3PL-UPDATE), item-level split (ORD-SPLIT-API), buyer cancellation
// requests with their decisions and webhooks, and gift lines, all over real HTTP.
#include "sandbox_domains/domains_fixture.hpp"

using namespace domains_test;

namespace {

// A seller-shipped order awaiting shipment (frozen) with at least `min_items` lines of distinct SKUs,
// and the id of a shipping provider of its delivery option.
struct SellerOrder {
  json::object order;
  std::string id, provider, other_provider;
};
SellerOrder seller_order(TtsClient& c, const std::string& shop_id, std::size_t min_items = 1) {
  for (int i = 0; i < 60; ++i) {
    const auto o = order_in(c, shop_id, "AWAITING_SHIPMENT", min_items);
    std::set<std::string> skus;
    std::size_t first_sku = 0;  // line items of the first line's SKU: split tests ship it alone
    for (const auto& li : o.at("line_items").as_array()) {
      skus.insert(str(li.as_object().at("sku_id")));
      first_sku += li.as_object().at("sku_id") == o.at("line_items").as_array().at(0).as_object().at("sku_id") ? 1 : 0;
    }
    if (skus.size() < min_items || (min_items > 1 && first_sku > 1)) continue;
    const std::string id = str(o.at("id"));
    c.admin("POST", "/_sandbox/orders/" + id + "/shipping_type", json::object{{"shipping_type", "SELLER"}});
    const auto order = get_order(c, id);
    const auto providers =
        ok(call(c, "GET",
                "/logistics/202309/delivery_options/" + str(order.at("delivery_option_id")) + "/shipping_providers"))
            .at("shipping_providers")
            .as_array();
    return {order, id, str(providers.at(0).as_object().at("id")), str(providers.at(1).as_object().at("id"))};
  }
  FAIL("no order with enough distinct SKUs");
  return {};
}

json::object ship_body(const std::string& tracking, const std::string& provider, json::array lines = {}) {
  json::object b{{"tracking_number", tracking}, {"shipping_provider_id", provider}};
  if (!lines.empty()) b["order_line_item_ids"] = std::move(lines);
  return b;
}

void advance(TtsClient& c, std::int64_t seconds) {
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", seconds}});
  c.sync_clock();
}

}  // namespace

TEST_CASE("ORD-SYNC-ONHOLD: a paid order is ON_HOLD for an hour, announced, unshippable, then awaits shipment") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "ORDER_STATUS_CHANGE");
  const auto created = s.client.admin("POST", "/_sandbox/orders", json::object{{"shop_id", s.shop_id}, {"count", 8}});
  advance(s.client, 31 * 60);  // every order is paid (or cancelled) within 30 minutes
  std::vector<std::string> held;
  for (const auto& o : created.as_object().at("orders").as_array()) {
    const auto now = get_order(s.client, str(o.as_object().at("id")));
    if (now.at("status") == "ON_HOLD") held.push_back(str(now.at("id")));
    CHECK(now.at("is_on_hold_order").as_bool() == (now.at("status") == "ON_HOLD"));
  }
  REQUIRE(!held.empty());
  const auto order = get_order(s.client, held.front());
  CHECK(order.at("paid_time").to_number<std::int64_t>() > 0);
  // Shipping during the hold is refused: the package exists but the order does not await shipment.
  const std::string pkg = str(order.at("packages").as_array().at(0).as_object().at("id"));
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {},
                json::object{{"handover_method", "DROP_OFF"}}),
           400, 36009004);
  REQUIRE(wait_hooks(receiver, [&] {
    for (const auto& h : hooks_of(receiver, 1)) {
      const auto& d = h.at("data").as_object();
      if (str(d.at("order_id")) == held.front() && d.at("order_status") == "ON_HOLD") return true;
    }
    return false;
  }));
  for (const auto& h : hooks_of(receiver, 1)) {
    const auto& d = h.at("data").as_object();
    CHECK(d.at("is_on_hold_order").as_bool() == (d.at("order_status") == "ON_HOLD"));
  }
  advance(s.client, 3600);  // the hour is over
  const auto released = get_order(s.client, held.front());
  CHECK(released.at("status") != "ON_HOLD");
  CHECK_FALSE(released.at("is_on_hold_order").as_bool());
  REQUIRE(wait_hooks(receiver, [&] {
    for (const auto& h : hooks_of(receiver, 1)) {
      const auto& d = h.at("data").as_object();
      if (str(d.at("order_id")) == held.front() && d.at("order_status") == "AWAITING_SHIPMENT") return true;
    }
    return false;
  }));
}

TEST_CASE("ORD-3PL-UPDATE: shipping info changes only after shipment, before delivery, within 72 h") {
  SandboxProcess sb(args());
  auto s = session(sb);
  auto so = seller_order(s.client, s.shop_id);
  const std::string order_path = "/fulfillment/202309/orders/" + so.id + "/shipping_info/update";
  const std::string pkg = str(so.order.at("packages").as_array().at(0).as_object().at("id"));
  const std::string pkg_path = "/fulfillment/202309/packages/" + pkg + "/shipping_info/update";
  rejected(call(s.client, "POST", order_path, {}, ship_body("NEW1", so.provider)), 400, 21011043);  // not shipped
  ok(call(s.client, "POST", "/fulfillment/202309/orders/" + so.id + "/packages", {}, ship_body("OLD1", so.provider)));
  // Body checks: required fields, unknown fields, an invalid number or a provider of another option.
  rejected(call(s.client, "POST", order_path, {}, json::object{{"tracking_number", "X1"}}), 400, 36009004);
  rejected(call(s.client, "POST", order_path, {}, json::object{{"shipping_provider_id", so.provider}}), 400, 36009004);
  auto extra = ship_body("NEW1", so.provider);
  extra["note"] = "x";
  rejected(call(s.client, "POST", order_path, {}, extra), 400, 36009004);
  rejected(call(s.client, "POST", order_path, {}, ship_body("NEW 1", so.provider)), 400, 21011022);
  rejected(call(s.client, "POST", order_path, {}, ship_body("NEW1", "42")), 400, 21011022);
  rejected(
      call(s.client, "POST", "/fulfillment/202309/orders/999/shipping_info/update", {}, ship_body("NEW1", so.provider)),
      400, 36009004);
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/999/shipping_info/update", {},
                ship_body("NEW1", so.provider)),
           400, 21011028);

  ok(call(s.client, "POST", order_path, {}, ship_body("NEW1", so.other_provider)));
  const auto after = get_order(s.client, so.id);
  CHECK(after.at("tracking_number") == "NEW1");
  CHECK(str(after.at("shipping_provider_id")) == so.other_provider);
  const auto package = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + pkg));
  CHECK(package.at("tracking_number") == "NEW1");
  CHECK(str(package.at("shipping_provider_id")) == so.other_provider);
  ok(call(s.client, "POST", pkg_path, {}, ship_body("NEW2", so.provider)));  // the package variant too
  CHECK(ok(call(s.client, "GET", "/fulfillment/202309/packages/" + pkg)).at("tracking_number") == "NEW2");

  // Past 72 h since shipping (kept in transit): 21011049; delivered: 21011030.
  s.client.admin("POST", "/_sandbox/orders/" + so.id + "/status",
                 json::object{{"status", "IN_TRANSIT"}, {"freeze", true}});
  advance(s.client, 73 * 3600);
  rejected(call(s.client, "POST", order_path, {}, ship_body("NEW3", so.provider)), 400, 21011049);
  s.client.admin("POST", "/_sandbox/orders/" + so.id + "/status",
                 json::object{{"status", "DELIVERED"}, {"freeze", true}});
  rejected(call(s.client, "POST", order_path, {}, ship_body("NEW3", so.provider)), 400, 21011030);

  // TikTok shipping: not the seller's to update. Cancelled: 21011041.
  const auto tiktok = order_in(s.client, s.shop_id, "IN_TRANSIT");
  s.client.admin("POST", "/_sandbox/orders/" + str(tiktok.at("id")) + "/shipping_type",
                 json::object{{"shipping_type", "TIKTOK"}});
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + str(tiktok.at("id")) + "/shipping_info/update", {},
                ship_body("NEW4", so.provider)),
           400, 21011004);
  const auto cancelled = order_in(s.client, s.shop_id, "CANCELLED");
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + str(cancelled.at("id")) + "/shipping_info/update", {},
                ship_body("NEW5", so.provider)),
           400, 21011041);
}

TEST_CASE("ORD-SPLIT-API: two lines ship in two packages, each updated through the package variant") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "PACKAGE_UPDATE");
  auto so = seller_order(s.client, s.shop_id, 2);
  const auto& lines = so.order.at("line_items").as_array();
  const std::string first = str(lines.at(0).as_object().at("id"));
  const std::string path = "/fulfillment/202309/orders/" + so.id + "/packages";
  const auto one = ok(call(s.client, "POST", path, {}, ship_body("SPLIT1", so.provider, {json::value(first)})));
  CHECK(one.at("order_line_item_ids").as_array().size() == 1);
  CHECK(get_order(s.client, so.id).at("status") == "PARTIALLY_SHIPPING");
  rejected(call(s.client, "POST", path, {}, ship_body("SPLIT9", so.provider, {json::value(first)})), 400, 21011006);
  const auto two = ok(call(s.client, "POST", path, {}, ship_body("SPLIT2", so.provider)));
  CHECK(two.at("package_id") != one.at("package_id"));
  const auto order = get_order(s.client, so.id);
  CHECK(order.at("status") == "IN_TRANSIT");
  CHECK(order.at("packages").as_array().size() == 2);
  // A split order's tracking is changed per package (10007002 on the order variant).
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + so.id + "/shipping_info/update", {},
                ship_body("SPLIT3", so.provider)),
           400, 10007002);
  ok(call(s.client, "POST", "/fulfillment/202309/packages/" + str(one.at("package_id")) + "/shipping_info/update", {},
          ship_body("SPLIT3", so.other_provider)));
  const auto pkg = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + str(one.at("package_id"))));
  CHECK(pkg.at("tracking_number") == "SPLIT3");
  CHECK(ok(call(s.client, "GET", "/fulfillment/202309/packages/" + str(two.at("package_id")))).at("tracking_number") ==
        "SPLIT2");
  REQUIRE(wait_hooks(receiver, [&] { return hooks_of(receiver, 4).size() >= 3; }));

  // One SKU's units may not be split across packages: a gift line of the first line's SKU.
  auto so2 = seller_order(s.client, s.shop_id, 2);
  const auto& l2 = so2.order.at("line_items").as_array().at(0).as_object();
  s.client.admin("POST", "/_sandbox/orders/" + so2.id + "/gifts", json::object{{"sku_id", l2.at("sku_id")}});
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + so2.id + "/packages", {},
                ship_body("SAME1", so2.provider, {l2.at("id")})),
           400, 21011036);
}

TEST_CASE("ORD-SPLIT-API: markets without item-level split refuse it with 21008106") {
  SandboxProcess sb(args({"--shops", "3"}));
  auto s = session(sb, 2);  // the third shop is in Indonesia
  auto so = seller_order(s.client, s.shop_id, 2);
  const auto first = so.order.at("line_items").as_array().at(0).as_object().at("id");
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + so.id + "/packages", {},
                ship_body("ID1", so.provider, {first})),
           400, 21008106);
  ok(call(s.client, "POST", "/fulfillment/202309/orders/" + so.id + "/packages", {}, ship_body("ID1", so.provider)));
}

TEST_CASE("buyer cancellation: raised by the buyer, decided with optional keys and the real codes") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base(), "--shops", "3"}));
  auto s = session(sb);
  subscribe(s.client, "CANCELLATION_STATUS_CHANGE");
  auto request = [&](const std::string& order_id) {
    return str(s.client.admin("POST", "/_sandbox/cancellations", json::object{{"order_id", order_id}})
                   .as_object()
                   .at("cancel_id"));
  };
  const auto o1 = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string c1 = request(str(o1.at("id")));
  const std::string base = "/return_refund/202309/cancellations/";
  const auto reasons =
      ok(call(s.client, "GET", "/return_refund/202309/reject_reasons", {{"return_or_cancel_id", c1}})).at("reasons");
  CHECK(reasons.as_array().size() == 4);  // US
  rejected(call(s.client, "POST", base + c1 + "/reject", {}, json::object{{"reject_reason", "no_such_reason"}}), 400,
           25001014);
  rejected(call(s.client, "POST", base + c1 + "/reject", {},
                json::object{{"reject_reason", "order_manage_list_action_respond_popup_reject_reason_delivered"}}),
           400, 25001021);                                                 // the order is not delivered
  ok(call(s.client, "POST", base + c1 + "/approve", {}, json::object{}));  // no idempotency_key: fine
  CHECK(get_order(s.client, str(o1.at("id"))).at("status") == "CANCELLED");
  rejected(call(s.client, "POST", base + c1 + "/approve", {}, json::object{}), 400, 25020009);
  rejected(call(s.client, "POST", base + c1 + "/reject", {},
                json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}),
           400, 25020010);

  const auto o2 = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string c2 = request(str(o2.at("id")));
  const std::string long_key(255, 'k');
  ok(call(s.client, "POST", base + c2 + "/reject", {{"idempotency_key", long_key}},
          json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}));
  ok(call(s.client, "POST", base + c2 + "/reject", {{"idempotency_key", long_key}},
          json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}));  // replay
  rejected(call(s.client, "POST", base + c2 + "/approve", {}, json::object{}), 400, 25011012);
  rejected(call(s.client, "POST", base + c2 + "/reject", {},
                json::object{{"reject_reason", "seller_reject_apply_product_has_been_packed"}}),
           400, 25011011);
  rejected(call(s.client, "POST", base + "999/approve", {}, json::object{}), 400, 36009004);

  // Shipping with a pending request: in the US the shipment rejects the request automatically.
  auto so = seller_order(s.client, s.shop_id);
  const std::string c3 = request(so.id);
  ok(call(s.client, "POST", "/fulfillment/202309/orders/" + so.id + "/packages", {}, ship_body("PEND1", so.provider)));
  REQUIRE(wait_hooks(receiver, [&] {
    for (const auto& h : hooks_of(receiver, 11)) {
      const auto& d = h.at("data").as_object();
      if (str(d.at("cancel_id")) == c3 && d.at("cancel_status") == "CANCELLATION_REQUEST_CANCEL") return true;
    }
    return false;
  }));
  REQUIRE(wait_hooks(receiver, [&] {
    int n = 0;
    for (const auto& h : hooks_of(receiver, 11)) n += str(h.at("data").as_object().at("cancel_id")) == c2 ? 1 : 0;
    return n == 2;  // requested + rejected once; the replay sent nothing
  }));

  // Elsewhere (Indonesia) shipping waits for the decision: 21011007.
  auto id_shop = session(sb, 2);
  auto so_id = seller_order(id_shop.client, id_shop.shop_id);
  request(so_id.id);
  rejected(call(id_shop.client, "POST", "/fulfillment/202309/orders/" + so_id.id + "/packages", {},
                ship_body("PEND2", so_id.provider)),
           400, 21011007);
}

TEST_CASE("ORD-SYNC-GIFT: a gift line shows is_gift and gift_retail_price, sold at zero") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto o = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string oid = str(o.at("id"));
  const auto gift = s.client.admin("POST", "/_sandbox/orders/" + oid + "/gifts", json::object{}).as_object();
  const auto order = get_order(s.client, oid);
  bool found = false;
  for (const auto& v : order.at("line_items").as_array()) {
    const auto& li = v.as_object();
    if (li.at("id") != gift.at("line_item_id")) {
      CHECK_FALSE(li.at("is_gift").as_bool());
      CHECK_FALSE(li.contains("gift_retail_price"));
      continue;
    }
    found = true;
    CHECK(li.at("is_gift").as_bool());
    CHECK(li.at("sale_price") == "0.00");
    CHECK(li.at("gift_retail_price") == gift.at("gift_retail_price"));
    CHECK(li.at("gift_retail_price") != "0.00");
  }
  CHECK(found);
  CHECK(s.client.raw("POST", "/_sandbox/orders/" + oid + "/gifts", R"({"sku_id":"1"})").status == 400);
  CHECK(s.client.raw("POST", "/_sandbox/orders/" + oid + "/gifts", R"({"colour":"red"})").status == 400);
}
