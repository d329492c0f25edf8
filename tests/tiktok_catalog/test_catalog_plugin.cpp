// Listing ERP products through the plugin against tts-sandbox: create (local image uploaded first, ERP
// SKUs mapped), audit read back, update, partial update, prices, deactivate / activate / delete, and
// the look-ups of a listing form.
#include <catch2/catch.hpp>

#include "catalog_env.hpp"

using namespace catalog_test;

namespace {
// The events of `type` the plugin emitted for `product_id` so far.
std::vector<json::object> events_of(OpsEnv& env, const std::string& type, const std::string& product_id) {
  std::vector<json::object> out;
  for (const auto& e : env.host_of("catalog").events()) {
    const auto v = json::parse(e).as_object();
    if (v.at("type") != type.c_str()) continue;
    const auto& d = v.at("data").as_object();
    if (d.contains("product_id") && d.at("product_id") == product_id.c_str()) out.push_back(v);
  }
  return out;
}
}  // namespace

TEST_CASE("CAT-PROD-LIST: products.create lists an ERP product with its SKUs, prices and stock") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const auto made = env.ok(inst, "products.create", erp_product(env, png_file(env, "list"), "LIST"));
  const std::string id = str(made, "product_id");
  CHECK(str(made.at("audit"), "status") == "AUDITING");
  CHECK(str(made, "status") == "PENDING");
  REQUIRE(made.at("skus").as_array().size() == 2);
  CHECK(str(made.at("skus").as_array()[0], "erp_sku") == "LIST-BLUE");
  // The sandbox holds it, with the uploaded (TikTok-hosted) image, the ERP SKU as seller SKU, prices, stock.
  const auto p = truth_product(env, id);
  CHECK(str(p.at("main_images").as_array()[0], "uri").rfind("tos-", 0) == 0);
  const auto& s0 = p.at("skus").as_array()[0].as_object();
  CHECK(str(s0, "seller_sku") == "LIST-BLUE");
  CHECK(str(s0.at("price"), "sale_price") == "12.50");
  CHECK(s0.at("inventory").as_array()[0].as_object().at("quantity") == 40);
  CHECK(str(p.at("package_dimensions"), "length") == "12");
  CHECK(str(p.at("package_weight"), "value") == "0.400");
  // The ERP SKU map answers at once (same transaction as the stored product).
  const auto inv = env.ok(inst, "inventory.get", json::object{{"erp_sku", "LIST-RED"}});
  CHECK(str(inv.at("items").as_array()[0], "external_product_id") == id);
  CHECK(env.call(inst, "products.get", json::object{{"id", id}}).status == OCEAN_OK);
  // Audit passes on the sandbox clock; the plugin reads it back on the next write.
  audit_now(env, id);
  CHECK(str(truth_product(env, id), "status") == "ACTIVATE");
  const auto priced = env.ok(
      inst, "products.prices.update",
      json::object{{"id", id}, {"skus", json::array{json::object{{"erp_sku", "LIST-RED"}, {"price", "14.99"}}}}});
  CHECK(str(priced.at("audit"), "status") == "APPROVED");
  CHECK(events_of(env, "product.audit_passed", id).size() == 1);
}

TEST_CASE("audit failure: reasons come back from TikTok's audit") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  auto body = erp_product(env, png_file(env, "fake"), "FAKE");
  body["title"] = "Fake designer mug";
  const std::string id = str(env.ok(inst, "products.create", body), "product_id");
  audit_now(env, id);
  const auto p = truth_product(env, id);
  CHECK(str(p, "status") == "FAILED");
  // A price change reads the product back with its audit outcome.
  const auto d = env.ok(
      inst, "products.prices.update",
      json::object{{"id", id}, {"skus", json::array{json::object{{"erp_sku", "FAKE-BLUE"}, {"price", "11.00"}}}}});
  CHECK(str(d.at("audit"), "status") == "FAILED");
  REQUIRE(!d.at("audit").at("failed_reasons").as_array().empty());
  CHECK(str(d.at("audit").at("failed_reasons").as_array()[0], "position") == "title");
  const auto failed = events_of(env, "product.audit_failed", id);
  REQUIRE(failed.size() == 1);
  CHECK(str(failed[0].at("data").at("reasons").as_array().at(0), "position") == "title");
  CHECK(events_of(env, "product.audit_passed", id).empty());
}

TEST_CASE("CAT-POST-INFO: products.update and products.partial_update change what the sandbox holds") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  auto body = erp_product(env, png_file(env, "info"), "INFO");
  const std::string id = str(env.ok(inst, "products.create", body), "product_id");
  const auto sku_before = str(truth_product(env, id).at("skus").as_array()[0], "id");
  // Partial: only the title and the package.
  env.ok(inst, "products.partial_update",
         json::object{
             {"id", id},
             {"title", "Ocean ceramic mug 350 ml, blue glaze"},
             {"package", json::object{{"weight_kg", "0.45"}, {"length_cm", 13}, {"width_cm", 10}, {"height_cm", 11}}}});
  auto p = truth_product(env, id);
  CHECK(str(p, "title") == "Ocean ceramic mug 350 ml, blue glaze");
  CHECK(str(p.at("package_weight"), "value") == "0.450");
  CHECK(str(p, "description") == "<p>Ceramic mug, 350 ml, dishwasher safe.</p>");
  // Full: a new description; the SKUs keep their TikTok ids (matched by ERP SKU).
  body["id"] = id;
  body["description"] = "<p>Now with a gift box.</p>";
  body["images"] = json::array{str(p.at("main_images").as_array()[0], "uri")};
  env.ok(inst, "products.update", body);
  p = truth_product(env, id);
  CHECK(str(p, "description") == "<p>Now with a gift box.</p>");
  CHECK(str(p.at("skus").as_array()[0], "id") == sku_before);
}

TEST_CASE("CAT-POST-PRICE: products.prices.update by ERP SKU, exact decimals") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const std::string id =
      str(env.ok(inst, "products.create", erp_product(env, png_file(env, "price"), "PRICE")), "product_id");
  audit_now(env, id);
  env.ok(inst, "products.prices.update",
         json::object{{"id", id}, {"skus", json::array{json::object{{"erp_sku", "PRICE-BLUE"}, {"price", "19.99"}}}}});
  CHECK(str(truth_product(env, id).at("skus").as_array()[0].at("price"), "sale_price") == "19.99");
}

TEST_CASE("CAT-POST-ACTIVATE: deactivate, activate and delete change the sandbox's status") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const std::string id =
      str(env.ok(inst, "products.create", erp_product(env, png_file(env, "act"), "ACT")), "product_id");
  audit_now(env, id);
  const json::object ids{{"ids", json::array{id}}};
  CHECK(env.ok(inst, "products.deactivate", ids).at("errors").as_array().empty());
  CHECK(str(truth_product(env, id), "status") == "SELLER_DEACTIVATED");
  CHECK(env.ok(inst, "products.activate", ids).at("errors").as_array().empty());
  CHECK(str(truth_product(env, id), "status") == "PENDING");
  audit_now(env, id);
  CHECK(str(truth_product(env, id), "status") == "ACTIVATE");
  const auto again = env.ok(inst, "products.activate", ids);  // already live: TikTok's per-product error
  CHECK(again.at("errors").as_array().at(0).at("code") == 12052901);
  env.ok(inst, "products.delete", ids);
  CHECK(str(truth_product(env, id), "status") == "DELETED");
}

TEST_CASE("CAT-MAP-PROD: categories.search uses the v2 tree in the US with leaf flags") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const auto d = env.ok(inst, "categories.search", json::object{{"keyword", "mug"}});
  CHECK(str(d, "category_version") == "v2");
  REQUIRE(d.at("categories").as_array().size() == 1);
  CHECK(str(d.at("categories").as_array()[0], "id") == "900003");
  CHECK(d.at("categories").as_array()[0].at("is_leaf") == true);
  const auto leaves = env.ok(inst, "categories.search", json::object{{"leaves_only", true}});
  for (const auto& c : leaves.at("categories").as_array()) CHECK(c.at("is_leaf") == true);
}

TEST_CASE("CAT-PRE-CATEGORY and CAT-PRE-ATTRIBUTE: recommend, rules and attributes for a listing form") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  CHECK(str(env.ok(inst, "categories.recommend", json::object{{"title", "10000 mAh power bank"}}),
            "leaf_category_id") == "902003");
  const auto rules = env.ok(inst, "categories.rules", json::object{{"category_id", "901003"}});
  CHECK(rules.at("size_chart").at("is_required") == true);
  const auto attrs = env.ok(inst, "categories.attributes", json::object{{"category_id", "902003"}});
  bool batteries = false;
  for (const auto& a : attrs.at("attributes").as_array())
    if (str(a, "id") == "100003") batteries = a.at("is_required") == true;
  CHECK(batteries);
  CHECK(env.call(inst, "categories.rules", json::object{{"category_id", "900001"}}).status != OCEAN_OK);
}

TEST_CASE("CAT-PRE-BRANDS, CAT-PRE-SIZE and CAT-PRE-PREREQ: brands, size charts and prerequisites") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const auto brands = env.ok(inst, "brands.search", json::object{{"page_size", 10}});
  REQUIRE(brands.at("items").as_array().size() == 4);
  int selectable = 0;
  for (const auto& b : brands.at("items").as_array()) selectable += b.at("selectable") == true;
  CHECK(selectable == 2);  // authorized + available, or unauthorized non-T1
  const auto charts = env.ok(inst, "size_charts.search", json::object{{"keyword", "dresses"}});
  CHECK(charts.at("items").as_array().size() == 1);
  const auto pre = env.ok(inst, "products.prerequisites", json::object{});
  CHECK(pre.at("ready") == true);
  CHECK(pre.at("checks").as_array().size() == 10);
}

TEST_CASE("CAT-NFOQUAL-WHTBGIMG and CAT-NFOQUAL-AUTOWHTBG: white background for existing and new listings") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const auto up = env.ok(inst, "images.upload", json::object{{"source", png_file(env, "white-1")}});
  const std::string uri = str(up, "uri");
  const auto opt = env.ok(inst, "images.optimize", json::object{{"uris", json::array{uri}}});
  const auto& first = opt.at("images").as_array().at(0).as_object();
  CHECK((str(first, "optimize_status") == "SUCCESS" || str(first, "optimize_status") == "IGNORE"));
  CHECK(!str(first, "optimized_uri").empty());
  // A new listing asks for it: its first image is the optimised copy.
  auto body = erp_product(env, png_file(env, "white-2"), "WHITE");
  body["white_background"] = true;
  const std::string id = str(env.ok(inst, "products.create", body), "product_id");
  const std::string listed = str(truth_product(env, id).at("main_images").as_array()[0], "uri");
  const auto check = env.ok(inst, "images.optimize", json::object{{"uris", json::array{listed}}});
  CHECK(str(check.at("images").as_array()[0], "optimize_status") == "IGNORE");  // already white
}

TEST_CASE("CAT-NFOQUAL-SEOKEY: SEO words are suggested and applied only when asked") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  const std::string id =
      str(env.ok(inst, "products.create", erp_product(env, png_file(env, "seo"), "SEO")), "product_id");
  audit_now(env, id);
  const auto d = env.ok(inst, "products.seo_words", json::object{{"ids", json::array{id}}});
  REQUIRE(!d.at("products").as_array()[0].at("seo_words").as_array().empty());
  CHECK(str(truth_product(env, id), "title") == "Ocean ceramic mug 350 ml");  // not applied
  const auto applied = env.ok(inst, "products.seo_words", json::object{{"ids", json::array{id}}, {"apply", true}});
  CHECK(applied.at("products").as_array()[0].at("applied") == true);
  CHECK(str(truth_product(env, id), "title") != "Ocean ceramic mug 350 ml");
}

TEST_CASE("CAT-PRE-DRAFT: as_draft stores a draft that TikTok does not audit") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);
  auto body = erp_product(env, png_file(env, "draft"), "DRAFT");
  body["as_draft"] = true;
  const auto made = env.ok(inst, "products.create", body);
  CHECK(str(made, "status") == "DRAFT");
  CHECK(str(made.at("audit"), "status") == "NONE");
  CHECK(str(truth_product(env, str(made, "product_id")), "status") == "DRAFT");
}

TEST_CASE("CAT-POST-INVENTORY: stock pushes find a listed product's SKU by its ERP SKU at once") {
  auto& env = OpsEnv::get();
  auto* inst = seller(env);  // inventory_sync is on by default
  const std::string wh = sales_warehouse(env);
  const std::string id =
      str(env.ok(inst, "products.create", erp_product(env, png_file(env, "stock"), "STOCK")), "product_id");
  const auto r = env.ok(
      inst, "inventory.update",
      json::object{{"items", json::array{json::object{
                                 {"erp_sku", "STOCK-RED"}, {"warehouse_id", wh}, {"on_hand", 25}, {"reserved", 3}}}},
                   {"push_now", true}});
  CHECK(r.at("levels").as_array().at(0).at("available") == 22);
  CHECK(truth_product(env, id).at("skus").as_array()[1].at("inventory").as_array()[0].at("quantity") == 22);
}
