// Fulfillment and logistics over real HTTP: delivery options and providers, package search paging,
// shipping (TikTok handover and seller shipping with a split), wrong-state and invalid-body rejections,
// shipping documents served by the sandbox, tracking, and the webhooks shipping emits.
#include "domains_fixture.hpp"

using namespace domains_test;

namespace {

std::string first_sales_warehouse(const json::object& truth) {
  for (const auto& w : truth.at("warehouses").as_array())
    if (w.as_object().at("type") == "SALES_WAREHOUSE") return str(w.as_object().at("id"));
  return "";
}

// The path and query of an absolute URL served by the sandbox.
std::string target_of(const std::string& url) {
  const auto slash = url.find('/', url.find("//") + 2);
  return url.substr(slash);
}

}  // namespace

TEST_CASE("delivery options and shipping providers come from the shop's warehouses") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  const std::string wid = first_sales_warehouse(t);
  const auto options = ok(call(s.client, "GET", "/logistics/202309/warehouses/" + wid + "/delivery_options"));
  const auto& list = options.at("delivery_options").as_array();
  REQUIRE(list.size() == 3);
  std::set<std::string> types;
  for (const auto& o : list) types.insert(str(o.as_object().at("type")));
  CHECK(types == std::set<std::string>{"STANDARD", "ECONOMY", "SEND_BY_SELLER"});
  const std::string option_id = str(list.at(0).as_object().at("id"));
  const auto providers =
      ok(call(s.client, "GET", "/logistics/202309/delivery_options/" + option_id + "/shipping_providers"));
  REQUIRE_FALSE(providers.at("shipping_providers").as_array().empty());
  for (const auto& p : providers.at("shipping_providers").as_array()) {
    CHECK_FALSE(str(p.as_object().at("id")).empty());
    CHECK_FALSE(str(p.as_object().at("name")).empty());
  }
  rejected(call(s.client, "GET", "/logistics/202309/warehouses/123/delivery_options"), 400, 36009004);
  rejected(call(s.client, "GET", "/logistics/202309/delivery_options/123/shipping_providers"), 400, 36009004);
  // Generated orders use real options of their warehouse.
  std::set<std::string> option_ids;
  for (const auto& o : t.at("delivery_options").as_array()) option_ids.insert(str(o.as_object().at("id")));
  for (const auto& o : t.at("orders").as_array())
    CHECK(option_ids.count(str(o.as_object().at("delivery_option_id"))) == 1);
}

TEST_CASE("package search returns every package exactly once, within the page_size limits") {
  SandboxProcess sb(args());
  auto s = session(sb);
  const auto t = truth(s.client, s.shop_id);
  std::set<std::string> expected;
  for (const auto& p : t.at("packages").as_array()) expected.insert(str(p.as_object().at("package_id")));
  REQUIRE(expected.size() > 20);
  for (const char* sort : {"create_time", "update_time"}) {
    std::int64_t total = -1;
    std::vector<std::string> ids;
    std::string token;
    while (true) {
      ocean::url::QueryParams q{{"page_size", "7"}, {"sort_field", sort}, {"sort_order", "ASC"}};
      if (!token.empty()) q.emplace_back("page_token", token);
      const auto d = ok(call(s.client, "POST", "/fulfillment/202309/packages/search", q, json::object{}));
      for (const auto& p : d.at("packages").as_array()) ids.push_back(str(p.as_object().at("id")));
      total = d.at("total_count").to_number<std::int64_t>();
      token = str(d.at("next_page_token"));
      if (token.empty()) break;
    }
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == expected);
    CHECK(ids.size() == expected.size());
    CHECK(total == static_cast<std::int64_t>(expected.size()));
  }
  // A status filter keeps only packages in that status.
  const auto fulfilling = all_pages(s.client, "POST", "/fulfillment/202309/packages/search", "packages", "id", 50,
                                    json::object{{"package_status", "COMPLETED"}});
  std::size_t completed = 0;
  for (const auto& p : t.at("packages").as_array()) completed += p.as_object().at("package_status") == "COMPLETED";
  CHECK(fulfilling.size() == completed);
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/search", {{"page_size", "51"}}, json::object{}), 400,
           36009004);
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/search", {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/search", {{"page_size", "10"}},
                json::object{{"package_status", "SHIPPED"}}),
           400, 36009004);
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/search",
                {{"page_size", "10"}, {"page_token", "bm9wZQ=="}}, json::object{}),
           400, 36009004);
}

TEST_CASE("shipping a TikTok package: validation, state change, webhooks, documents, tracking") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "PACKAGE_UPDATE");
  subscribe(s.client, "ORDER_STATUS_CHANGE");
  const auto order = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  const std::string oid = str(order.at("id"));
  const std::string pid = str(order.at("packages").as_array().at(0).as_object().at("id"));
  const std::string ship = "/fulfillment/202309/packages/" + pid + "/ship";
  const std::string docs = "/fulfillment/202309/packages/" + pid + "/shipping_documents";
  s.client.sync_clock();
  const std::int64_t now = s.client.sandbox_now();

  auto before = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + pid));
  CHECK(before.at("package_status") == "PROCESSING");
  CHECK(before.at("tracking_number") == "");
  // No document before the package has shipped.
  rejected(call(s.client, "GET", docs, {{"document_type", "SHIPPING_LABEL"}}), 400, 36009004);

  // Each invalid body is refused and changes nothing.
  rejected(call(s.client, "POST", ship, {}, json::object{}), 400, 36009004);
  rejected(call(s.client, "POST", ship, {}, json::object{{"handover_method", "COURIER"}}), 400, 36009004);
  rejected(call(s.client, "POST", ship, {}, json::object{{"handover_method", "PICKUP"}}), 400, 36009004);
  rejected(call(s.client, "POST", ship, {},
                json::object{{"handover_method", "PICKUP"},
                             {"pickup_slot", json::object{{"start_time", now + 7200}, {"end_time", now + 3600}}}}),
           400, 36009004);
  rejected(
      call(s.client, "POST", ship, {},
           json::object{{"handover_method", "DROP_OFF"},
                        {"self_shipment", json::object{{"tracking_number", "X1"}, {"shipping_provider_id", "1"}}}}),
      400, 36009004);
  rejected(
      call(s.client, "POST", ship, {},
           json::object{{"self_shipment", json::object{{"tracking_number", "X1"}, {"shipping_provider_id", "1"}}}}),
      400, 36009004);  // self shipment is for seller-shipping orders
  rejected(call(s.client, "POST", "/fulfillment/202309/packages/999/ship", {},
                json::object{{"handover_method", "DROP_OFF"}}),
           400, 36009004);
  CHECK(get_order(s.client, oid).at("status") == "AWAITING_SHIPMENT");

  ok(call(s.client, "POST", ship, {},
          json::object{{"handover_method", "PICKUP"},
                       {"pickup_slot", json::object{{"start_time", now + 3600}, {"end_time", now + 7200}}}}));
  const auto after = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + pid));
  CHECK(after.at("package_status") == "FULFILLING");
  CHECK(after.at("handover_method") == "PICKUP");
  CHECK(after.at("pickup_slot").as_object().at("start_time").to_number<std::int64_t>() == now + 3600);
  const std::string tracking = str(after.at("tracking_number"));
  CHECK_FALSE(tracking.empty());
  const auto shipped = get_order(s.client, oid);
  CHECK(shipped.at("status") == "AWAITING_COLLECTION");
  CHECK(str(shipped.at("tracking_number")) == tracking);

  // Shipping twice is a wrong-state error.
  rejected(call(s.client, "POST", ship, {}, json::object{{"handover_method", "DROP_OFF"}}), 400, 36009004);

  REQUIRE(wait_hooks(receiver, [&] { return !hooks_of(receiver, 4).empty() && !hooks_of(receiver, 1).empty(); }));
  const auto pkg_hook = hooks_of(receiver, 4).at(0);
  CHECK(str(pkg_hook.at("shop_id")) == s.shop_id);
  const auto& pkg_list = pkg_hook.at("data").as_object().at("package_list").as_array();
  CHECK(str(pkg_list.at(0).as_object().at("package_id")) == pid);
  CHECK(str(pkg_list.at(0).as_object().at("order_id_list").as_array().at(0)) == oid);
  bool saw_status = false;
  for (const auto& h : hooks_of(receiver, 1)) {
    const auto& d = h.at("data").as_object();
    saw_status = saw_status || (str(d.at("order_id")) == oid && d.at("order_status") == "AWAITING_COLLECTION");
  }
  CHECK(saw_status);

  // Documents: strict parameters, then a real PDF (and ZPL) served by the sandbox.
  rejected(call(s.client, "GET", docs), 400, 36009004);
  rejected(call(s.client, "GET", docs, {{"document_type", "LABEL"}}), 400, 36009004);
  rejected(call(s.client, "GET", docs, {{"document_type", "SHIPPING_LABEL"}, {"document_size", "A4"}}), 400, 36009004);
  rejected(call(s.client, "GET", docs, {{"document_type", "SHIPPING_LABEL"}, {"document_format", "PNG"}}), 400,
           36009004);
  const auto doc = ok(call(s.client, "GET", docs, {{"document_type", "SHIPPING_LABEL"}, {"document_size", "A6"}}));
  CHECK(str(doc.at("tracking_number")) == tracking);
  const std::string url = str(doc.at("doc_url"));
  CHECK(url.rfind(sb.http_base() + "/_sandbox/documents/", 0) == 0);
  const auto pdf = s.client.raw("GET", target_of(url));
  CHECK(pdf.status == 200);
  CHECK(pdf.headers.at("content-type") == "application/pdf");
  CHECK(pdf.body.rfind("%PDF-1.4\n", 0) == 0);
  CHECK(pdf.body.find(tracking) != std::string::npos);
  CHECK(pdf.body.size() > 300);
  CHECK(pdf.body.substr(pdf.body.size() - 6) == "%%EOF\n");
  const auto zpl_doc = ok(call(s.client, "GET", docs, {{"document_type", "PACKING_SLIP"}, {"document_format", "ZPL"}}));
  const auto zpl = s.client.raw("GET", target_of(str(zpl_doc.at("doc_url"))));
  CHECK(zpl.status == 200);
  CHECK(zpl.body.rfind("^XA", 0) == 0);

  // Tracking in milliseconds, newest first.
  const auto tr = ok(call(s.client, "GET", "/fulfillment/202309/orders/" + oid + "/tracking"));
  REQUIRE_FALSE(tr.at("tracking").as_array().empty());
  CHECK(tr.at("tracking").as_array().at(0).as_object().at("update_time_millis").to_number<std::int64_t>() >=
        now * 1000);
  rejected(call(s.client, "GET", "/fulfillment/202309/orders/123/tracking"), 400, 36009004);

  // The flow continues on its own: after two days the order is in transit or delivered.
  s.client.admin("POST", "/_sandbox/clock", json::object{{"advance", 25 * 3600}});
  s.client.sync_clock();
  const auto later = get_order(s.client, oid).at("status");
  CHECK((later == "IN_TRANSIT" || later == "DELIVERED"));
  // The document link has expired after 24 h.
  CHECK(s.client.raw("GET", target_of(url)).status == 404);
}

TEST_CASE("seller shipping: mark as shipped with a split, then the rest") {
  WebhookReceiver receiver;
  SandboxProcess sb(args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto s = session(sb);
  subscribe(s.client, "PACKAGE_UPDATE");
  // Two line items of different SKUs: one SKU's units may not be split across packages (21011036).
  auto created = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT", 2);
  for (int i = 0; i < 50; ++i) {
    const auto& li = created.at("line_items").as_array();
    std::size_t same = 0;  // line items sharing the first one's SKU (it alone is split off below)
    for (const auto& l : li) same += l.as_object().at("sku_id") == li.at(0).as_object().at("sku_id") ? 1 : 0;
    if (same == 1) break;
    created = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT", 2);
  }
  const std::string oid = str(created.at("id"));
  s.client.admin("POST", "/_sandbox/orders/" + oid + "/shipping_type", json::object{{"shipping_type", "SELLER"}});
  const auto order = get_order(s.client, oid);
  CHECK(order.at("shipping_type") == "SELLER");
  const auto providers =
      ok(call(s.client, "GET",
              "/logistics/202309/delivery_options/" + str(order.at("delivery_option_id")) + "/shipping_providers"));
  const std::string provider = str(providers.at("shipping_providers").as_array().at(0).as_object().at("id"));
  const auto& items = order.at("line_items").as_array();
  const std::string first = str(items.at(0).as_object().at("id"));
  const std::string path = "/fulfillment/202309/orders/" + oid + "/packages";

  rejected(call(s.client, "POST", path, {}, json::object{{"shipping_provider_id", provider}}), 400, 36009004);
  rejected(
      call(s.client, "POST", path, {}, json::object{{"tracking_number", "1Z 99"}, {"shipping_provider_id", provider}}),
      400, 36009004);
  rejected(call(s.client, "POST", path, {}, json::object{{"tracking_number", "1Z999"}, {"shipping_provider_id", "42"}}),
           400, 36009004);
  rejected(call(s.client, "POST", path, {},
                json::object{{"tracking_number", "1Z999"},
                             {"shipping_provider_id", provider},
                             {"order_line_item_ids", json::array{"nope"}}}),
           400, 36009004);

  const auto part = ok(call(s.client, "POST", path, {},
                            json::object{{"tracking_number", "1Z999AA1"},
                                         {"shipping_provider_id", provider},
                                         {"order_line_item_ids", json::array{json::value(first)}}}));
  const std::string split_pkg = str(part.at("package_id"));
  const auto partial = get_order(s.client, oid);
  CHECK(partial.at("status") == "PARTIALLY_SHIPPING");
  CHECK(partial.at("packages").as_array().size() == 2);
  const auto pkg = ok(call(s.client, "GET", "/fulfillment/202309/packages/" + split_pkg));
  CHECK(pkg.at("tracking_number") == "1Z999AA1");
  CHECK(pkg.at("package_status") == "FULFILLING");
  CHECK(pkg.at("order_line_item_ids").as_array().size() == 1);
  // The same line item cannot ship twice.
  rejected(call(s.client, "POST", path, {},
                json::object{{"tracking_number", "1Z999AA2"},
                             {"shipping_provider_id", provider},
                             {"order_line_item_ids", json::array{json::value(first)}}}),
           400, 21011006);
  ok(call(s.client, "POST", path, {},
          json::object{{"tracking_number", "1Z999AA2"}, {"shipping_provider_id", provider}}));
  CHECK(get_order(s.client, oid).at("status") == "IN_TRANSIT");
  rejected(call(s.client, "POST", path, {},
                json::object{{"tracking_number", "1Z999AA3"}, {"shipping_provider_id", provider}}),
           400, 21011006);
  REQUIRE(wait_hooks(receiver, [&] { return hooks_of(receiver, 4).size() >= 2; }));
  bool split = false;
  for (const auto& h : hooks_of(receiver, 4))
    split =
        split || (h.at("data").as_object().contains("sc_type") && h.at("data").as_object().at("sc_type") == "SPLIT");
  CHECK(split);
  // A TikTok-shipping order cannot be marked as shipped by the seller.
  const auto tiktok = order_in(s.client, s.shop_id, "AWAITING_SHIPMENT");
  s.client.admin("POST", "/_sandbox/orders/" + str(tiktok.at("id")) + "/shipping_type",
                 json::object{{"shipping_type", "TIKTOK"}});
  rejected(call(s.client, "POST", "/fulfillment/202309/orders/" + str(tiktok.at("id")) + "/packages", {},
                json::object{{"tracking_number", "1Z1"}, {"shipping_provider_id", provider}}),
           400, 36009004);
}
