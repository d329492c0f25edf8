// Invalid listings are refused with INVALID_ARGUMENT naming the field, and nothing reaches TikTok (the
// sandbox's request log); a listing missing a required category attribute is refused before the create.
#include <catch2/catch.hpp>

#include "catalog_env.hpp"

using namespace catalog_test;

namespace {
json::object& sku0(json::object& b) { return b["skus"].as_array()[0].as_object(); }
}  // namespace

TEST_CASE("CAT-PRE-PKG and listing validation: each invalid request names its field with zero API calls") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const auto base = erp_product(env, png_file(env, "valid"), "VALID");
  struct Case {
    const char* field;
    std::function<void(json::object&)> edit;
  };
  const std::vector<Case> cases{
      {"title", [](json::object& b) { b.erase("title"); }},
      {"title", [](json::object& b) { b["title"] = std::string(256, 't'); }},
      {"description", [](json::object& b) { b["description"] = std::string(10001, 'd'); }},
      {"images", [](json::object& b) { b["images"] = json::array{}; }},
      {"images",
       [](json::object& b) {
         json::array a;
         for (int i = 0; i < 10; ++i) a.push_back(json::string("tos-x/" + std::to_string(i)));
         b["images"] = a;
       }},
      {"images[0]", [](json::object& b) { b["images"] = json::array{"/nonexistent/photo.png"}; }},
      {"images[0]", [](json::object& b) { b["images"] = json::array{"http://example.com/a.png"}; }},
      {"package", [](json::object& b) { b.erase("package"); }},
      {"package.weight_kg", [](json::object& b) { b["package"].as_object().erase("weight_kg"); }},
      {"package.height_cm", [](json::object& b) { b["package"].as_object()["height_cm"] = 0; }},
      {"package.weight_kg", [](json::object& b) { b["package"].as_object()["weight_kg"] = "0.4567"; }},
      {"skus[0].price", [](json::object& b) { sku0(b)["price"] = "0"; }},
      {"skus[0].price", [](json::object& b) { sku0(b)["price"] = "12.345"; }},
      {"skus[0].price", [](json::object& b) { sku0(b)["price"] = 12.5; }},
      {"skus[0].stock[0].quantity",
       [](json::object& b) { sku0(b)["stock"].as_array()[0].as_object()["quantity"] = 100000; }},
      {"skus[0].stock", [](json::object& b) { sku0(b).erase("stock"); }},
      {"skus[1].erp_sku", [](json::object& b) { b["skus"].as_array()[1].as_object()["erp_sku"] = "VALID-BLUE"; }},
      {"skus[0].erp_sku", [](json::object& b) { sku0(b)["erp_sku"] = "HAS SPACE"; }},
      {"skus[1].options",
       [](json::object& b) {
         b["skus"].as_array()[1].as_object()["options"] =
             json::array{json::object{{"name", "Color"}, {"value", "Blue"}}};
       }},
      {"skus[0].options", [](json::object& b) { sku0(b).erase("options"); }},
      {"category_id", [](json::object& b) { b["category_id"] = "../x"; }},
      {"listing_platforms", [](json::object& b) { b["listing_platforms"] = json::array{"TOKOPEDIA"}; }},
      {"colour", [](json::object& b) { b["colour"] = "blue"; }},
  };
  const std::uint64_t seq = env.last_seq();
  for (const auto& k : cases) {
    auto body = base;
    k.edit(body);
    const Reply r = env.call(inst, "products.create", body);
    INFO(k.field << ": " << r.message);
    CHECK(r.status == OCEAN_INVALID_ARGUMENT);
    CHECK(r.message.find(k.field) != std::string::npos);
  }
  CHECK(env.api_calls_since(seq).empty());
  // Updates and prices too.
  CHECK(env.call(inst, "products.prices.update",
                 json::object{{"id", "1"}, {"skus", json::array{json::object{{"erp_sku", "NOPE"}, {"price", "1.00"}}}}})
            .status == OCEAN_INVALID_ARGUMENT);
  CHECK(env.call(inst, "products.partial_update", json::object{{"id", "1"}, {"category_id", "900004"}}).status ==
        OCEAN_INVALID_ARGUMENT);
  json::array many;
  for (int i = 0; i < 21; ++i) many.push_back(json::string(std::to_string(i)));
  CHECK(env.call(inst, "products.delete", json::object{{"ids", many}}).status == OCEAN_INVALID_ARGUMENT);
  CHECK(env.api_calls_since(seq).empty());
}

TEST_CASE("CAT-PRE-HAZMAT: a missing required or conditional attribute is refused before the create") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  auto body = erp_product(env, png_file(env, "hazmat"), "HAZ");
  body["category_id"] = "902003";
  body["attributes"] = json::array{json::object{{"id", "100003"}, {"values", json::array{"1000031"}}}};
  const std::uint64_t seq = env.last_seq();
  const Reply r = env.call(inst, "products.create", body);
  CHECK(r.status == OCEAN_INVALID_ARGUMENT);
  CHECK(r.message.find("100004") != std::string::npos);  // battery type, required when batteries = Yes
  for (const auto& call : env.api_calls_since(seq)) CHECK(str(call, "method") == "GET");  // no write reached TikTok
  body.erase("attributes");
  const Reply none = env.call(inst, "products.create", body);
  CHECK(none.message.find("100003") != std::string::npos);
}

TEST_CASE("CAT-PRE-CERT: a certification the category rules ask for comes back from TikTok naming it") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  auto body = erp_product(env, png_file(env, "cert"), "CERT");
  body["category_id"] = "902003";
  body["attributes"] = json::array{json::object{{"id", "100003"}, {"values", json::array{"1000031"}}},
                                   json::object{{"id", "100004"}, {"values", json::array{"1000041"}}}};
  const Reply r = env.call(inst, "products.create", body);
  CHECK(r.status != OCEAN_OK);
  CHECK(r.message.find("700001") != std::string::npos);
  const auto cert = env.ok(inst, "images.upload",
                           json::object{{"source", png_file(env, "cert-doc")}, {"use_case", "CERTIFICATION_IMAGE"}});
  body["certifications"] = json::array{json::object{
      {"id", "700001"}, {"images", json::array{str(cert, "uri")}}, {"expiration_date", "2030-01-01T00:00:00Z"}}};
  CHECK(str(env.ok(inst, "products.create", body), "status") == "PENDING");
}
