// Status mapping, time formatting, API object parsing (line items -> quantity per SKU) and the
// neutral views, including every malformed-field path.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "model/parse_api.hpp"
#include "model/status_map.hpp"
#include "model/time_format.hpp"
#include "model/to_neutral.hpp"
#include "tiktok_api/orders.hpp"
#include "util/status.hpp"

namespace json = boost::json;
using namespace ocean::tiktok;

namespace {

json::object order_json(const std::string& status = "AWAITING_SHIPMENT") {
  return json::parse(R"({"id":"576461413038785752","status":")" + status + R"(","create_time":1700000000,
    "update_time":1700000600,"paid_time":1700000100,"user_id":"u1","buyer_email":"b@example.com",
    "payment":{"currency":"GBP","total_amount":"30.50","sub_total":"27.00","shipping_fee":"3.50","tax":"0",
               "seller_discount":"0","platform_discount":"0"},
    "recipient_address":{"name":"A","phone_number":"1","address_line1":"1 Road","postal_code":"N1","region_code":"GB",
                         "full_address":"1 Road, N1, GB"},
    "packages":[{"id":"p1"}],
    "line_items":[
      {"id":"li1","sku_id":"s1","product_id":"p1","seller_sku":"ERP-1","product_name":"Mug","sku_name":"Red","sale_price":"9.00","original_price":"10.00"},
      {"id":"li2","sku_id":"s1","product_id":"p1","seller_sku":"ERP-1","product_name":"Mug","sku_name":"Red","sale_price":"9.00","original_price":"10.00"},
      {"id":"li3","sku_id":"s2","product_id":"p1","seller_sku":"ERP-2","product_name":"Mug","sku_name":"Blue","sale_price":"9.00","original_price":"10.00"}]})")
      .as_object();
}

json::object product_json() {
  return json::parse(R"({"id":"p1","title":"Mug","status":"ACTIVATE","create_time":1690000000,"update_time":1700000000,
    "skus":[{"id":"s1","seller_sku":"ERP-1","price":{"sale_price":"9.00","currency":"GBP"},
             "inventory":[{"warehouse_id":"w1","quantity":5},{"warehouse_id":"w2","quantity":0}]}]})")
      .as_object();
}

}  // namespace

TEST_CASE("order statuses map to neutral ones - CANCEL and CANCELLED are both cancelled") {
  CHECK(model::neutral_order_status("UNPAID") == "pending_payment");
  CHECK(model::neutral_order_status("IN_TRANSIT") == "shipped");
  CHECK(model::neutral_order_status("PARTIALLY_SHIPPING") == "partially_shipped");
  CHECK(model::neutral_order_status("CANCELLED") == "cancelled");
  CHECK(model::neutral_order_status("CANCEL") == "cancelled");
  CHECK(model::canonical_order_status("CANCEL") == "CANCELLED");
  CHECK_FALSE(model::neutral_order_status("SHIPPED_TO_MARS").has_value());
  CHECK(model::tiktok_order_status("shipped") == "IN_TRANSIT");
  CHECK(model::tiktok_order_status("AWAITING_SHIPMENT") == "AWAITING_SHIPMENT");
  CHECK(model::neutral_product_status("PLATFORM_DEACTIVATED") == "inactive");
  CHECK(model::neutral_product_status("FREEZE") == "frozen");
  CHECK_FALSE(model::neutral_product_status("INITIAL").has_value());
}

TEST_CASE("RFC 3339 formatting and parsing round-trip") {
  CHECK(model::rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(model::rfc3339(1700000000) == "2023-11-14T22:13:20Z");
  CHECK(model::rfc3339(951782400) == "2000-02-29T00:00:00Z");
  CHECK(model::parse_time("2023-11-14T22:13:20Z") == 1700000000);
  CHECK(model::parse_time("1700000000") == 1700000000);
  CHECK_FALSE(model::parse_time("2023-13-14T22:13:20Z").has_value());
  CHECK_FALSE(model::parse_time("yesterday").has_value());
  CHECK_FALSE(model::parse_time("").has_value());
}

TEST_CASE("an order's quantity is its line items per SKU") {
  const auto r = model::parse_order(order_json());
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0].sku_id == "s1");
  CHECK(r.lines[0].quantity == 2);
  CHECK(r.lines[0].line_item_ids == std::vector<std::string>{"li1", "li2"});
  CHECK(r.lines[1].quantity == 1);
  CHECK(r.update_time == 1700000600);
}

TEST_CASE("a webhook-style CANCEL order status is stored as CANCELLED") {
  CHECK(model::parse_order(order_json("CANCEL")).status == "CANCELLED");
}

TEST_CASE("malformed orders and products are refused with the field named") {
  auto missing = [](const char* key) {
    auto o = order_json();
    o.erase(key);
    return json::value(o);
  };
  CHECK_THROWS_WITH(model::parse_order(missing("id")), Catch::Contains("order.id"));
  CHECK_THROWS_WITH(model::parse_order(missing("update_time")), Catch::Contains("update_time"));
  CHECK_THROWS_WITH(model::parse_order(missing("line_items")), Catch::Contains("line_items"));
  CHECK_THROWS_WITH(model::parse_order(json::value("not an object")), Catch::Contains("not a JSON object"));
  auto bad_status = order_json("TELEPORTED");
  CHECK_THROWS_WITH(model::parse_order(bad_status), Catch::Contains("unknown status TELEPORTED"));
  auto bad_time = order_json();
  bad_time["update_time"] = "yesterday";
  CHECK_THROWS_AS(model::parse_order(bad_time), model::ParseError);
  auto bad_item = order_json();
  bad_item["line_items"].as_array()[0].as_object().erase("sku_id");
  CHECK_THROWS_WITH(model::parse_order(bad_item), Catch::Contains("sku_id"));

  auto p = product_json();
  p["skus"].as_array()[0].as_object()["inventory"].as_array()[0].as_object()["quantity"] = "five";
  CHECK_THROWS_WITH(model::parse_product(p), Catch::Contains("quantity"));
  auto p2 = product_json();
  p2.erase("skus");
  CHECK_THROWS_WITH(model::parse_product(p2), Catch::Contains("skus"));
}

TEST_CASE("a malformed search page is refused before anything is stored") {
  CHECK_THROWS_AS(tiktok_api::read_page(json::value(nullptr), "orders", "order search"), Failure);
  CHECK_THROWS_WITH(tiktok_api::read_page(json::parse(R"({"orders":{"a":1}})"), "orders", "order search"),
                    Catch::Contains("not an array"));
  CHECK_THROWS_WITH(
      tiktok_api::read_page(json::parse(R"({"orders":[],"next_page_token":"abc"})"), "orders", "order search"),
      Catch::Contains("empty page"));
  CHECK_THROWS_WITH(
      tiktok_api::read_page(json::parse(R"({"orders":[{}],"next_page_token":5})"), "orders", "order search"),
      Catch::Contains("next_page_token"));
  const auto ok = tiktok_api::read_page(json::parse(R"({"orders":[{"id":"1"}],"next_page_token":"","total_count":1})"),
                                        "orders", "order search");
  CHECK(ok.items.size() == 1);
  CHECK(ok.next_page_token.empty());
  CHECK(ok.total_count == 1);
}

TEST_CASE("a page keeps each record's text as the API sent it, and the record stores that text") {
  const auto body = std::make_shared<const std::string>(
      R"({"code":0,"data":{"orders":[ {"id": "o1", "status":"UNPAID","create_time":1,"update_time":2,)"
      R"("line_items":[{"id":"li1","sku_id":"s1"}]} ],"next_page_token":""},"message":"Success"})");
  const auto page = tiktok_api::read_page(json::parse(*body).at("data"), "orders", "order search", body);
  REQUIRE(page.raw_items.size() == 1);
  // Spacing as sent: serialising the parsed object would have dropped it.
  CHECK(page.raw_items[0].substr(0, 13) == R"({"id": "o1", )");
  const auto r = model::parse_order(page.items[0], page.raw_items[0]);
  CHECK(r.raw_json == page.raw_items[0]);
  // Text that cannot be cut up leaves raw_items empty; the record then serialises the object.
  const auto odd = std::make_shared<const std::string>(R"({"data":{"orders":[{"id":"o1"}],"orders":[]}})");
  CHECK(tiktok_api::read_page(json::parse(R"({"orders":[{"id":"o1"}]})"), "orders", "x", odd).raw_items.empty());
  CHECK(model::parse_order(order_json()).raw_json == json::serialize(order_json()));
}

TEST_CASE("order.v1 view: status, lines with quantity and erp_sku, money as strings, raw on request") {
  model::ViewContext ctx;
  ctx.account_id = "acct";
  ctx.shop_id = "shop";
  ctx.erp_sku = [](const std::string& sku) -> std::optional<std::string> {
    if (sku == "s1") return std::string("ERP-1");
    return std::nullopt;
  };
  const auto raw = json::serialize(order_json());
  auto v = model::order_view(raw, ctx);
  CHECK(v.at("schema") == "order.v1");
  CHECK(v.at("status") == "awaiting_shipment");
  CHECK(v.at("marketplace_status") == "AWAITING_SHIPMENT");
  CHECK(v.at("created_at") == "2023-11-14T22:13:20Z");
  CHECK(v.at("paid_at") == "2023-11-14T22:15:00Z");
  CHECK(v.at("currency") == "GBP");
  CHECK(v.at("totals").at("total") == "30.50");
  const auto& lines = v.at("lines").as_array();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].at("quantity") == 2);
  CHECK(lines[0].at("erp_sku") == "ERP-1");
  CHECK(lines[1].at("erp_sku").is_null());
  CHECK(lines[0].at("unit_price") == "9.00");
  CHECK_FALSE(v.contains("raw"));
  ctx.include_raw = true;
  v = model::order_view(raw, ctx);
  CHECK(v.at("raw").at("id") == "576461413038785752");
}

TEST_CASE("product.v1 view: variants with per-warehouse stock") {
  model::ViewContext ctx;
  const auto v = model::product_view(json::serialize(product_json()), ctx);
  CHECK(v.at("schema") == "product.v1");
  CHECK(v.at("status") == "active");
  const auto& var = v.at("variants").as_array().at(0);
  CHECK(var.at("external_id") == "s1");
  CHECK(var.at("price").at("amount") == "9.00");
  CHECK(var.at("stock").as_array().size() == 2);
  CHECK(var.at("erp_sku").is_null());
}
