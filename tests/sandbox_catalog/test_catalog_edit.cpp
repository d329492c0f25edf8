// After listing: full edit (202509), partial edit honouring every property, price updates, status changes
// (deactivate, activate through audit, delete, recover) and Tokopedia dual listing for Indonesian shops.
#include "catalog_fixture.hpp"

using namespace catalog_test;

namespace {
const std::string kProducts = "/product/202309/products";

// A live product of the session's shop (created and audited).
std::string live_mug(Session& s, std::size_t shop_index, json::object* body_out = nullptr) {
  auto body = mug_body(s.client, shop_index, upload(s.client, "live" + std::to_string(shop_index)));
  if (shop_index == 2) body["is_cod_allowed"] = false;
  const std::string id = str(ok(call(s.client, "POST", kProducts, {}, body)).at("product_id"));
  advance(s.client, 61);
  REQUIRE(product_of(s.client, id).at("status") == "ACTIVATE");
  if (body_out) *body_out = body;
  return id;
}

std::string sku_id(TtsClient& c, const std::string& product, std::size_t i = 0) {
  return str(product_of(c, product).at("skus").as_array().at(i).as_object().at("id"));
}
}  // namespace

TEST_CASE("CAT-POST-INFO: partial edit honours every property it is given and keeps the others") {
  WebhookReceiver receiver;
  SandboxProcess sb(catalog_args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto id = session(sb, 2);  // ID: COD is supported
  subscribe(id.client, "PRODUCT_INFORMATION_CHANGE");
  const std::string pid = live_mug(id, 2);
  const std::string edit = "/product/202509/products/" + pid + "/partial_edit";
  const std::string new_image = upload(id.client, "second");
  // No title in the body: accepted, title unchanged.
  const auto d = ok(call(id.client, "POST", edit, {},
                         json::object{{"main_images", json::array{json::object{{"uri", new_image}}}},
                                      {"package_weight", json::object{{"value", "1.250"}, {"unit", "KILOGRAM"}}},
                                      {"is_cod_allowed", true}}));
  CHECK(d.at("audit").as_object().at("status") == "AUDITING");
  auto p = product_of(id.client, pid);
  CHECK(p.at("title") == "Sandbox ceramic coffee mug 350 ml, dishwasher safe");
  CHECK(p.at("main_images").as_array()[0].as_object().at("uri") == new_image.c_str());
  CHECK(p.at("package_weight").as_object().at("value") == "1.250");
  CHECK(p.at("is_cod_allowed") == true);
  CHECK(p.at("product_attributes").as_array().size() == 1);  // untouched
  CHECK(p.at("status") == "PENDING");
  REQUIRE(wait_hooks(receiver, [&] { return !hooks_of(receiver, 15).empty(); }));
  const auto hook = hooks_of(receiver, 15)[0].at("data").as_object();
  CHECK(hook.at("change_source") == "OPEN_API");
  CHECK(hook.at("changed_fields").as_array().at(0) == "main_images");

  rejected(call(id.client, "POST", edit, {}, json::object{{"category_id", "600004"}}), 400, 36009004);
  rejected(call(id.client, "POST", edit, {}, json::object{}), 400, 36009004);
  rejected(call(id.client, "POST", edit, {}, json::object{{"main_images", json::array{json::object{{"uri", "x"}}}}}),
           400, 12052300);
  rejected(call(id.client, "POST", edit, {}, json::object{{"title", "too short"}}), 400, 12052051);  // ID: 25+
  CHECK(product_of(id.client, pid).at("main_images").as_array()[0].as_object().at("uri") == new_image.c_str());
  // 202309 is served too.
  ok(call(id.client, "POST", "/product/202309/products/" + pid + "/partial_edit", {},
          json::object{{"description", "<p>New text for the same mug, still 350 ml.</p>"}}));
  CHECK(str(product_of(id.client, pid).at("description")).find("New text") != std::string::npos);
}

TEST_CASE("CAT-POST-INFO: full edit replaces the listing, omitted SKU price and stock stay") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  json::object body;
  const std::string pid = live_mug(us, 0, &body);
  const std::string s0 = sku_id(us.client, pid, 0), s1 = sku_id(us.client, pid, 1);
  auto edit = body;
  edit["title"] = "Renamed mug";
  edit["skus"].as_array()[0].as_object()["id"] = s0;
  edit["skus"].as_array()[0].as_object().erase("price");
  edit["skus"].as_array()[0].as_object().erase("inventory");
  edit["skus"].as_array()[1].as_object()["id"] = s1;
  const auto d = ok(call(us.client, "PUT", "/product/202509/products/" + pid, {}, edit));
  CHECK(d.at("audit").as_object().at("status") == "AUDITING");
  auto p = product_of(us.client, pid);
  CHECK(p.at("title") == "Renamed mug");
  CHECK(p.at("skus").as_array()[0].as_object().at("id") == s0.c_str());
  CHECK(p.at("skus").as_array()[0].as_object().at("price").as_object().at("sale_price") == "12.50");
  CHECK(p.at("skus").as_array()[0].as_object().at("inventory").as_array()[0].as_object().at("quantity") == 40);
  // Price and stock only: approved at once, no audit.
  advance(us.client, 61);
  edit["skus"].as_array()[1].as_object()["price"].as_object()["amount"] = "9.99";
  const auto price_only = ok(call(us.client, "PUT", "/product/202309/products/" + pid, {}, edit));
  CHECK(price_only.at("audit").as_object().at("status") == "APPROVED");
  CHECK(product_of(us.client, pid).at("status") == "ACTIVATE");
  edit["skus"].as_array()[0].as_object()["id"] = "1";
  rejected(call(us.client, "PUT", "/product/202509/products/" + pid, {}, edit), 400, 36009004);
  rejected(call(us.client, "PUT", "/product/202509/products/42", {}, body), 400, 12052048);
}

TEST_CASE("CAT-POST-PRICE: price updates per SKU with the real codes") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string pid = live_mug(us, 0);
  const std::string path = kProducts + "/" + pid + "/prices/update";
  const std::string s0 = sku_id(us.client, pid);
  auto price = [&](const std::string& sku, const char* amount) {
    return json::object{{"id", sku}, {"price", json::object{{"amount", amount}, {"currency", "USD"}}}};
  };
  ok(call(us.client, "POST", path, {}, json::object{{"skus", json::array{price(s0, "19.99")}}}));
  CHECK(product_of(us.client, pid).at("skus").as_array()[0].as_object().at("price").as_object().at("sale_price") ==
        "19.99");
  rejected(call(us.client, "POST", path, {}, json::object{{"skus", json::array{}}}), 400, 12052902);
  rejected(call(us.client, "POST", path, {}, json::object{{"skus", json::array{price("1", "2.00")}}}), 400, 12052557);
  rejected(call(us.client, "POST", path, {}, json::object{{"skus", json::array{price(s0, "2.00"), price(s0, "3.00")}}}),
           400, 12052553);
  rejected(call(us.client, "POST", path, {}, json::object{{"skus", json::array{price(s0, "8000.00")}}}), 400, 12052570);
  CHECK(product_of(us.client, pid).at("skus").as_array()[0].as_object().at("price").as_object().at("sale_price") ==
        "19.99");
}

TEST_CASE("CAT-POST-ACTIVATE: deactivate, activate through audit, delete and recover") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string pid = live_mug(us, 0);
  const json::object ids{{"product_ids", json::array{pid}}};
  auto errors = [&](const std::string& path) {
    return ok(call(us.client, "POST", path, {}, ids)).at("errors").as_array();
  };
  CHECK(errors(kProducts + "/activate").at(0).as_object().at("code") == 12052901);  // already live
  CHECK(errors(kProducts + "/deactivate").empty());
  CHECK(product_of(us.client, pid).at("status") == "SELLER_DEACTIVATED");
  CHECK(errors(kProducts + "/activate").empty());
  CHECK(product_of(us.client, pid).at("status") == "PENDING");
  advance(us.client, 61);
  CHECK(product_of(us.client, pid).at("status") == "ACTIVATE");
  CHECK(ok(call(us.client, "DELETE", kProducts, {}, ids)).at("errors").as_array().empty());
  rejected(call(us.client, "GET", kProducts + "/" + pid), 400, 36009004);
  CHECK(errors(kProducts + "/recover").empty());
  CHECK(product_of(us.client, pid).at("status") == "SELLER_DEACTIVATED");
  const auto unknown =
      ok(call(us.client, "POST", kProducts + "/deactivate", {}, json::object{{"product_ids", json::array{"123"}}}));
  CHECK(unknown.at("errors").as_array().at(0).as_object().at("code") == 12052048);
  json::array many;
  for (int i = 0; i < 21; ++i) many.push_back(json::string(std::to_string(i)));
  rejected(call(us.client, "POST", kProducts + "/activate", {}, json::object{{"product_ids", many}}), 400, 12019120);
  rejected(call(us.client, "POST", kProducts + "/deactivate", {},
                json::object{{"product_ids", json::array{pid}}, {"listing_platforms", json::array{"TOKOPEDIA"}}}),
           400, 12052330);
}

TEST_CASE("listing_platforms: an Indonesian product lists on TikTok Shop and Tokopedia with per-platform status") {
  SandboxProcess sb(catalog_args());
  auto id = session(sb, 2);
  auto body = mug_body(id.client, 2, upload(id.client, "toko"));
  body["listing_platforms"] = json::array{"TIKTOK_SHOP", "TOKOPEDIA"};
  const std::string pid = str(ok(call(id.client, "POST", kProducts, {}, body)).at("product_id"));
  auto p = product_of(id.client, pid);
  CHECK(p.at("listing_platforms").as_array().size() == 2);
  CHECK(p.at("integrated_platform_statuses").as_array()[0].as_object().at("status") == "PENDING");
  advance(id.client, 61);
  p = product_of(id.client, pid);
  CHECK(p.at("status") == "ACTIVATE");
  CHECK(p.at("integrated_platform_statuses").as_array()[0].as_object().at("status") == "ACTIVATE");
  // Deactivate on Tokopedia only: TikTok Shop stays live.
  ok(call(id.client, "POST", kProducts + "/deactivate", {},
          json::object{{"product_ids", json::array{pid}}, {"listing_platforms", json::array{"TOKOPEDIA"}}}));
  p = product_of(id.client, pid);
  CHECK(p.at("status") == "ACTIVATE");
  CHECK(p.at("integrated_platform_statuses").as_array()[0].as_object().at("status") == "SELLER_DEACTIVATED");
  rejected(call(id.client, "POST", kProducts + "/activate", {},
                json::object{{"product_ids", json::array{pid}}, {"listing_platforms", json::array{"SHOPEE"}}}),
           400, 36009004);
}

TEST_CASE("CAT-POST-SEARCH: 202502 search finds listed products by seller SKU with their audit status") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string pid = live_mug(us, 0);
  const auto d = ok(call(us.client, "POST", "/product/202502/products/search", {{"page_size", "10"}},
                         json::object{{"seller_skus", json::array{"MUG-RED"}}}));
  REQUIRE(d.at("products").as_array().size() == 1);
  CHECK(d.at("products").as_array()[0].as_object().at("id") == pid.c_str());
  CHECK(d.at("products").as_array()[0].as_object().at("audit").as_object().at("status") == "APPROVED");
}
