// Products and orders: writes change later reads; orders walk the real status flow over sandbox time.
#include <catch2/catch.hpp>

#include <set>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {
json::object get_product(TtsClient& c, const std::string& id) {
  const auto r = c.call(TtsCall{"GET", "/product/202309/products/" + id, {}, ""});
  INFO(r.body.substr(0, 300));
  REQUIRE(r.code() == 0);
  return data_of(r);
}
}  // namespace

TEST_CASE("product create, audit, edits, inventory and price updates, status changes, delete") {
  SandboxProcess sb(with_app({"--shops", "1", "--products", "2", "--orders", "0"}));
  auto c = client_for(sb);
  const std::string currency = shop_currency(c);
  const std::string warehouse = sales_warehouse(c);

  const auto made = c.call(TtsCall{"POST", "/product/202309/products", {}, product_body(c)});
  INFO(made.body);
  REQUIRE(made.code() == 0);
  const std::string id(data_of(made).at("product_id").as_string());
  const std::string sku(data_of(made).at("skus").as_array()[0].as_object().at("id").as_string());
  auto p = get_product(c, id);
  CHECK(p.at("status").as_string() == "PENDING");
  CHECK(p.at("title").as_string() == "Sandbox Test Mug");
  const auto& s0 = p.at("skus").as_array()[0].as_object();
  CHECK(s0.at("price").as_object().at("sale_price").as_string() == "12.50");
  CHECK(s0.at("price").as_object().at("currency").as_string() == currency);
  CHECK(s0.at("inventory").as_array()[0].as_object().at("quantity").to_number<int>() == 40);

  // Audit passes after 60 s of sandbox time.
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 61}});
  c.sync_clock();
  CHECK(get_product(c, id).at("status").as_string() == "ACTIVATE");

  // Inventory update.
  const std::string inv =
      "{\"skus\":[{\"id\":\"" + sku + "\",\"inventory\":[{\"warehouse_id\":\"" + warehouse + "\",\"quantity\":7}]}]}";
  REQUIRE(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/inventory/update", {}, inv}).code() == 0);
  CHECK(get_product(c, id)
            .at("skus")
            .as_array()[0]
            .as_object()
            .at("inventory")
            .as_array()[0]
            .as_object()
            .at("quantity")
            .to_number<int>() == 7);
  // Bad inventory: unknown warehouse, negative quantity, unknown sku -> 36009004 and nothing changes.
  for (const std::string& bad :
       {"{\"skus\":[{\"id\":\"" + sku + "\",\"inventory\":[{\"warehouse_id\":\"1\",\"quantity\":7}]}]}",
        "{\"skus\":[{\"id\":\"" + sku + "\",\"inventory\":[{\"warehouse_id\":\"" + warehouse +
            "\",\"quantity\":-1}]}]}",
        "{\"skus\":[{\"id\":\"999\",\"inventory\":[{\"warehouse_id\":\"" + warehouse + "\",\"quantity\":3}]}]}",
        std::string("{\"skus\":[]}")}) {
    CHECK(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/inventory/update", {}, bad}).code() == 36009004);
  }
  CHECK(get_product(c, id)
            .at("skus")
            .as_array()[0]
            .as_object()
            .at("inventory")
            .as_array()[0]
            .as_object()
            .at("quantity")
            .to_number<int>() == 7);

  // Price update (request shape price{amount, currency}; response shape price{sale_price, ...}).
  const std::string price =
      "{\"skus\":[{\"id\":\"" + sku + "\",\"price\":{\"amount\":\"19.99\",\"currency\":\"" + currency + "\"}}]}";
  REQUIRE(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/prices/update", {}, price}).code() == 0);
  CHECK(get_product(c, id).at("skus").as_array()[0].as_object().at("price").as_object().at("sale_price").as_string() ==
        "19.99");
  const std::string wrong_currency =
      "{\"skus\":[{\"id\":\"" + sku + "\",\"price\":{\"amount\":\"1.00\",\"currency\":\"XXX\"}}]}";
  CHECK(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/prices/update", {}, wrong_currency}).code() ==
        36009004);
  const std::string bad_amount =
      "{\"skus\":[{\"id\":\"" + sku + "\",\"price\":{\"amount\":\"1,5\",\"currency\":\"" + currency + "\"}}]}";
  CHECK(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/prices/update", {}, bad_amount}).code() ==
        36009004);

  // Partial edit changes the title only; full edit replaces and re-enters audit.
  REQUIRE(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/partial_edit", {}, "{\"title\":\"Renamed Mug\"}"})
              .code() == 0);
  p = get_product(c, id);
  CHECK(p.at("title").as_string() == "Renamed Mug");
  CHECK(p.at("skus").as_array()[0].as_object().at("price").as_object().at("sale_price").as_string() == "19.99");
  CHECK(c.call(TtsCall{"POST", "/product/202309/products/" + id + "/partial_edit", {}, "{}"}).code() == 36009004);
  REQUIRE(
      c.call(TtsCall{"PUT", "/product/202309/products/" + id, {}, product_body(c, "Replaced Mug", "5.00")}).code() ==
      0);
  p = get_product(c, id);
  CHECK(p.at("title").as_string() == "Replaced Mug");
  CHECK(p.at("status").as_string() == "PENDING");

  // Deactivate / activate.
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 61}});
  c.sync_clock();
  const std::string ids = "{\"product_ids\":[\"" + id + "\"]}";
  REQUIRE(c.call(TtsCall{"POST", "/product/202309/products/deactivate", {}, ids}).code() == 0);
  CHECK(get_product(c, id).at("status").as_string() == "SELLER_DEACTIVATED");
  REQUIRE(c.call(TtsCall{"POST", "/product/202309/products/activate", {}, ids}).code() == 0);
  CHECK(get_product(c, id).at("status").as_string() == "PENDING");  // activation goes through audit
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", 61}});
  c.sync_clock();
  CHECK(get_product(c, id).at("status").as_string() == "ACTIVATE");
  // Search sees the update (update_time filter).
  const auto found = c.call(
      TtsCall{"POST", "/product/202309/products/search", {{"page_size", "50"}}, "{\"seller_skus\":[\"MUG-1\"]}"});
  CHECK(data_of(found).at("total_count").to_number<int>() == 1);

  // Delete; a later GET refuses it and search with status DELETED lists it.
  REQUIRE(c.call(TtsCall{"DELETE", "/product/202309/products", {}, ids}).code() == 0);
  CHECK(c.call(TtsCall{"GET", "/product/202309/products/" + id, {}, ""}).code() == 36009004);
  const auto deleted =
      c.call(TtsCall{"POST", "/product/202309/products/search", {{"page_size", "50"}}, "{\"status\":\"DELETED\"}"});
  CHECK(data_of(deleted).at("total_count").to_number<int>() == 1);
  // Bulk limits.
  std::string many = "{\"product_ids\":[";
  for (int i = 0; i < 21; ++i) many += std::string(i ? "," : "") + "\"" + std::to_string(i) + "\"";
  many += "]}";
  CHECK(c.call(TtsCall{"POST", "/product/202309/products/activate", {}, many}).code() == 12019120);
}

TEST_CASE("product create rejects incomplete bodies with the missing field named") {
  SandboxProcess sb(with_app({"--shops", "1", "--products", "1", "--orders", "0"}));
  auto c = client_for(sb);
  auto full = json::parse(product_body(c)).as_object();
  for (const char* field : {"title", "description", "category_id", "main_images", "package_weight", "skus"}) {
    auto body = full;
    body.erase(field);
    const auto r = c.call(TtsCall{"POST", "/product/202309/products", {}, json::serialize(body)});
    INFO(field << " " << r.body);
    CHECK(r.status == 400);
    CHECK(r.code() == 36009004);
    CHECK(r.body.find(field) != std::string::npos);
  }
  const auto truth = c.admin("GET", "/_sandbox/truth?shop_id=" + shop_id_of(c)).as_object();
  CHECK(truth.at("products").as_array().size() == 1);  // nothing was created
}

TEST_CASE("orders: real shape, one unit per line item, get by ids, status flow over sandbox time") {
  // Tokens outlive the 20 simulated days of this test.
  SandboxProcess sb(with_app({"--shops", "1", "--orders", "60", "--access-token-ttl", "8640000"}));
  auto c = client_for(sb);
  const auto r = c.call(TtsCall{"POST", "/order/202309/orders/search", {{"page_size", "100"}}, "{}"});
  REQUIRE(r.code() == 0);
  const auto orders = data_of(r).at("orders").as_array();
  REQUIRE(orders.size() == 60);
  std::set<std::string> statuses;
  for (const auto& v : orders) {
    const auto& o = v.as_object();
    statuses.insert(std::string(o.at("status").as_string()));
    CHECK(o.at("payment").as_object().at("total_amount").is_string());
    REQUIRE(!o.at("line_items").as_array().empty());
    for (const auto& li : o.at("line_items").as_array()) {
      CHECK_FALSE(li.as_object().contains("quantity"));
      CHECK(li.as_object().at("sale_price").is_string());
    }
  }
  CHECK(statuses.size() >= 3);  // 30 days of history spread orders over the flow

  // Get by ids (comma-joined, at most 50).
  const std::string a(orders[0].as_object().at("id").as_string());
  const std::string b(orders[1].as_object().at("id").as_string());
  const auto got = c.call(TtsCall{"GET", "/order/202309/orders", {{"ids", a + "," + b}}, ""});
  REQUIRE(got.code() == 0);
  CHECK(data_of(got).at("orders").as_array().size() == 2);
  std::string too_many;
  for (int i = 0; i < 51; ++i) too_many += (i ? "," : "") + std::to_string(1000 + i);
  CHECK(c.call(TtsCall{"GET", "/order/202309/orders", {{"ids", too_many}}, ""}).code() == 36009004);
  CHECK(c.call(TtsCall{"GET", "/order/202309/orders", {}, ""}).code() == 36009004);

  // A new order walks UNPAID -> ... -> COMPLETED (or CANCELLED) as the clock moves, bumping update_time.
  const auto created = c.admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id_of(c)}, {"count", 1}});
  const auto& fresh = created.as_object().at("orders").as_array()[0].as_object();
  const std::string id(fresh.at("id").as_string());
  CHECK(fresh.at("status").as_string() == "UNPAID");
  std::vector<std::string> seen{"UNPAID"};
  std::int64_t last_update = fresh.at("update_time").to_number<std::int64_t>();
  for (int day = 0; day < 20; ++day) {
    c.admin("POST", "/_sandbox/clock", json::object{{"advance", 86400}});
    c.sync_clock();
    const auto o = data_of(c.call(TtsCall{"GET", "/order/202309/orders", {{"ids", id}}, ""}))
                       .at("orders")
                       .as_array()[0]
                       .as_object();
    const std::string status(o.at("status").as_string());
    if (status != seen.back()) {
      seen.push_back(status);
      CHECK(o.at("update_time").to_number<std::int64_t>() > last_update);
      last_update = o.at("update_time").to_number<std::int64_t>();
    }
  }
  const std::string final_status = seen.back();
  CHECK((final_status == "COMPLETED" || final_status == "CANCELLED"));
  // An incremental search from before the walk finds the order.
  const auto inc = c.call(TtsCall{"POST",
                                  "/order/202309/orders/search",
                                  {{"page_size", "100"}, {"sort_field", "update_time"}},
                                  "{\"update_time_ge\":" + std::to_string(last_update) + "}"});
  bool found = false;
  const json::array list_3 = data_of(inc).at("orders").as_array();
  for (const auto& o : list_3) found = found || o.as_object().at("id").as_string() == id;
  CHECK(found);

  // Admin status change.
  const auto moved =
      c.admin("POST", "/_sandbox/orders/" + a + "/status", json::object{{"status", "CANCELLED"}, {"freeze", true}});
  CHECK(moved.as_object().at("status").as_string() == "CANCELLED");
  CHECK_THROWS(c.admin("POST", "/_sandbox/orders/" + a + "/status", json::object{{"status", "SHIPPED"}}));
}

TEST_CASE("warehouses list sales and return warehouses") {
  SandboxProcess sb(with_app({"--shops", "1", "--orders", "0", "--products", "0"}));
  auto c = client_for(sb);
  const auto r = c.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""});
  REQUIRE(r.code() == 0);
  std::set<std::string> types;
  const json::array list_4 = data_of(r).at("warehouses").as_array();
  for (const auto& w : list_4) types.insert(std::string(w.as_object().at("type").as_string()));
  CHECK(types == std::set<std::string>{"SALES_WAREHOUSE", "RETURN_WAREHOUSE"});
}
