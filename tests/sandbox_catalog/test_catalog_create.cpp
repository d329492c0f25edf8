// Create Product: every stored field read back, validation with the real codes (nothing stored on a
// refusal), idempotency keys, the audit on the sandbox clock with its webhooks, and the truth document.
#include "catalog_fixture.hpp"

using namespace catalog_test;

namespace {
const std::string kProducts = "/product/202309/products";

json::object& sku0(json::object& b) { return b["skus"].as_array()[0].as_object(); }
}  // namespace

TEST_CASE("CAT-PROD-LIST: a created product holds every field, passes audit and reaches the truth") {
  WebhookReceiver receiver;
  SandboxProcess sb(catalog_args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto us = session(sb, 0);
  for (const char* e : {"PRODUCT_CREATION", "PRODUCT_STATUS_CHANGE", "PRODUCT_AUDIT_STATUS_CHANGE"})
    subscribe(us.client, e);
  auto body = mug_body(us.client, 0, upload(us.client, "main"));
  body["brand_id"] = "7082427311584347905";
  body["external_product_id"] = "ERP-P-1";
  sku0(body)["external_sku_id"] = "ERP-SKU-1";
  sku0(body)["identifier_code"] = json::object{{"code", "012345678905"}, {"type", "UPC"}};
  body["product_attributes"].as_array().push_back(
      json::object{{"id", "100002"}, {"values", json::array{json::object{{"name", "350"}}}}});
  body["idempotency_key"] = "0b6c1a4e-create-1";
  const auto made = ok(call(us.client, "POST", kProducts, {}, body));
  const std::string id = str(made.at("product_id"));
  CHECK(made.at("skus").as_array().size() == 2);
  CHECK(made.at("warnings").as_array().empty());
  // The same idempotency key answers the same product and creates nothing.
  CHECK(ok(call(us.client, "POST", kProducts, {}, body)).at("product_id") == id.c_str());

  auto p = product_of(us.client, id);
  CHECK(p.at("status") == "PENDING");
  CHECK(p.at("audit").as_object().at("status") == "AUDITING");
  CHECK(p.at("brand").as_object().at("name") == "Sandbox Home");
  CHECK(p.at("package_dimensions").as_object().at("length") == "12");
  CHECK(p.at("package_weight").as_object().at("value") == "0.400");
  CHECK(p.at("product_attributes").as_array().size() == 2);
  CHECK(p.at("category_chains").as_array().size() == 3);
  CHECK(p.at("category_version") == "v2");
  const auto& s = p.at("skus").as_array()[0].as_object();
  CHECK(s.at("seller_sku") == "MUG-BLUE");
  CHECK(s.at("price").as_object().at("sale_price") == "12.50");
  CHECK(s.at("external_sku_id") == "ERP-SKU-1");
  CHECK(s.at("identifier_code").as_object().at("code") == "012345678905");
  CHECK(s.at("inventory").as_array()[0].as_object().at("quantity") == 40);

  advance(us.client, 61);
  p = product_of(us.client, id);
  CHECK(p.at("status") == "ACTIVATE");
  CHECK(p.at("audit").as_object().at("status") == "APPROVED");
  REQUIRE(
      wait_hooks(receiver, [&] { return hooks_of(receiver, 5).size() >= 1 && hooks_of(receiver, 16).size() >= 1; }));
  CHECK(hooks_of(receiver, 16)[0].at("data").as_object().at("product_id") == id.c_str());
  CHECK(hooks_of(receiver, 5)[0].at("data").as_object().at("status") == "PRODUCT_FIRST_PASS_REVIEW");
  REQUIRE(wait_hooks(receiver, [&] { return hooks_of(receiver, 37).size() >= 2; }));

  json::object truth_product;
  const auto world_truth = truth(us.client, us.shop_id);
  for (const auto& v : world_truth.at("products").as_array())
    if (v.as_object().at("id") == id.c_str()) truth_product = v.as_object();
  REQUIRE(!truth_product.empty());
  CHECK(truth_product.at("status") == "ACTIVATE");
  CHECK(truth_product.at("skus").as_array()[1].as_object().at("price").as_object().at("sale_price") == "12.50");
  CHECK(truth_product.at("skus").as_array()[1].as_object().at("inventory").as_array()[0].as_object().at("quantity") ==
        7);
}

TEST_CASE("audit: a listing with a prohibited word fails with reasons, webhooks and truth") {
  WebhookReceiver receiver;
  SandboxProcess sb(catalog_args({"--webhook-redirect", "https://erp.example.com=" + receiver.base()}));
  auto us = session(sb, 0);
  subscribe(us.client, "PRODUCT_STATUS_CHANGE");
  const auto body = mug_body(us.client, 0, upload(us.client, "fail"), "Replica designer mug");
  const std::string id = str(ok(call(us.client, "POST", kProducts, {}, body)).at("product_id"));
  advance(us.client, 61);
  const auto p = product_of(us.client, id);
  CHECK(p.at("status") == "FAILED");
  CHECK(p.at("audit").as_object().at("status") == "FAILED");
  const auto& reason = p.at("audit_failed_reasons").as_array().at(0).as_object();
  CHECK(reason.at("position") == "title");
  CHECK(str(reason.at("reasons").as_array()[0]).find("replica") != std::string::npos);
  CHECK(!reason.at("suggestions").as_array().empty());
  CHECK(reason.at("listing_platform") == "TIKTOK_SHOP");
  REQUIRE(wait_hooks(receiver, [&] { return !hooks_of(receiver, 5).empty(); }));
  const auto hook = hooks_of(receiver, 5)[0].at("data").as_object();
  CHECK(hook.at("status") == "PRODUCT_AUDIT_FAILURE");
  CHECK(str(hook.at("suspended_reason")).find("replica") != std::string::npos);
  // Fixing the title by a partial edit resubmits it; the admin surface can decide the audit at once.
  ok(call(us.client, "POST", "/product/202509/products/" + id + "/partial_edit", {},
          json::object{{"title", "Designer mug"}}));
  CHECK(product_of(us.client, id).at("status") == "PENDING");
  us.client.admin("POST", "/_sandbox/products/" + id + "/audit", json::object{{"result", "PASS"}});
  CHECK(product_of(us.client, id).at("status") == "ACTIVATE");
  CHECK(product_of(us.client, id).at("audit_failed_reasons").as_array().empty());
}

TEST_CASE("create validation: each invalid body is refused with the real code and stores nothing") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string image = upload(us.client, "v");
  const std::string small = upload(us.client, "small", "DESCRIPTION_IMAGE", 200, 200);
  const auto base = mug_body(us.client, 0, image);
  const std::size_t before = product_count(us.client, us.shop_id);
  struct Case {
    const char* what;
    std::function<void(json::object&)> edit;
    std::int64_t code;
  };
  const std::vector<Case> cases{
      {"no title", [](json::object& b) { b.erase("title"); }, 36009004},
      {"empty title", [](json::object& b) { b["title"] = ""; }, 12052261},
      {"long title", [](json::object& b) { b["title"] = std::string(256, 'a'); }, 12052051},
      {"title control", [](json::object& b) { b["title"] = "Mug\x02"; }, 12052931},
      {"empty description", [](json::object& b) { b["description"] = ""; }, 12052015},
      {"long description", [](json::object& b) { b["description"] = std::string(10001, 'd'); }, 12052013},
      {"v1 in the US", [](json::object& b) { b["category_version"] = "v1"; }, 12052217},
      {"unknown category", [](json::object& b) { b["category_id"] = "999999"; }, 12052023},
      {"non-leaf", [](json::object& b) { b["category_id"] = "900002"; }, 12052024},
      {"other version", [](json::object& b) { b["category_id"] = "600003"; }, 12052230},
      {"invite only", [](json::object& b) { b["category_id"] = "902005"; }, 12052223},
      {"no images", [](json::object& b) { b["main_images"] = json::array{}; }, 12052028},
      {"foreign image",
       [](json::object& b) {
         b["main_images"] = json::array{json::object{{"uri", "http://x/y.jpg"}}};
       },
       12052300},
      {"small image",
       [&](json::object& b) {
         b["main_images"] = json::array{json::object{{"uri", small}}};
       },
       12052301},
      {"ten images",
       [&](json::object& b) {
         json::array a;
         for (int i = 0; i < 10; ++i) a.push_back(json::object{{"uri", image}});
         b["main_images"] = a;
       },
       12052306},
      {"T1 brand", [](json::object& b) { b["brand_id"] = "7082427311584347907"; }, 12052201},
      {"expired brand", [](json::object& b) { b["brand_id"] = "7082427311584347908"; }, 12052200},
      {"required attribute", [](json::object& b) { b.erase("product_attributes"); }, 12052104},
      {"custom value",
       [](json::object& b) {
         b["product_attributes"] =
             json::array{json::object{{"id", "100001"}, {"values", json::array{json::object{{"name", "Wood"}}}}}};
       },
       12052247},
      {"no dimensions", [](json::object& b) { b.erase("package_dimensions"); }, 12019012},
      {"bad length", [](json::object& b) { b["package_dimensions"].as_object()["length"] = "1.5"; }, 12052005},
      {"weight zero", [](json::object& b) { b["package_weight"].as_object()["value"] = "0"; }, 12052181},
      {"weight format", [](json::object& b) { b["package_weight"].as_object()["value"] = "0.4567"; }, 12052006},
      {"weight unit", [](json::object& b) { b["package_weight"].as_object()["unit"] = "GRAM"; }, 12019011},
      {"unit mismatch",
       [](json::object& b) {
         b["package_weight"] = json::object{{"value", "0.88"}, {"unit", "POUND"}};
       },
       12052915},
      {"no weight", [](json::object& b) { b.erase("package_weight"); }, 36009004},
      {"COD in the US", [](json::object& b) { b["is_cod_allowed"] = true; }, 12052222},
      {"video",
       [](json::object& b) {
         b["video"] = json::object{{"id", "v123"}};
       },
       12052360},
      {"tokopedia in the US", [](json::object& b) { b["listing_platforms"] = json::array{"TOKOPEDIA"}; }, 12052330},
      {"no skus", [](json::object& b) { b["skus"] = json::array{}; }, 36009004},
      {"currency", [](json::object& b) { sku0(b)["price"].as_object()["currency"] = "EUR"; }, 12052084},
      {"price zero", [](json::object& b) { sku0(b)["price"].as_object()["amount"] = "0.00"; }, 12052073},
      {"price float", [](json::object& b) { sku0(b)["price"].as_object()["amount"] = "1.005"; }, 12052073},
      {"price max", [](json::object& b) { sku0(b)["price"].as_object()["amount"] = "7600.01"; }, 12052570},
      {"no price", [](json::object& b) { sku0(b).erase("price"); }, 36009004},
      {"stock", [](json::object& b) { sku0(b)["inventory"].as_array()[0].as_object()["quantity"] = 100000; }, 12052055},
      {"warehouse", [](json::object& b) { sku0(b)["inventory"].as_array()[0].as_object()["warehouse_id"] = "1"; },
       12052097},
      {"seller sku space", [](json::object& b) { sku0(b)["seller_sku"] = "MUG BLUE"; }, 12052054},
      {"same combination",
       [](json::object& b) { sku0(b)["sales_attributes"].as_array()[0].as_object()["value_name"] = "Red"; }, 12052560},
      {"missing attribute", [](json::object& b) { sku0(b).erase("sales_attributes"); }, 12052550},
      {"sales value id",
       [](json::object& b) {
         sku0(b)["sales_attributes"] = json::array{json::object{{"id", "100006"}, {"value_id", "42"}}};
       },
       12052529},
      {"duplicate code",
       [](json::object& b) {
         for (auto& s : b["skus"].as_array())
           s.as_object()["identifier_code"] = json::object{{"code", "012345678905"}, {"type", "UPC"}};
       },
       12052592},
      {"code type",
       [](json::object& b) {
         sku0(b)["identifier_code"] = json::object{{"code", "012345678905"}};
       },
       12052600},
      {"save mode", [](json::object& b) { b["save_mode"] = "LATER"; }, 36009004},
  };
  for (const auto& k : cases) {
    auto body = base;
    k.edit(body);
    INFO(k.what);
    rejected(call(us.client, "POST", kProducts, {}, body), 400, k.code);
  }
  CHECK(product_count(us.client, us.shop_id) == before);
  // Soft validation: an unknown brand and a malformed identifier code are dropped with warnings.
  auto soft = base;
  soft["brand_id"] = "123";
  sku0(soft)["identifier_code"] = json::object{{"code", "123"}, {"type", "EAN"}};
  const auto made = ok(call(us.client, "POST", kProducts, {}, soft));
  CHECK(made.at("warnings").as_array().size() == 2);
  CHECK(!product_of(us.client, str(made.at("product_id"))).contains("brand"));
}

TEST_CASE("CAT-PRE-HAZMAT: a power bank with batteries needs the battery type and the certificate") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string image = upload(us.client, "pb");
  const std::string cert_image = upload(us.client, "cert", "CERTIFICATION_IMAGE");
  auto body = mug_body(us.client, 0, image, "Power bank 10000 mAh");
  body["category_id"] = "902003";
  auto attr = [](const char* id, const char* value) {
    return json::object{{"id", id}, {"values", json::array{json::object{{"id", value}}}}};
  };
  body["product_attributes"] = json::array{attr("100003", "1000031")};
  rejected(call(us.client, "POST", kProducts, {}, body), 400, 12052182);  // battery type now required
  body["product_attributes"].as_array().push_back(attr("100004", "1000041"));
  rejected(call(us.client, "POST", kProducts, {}, body), 400, 12052105);  // certificate required
  json::object cert{{"id", "700001"}, {"images", json::array{json::object{{"uri", cert_image}}}}};
  body["certifications"] = json::array{cert};
  rejected(call(us.client, "POST", kProducts, {}, body), 400, 12052385);  // expiration date required
  body["certifications"].as_array()[0].as_object()["expiration_date"] = 1893456000;
  const auto made = ok(call(us.client, "POST", kProducts, {}, body));
  const auto p = product_of(us.client, str(made.at("product_id")));
  CHECK(p.at("certifications").as_array()[0].as_object().at("id") == "700001");
  // Without batteries neither is needed.
  body["product_attributes"] = json::array{attr("100003", "1000032")};
  body.erase("certifications");
  ok(call(us.client, "POST", kProducts, {}, body));
}

TEST_CASE("CAT-PRE-SIZE: apparel needs a size chart, a template or an uploaded image") {
  SandboxProcess sb(catalog_args());
  auto gb = session(sb, 1);
  auto body = mug_body(gb.client, 1, upload(gb.client, "tee"), "Cotton T-shirt");
  body["category_id"] = "601003";
  body["product_attributes"] = json::array{json::object{
      {"id", "100005"}, {"values", json::array{json::object{{"id", "1000051"}}, json::object{{"id", "1000052"}}}}}};
  rejected(call(gb.client, "POST", kProducts, {}, body), 400, 12052673);
  body["size_chart"] = json::object{{"template", json::object{{"id", "1"}}}};
  rejected(call(gb.client, "POST", kProducts, {}, body), 400, 12052128);
  body["size_chart"] = json::object{{"image", json::object{{"uri", "not-uploaded"}}}};
  rejected(call(gb.client, "POST", kProducts, {}, body), 400, 12052670);
  body["size_chart"] = json::object{{"template", json::object{{"id", "7362027385890244398"}}}};
  const auto made = ok(call(gb.client, "POST", kProducts, {}, body));
  const auto p = product_of(gb.client, str(made.at("product_id")));
  CHECK(p.at("size_chart").as_object().at("template").as_object().at("id") == "7362027385890244398");
  CHECK(p.at("product_attributes").as_array()[0].as_object().at("values").as_array().size() == 2);
}

TEST_CASE("CAT-PRE-DRAFT: AS_DRAFT stores a draft that is not audited") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  auto body = mug_body(us.client, 0, upload(us.client, "d"));
  body["save_mode"] = "AS_DRAFT";
  const std::string id = str(ok(call(us.client, "POST", kProducts, {}, body)).at("product_id"));
  advance(us.client, 120);
  const auto p = product_of(us.client, id);
  CHECK(p.at("status") == "DRAFT");
  CHECK(p.at("audit").as_object().at("status") == "NONE");
}
