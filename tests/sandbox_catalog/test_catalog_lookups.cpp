// Category tree, rules, attributes, brands, recommend, prerequisites, size charts: the look-ups a listing
// form needs, with the real error codes for wrong versions, unknown, non-leaf, restricted categories.
#include "catalog_fixture.hpp"

using namespace catalog_test;

namespace {
// Search Size Charts takes no shop_cipher (its spec declares none).
HttpResponse size_charts(TtsClient& c, const std::string& page_size, const json::object& body) {
  TtsCall t;
  t.method = "POST";
  t.path = "/product/202407/sizecharts/search";
  if (!page_size.empty()) t.query = {{"page_size", page_size}};
  t.body = json::serialize(body);
  t.include_shop_cipher = false;
  return c.call(t);
}

const json::object* find_id(const json::array& list, const std::string& id) {
  for (const auto& v : list)
    if (v.as_object().at("id") == id.c_str()) return &v.as_object();
  return nullptr;
}
}  // namespace

TEST_CASE("CAT-MAP-PROD: categories v2 per region with leaf flags, keyword filter and version rules") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string path = "/product/202309/categories";
  rejected(call(us.client, "GET", path, {{"category_version", "v1"}}), 400, 12052217);  // US must use v2
  CHECK(!ok(call(us.client, "GET", path)).at("categories").as_array().empty());         // default v2 in the US
  const auto v2 = ok(call(us.client, "GET", path, {{"category_version", "v2"}})).at("categories").as_array();
  const auto* mugs = find_id(v2, "900003");
  REQUIRE(mugs != nullptr);
  CHECK(mugs->at("is_leaf") == true);
  CHECK(mugs->at("parent_id") == "900002");
  CHECK(find_id(v2, "900001")->at("is_leaf") == false);
  CHECK(find_id(v2, "900001")->at("parent_id") == "0");
  CHECK(find_id(v2, "600003") == nullptr);  // v1 ids are not in v2
  CHECK(find_id(v2, "905003") == nullptr);  // Muslim Fashion is an ID/MY market category
  CHECK(find_id(v2, "904003") == nullptr);  // prohibited: never listed in the US
  CHECK(find_id(v2, "902005")->at("permission_statuses").as_array().at(0) == "INVITE_ONLY");
  const auto kw = ok(call(us.client, "GET", path, {{"category_version", "v2"}, {"keyword", "mug"}}));
  REQUIRE(kw.at("categories").as_array().size() == 1);
  CHECK(kw.at("categories").as_array()[0].as_object().at("local_name") == "Mugs & Cups");

  auto id = session(sb, 2);
  const auto idv1 = ok(call(id.client, "GET", path)).at("categories").as_array();  // default v1 outside the US
  CHECK(find_id(idv1, "605003") != nullptr);
  CHECK(find_id(idv1, "604003") == nullptr);
  const auto with_prohibited =
      ok(call(id.client, "GET", path, {{"include_prohibited_categories", "true"}})).at("categories").as_array();
  CHECK(find_id(with_prohibited, "604003")->at("permission_statuses").as_array().at(0) == "PROHIBITED");
  rejected(call(id.client, "GET", path, {{"category_version", "v3"}}), 400, 36009004);
}

TEST_CASE("CAT-PRE-SIZE: category rules name size chart, certifications, COD and package rules per leaf") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto rules = [&](const std::string& id, ocean::url::QueryParams q = {{"category_version", "v2"}}) {
    return call(us.client, "GET", "/product/202309/categories/" + id + "/rules", std::move(q));
  };
  const auto tees = ok(rules("901003"));
  CHECK(tees.at("size_chart").as_object().at("is_supported") == true);
  CHECK(tees.at("size_chart").as_object().at("is_required") == true);
  CHECK(tees.at("cod").as_object().at("is_supported") == false);
  CHECK(tees.at("package_dimension").as_object().at("is_required") == true);
  CHECK(ok(rules("900003")).at("size_chart").as_object().at("is_required") == false);
  rejected(rules("900001"), 400, 12052024);  // not a leaf
  rejected(rules("999999"), 400, 12052023);  // unknown
  rejected(rules("600003"), 400, 12052230);  // a v1 id asked as v2
  rejected(rules("902005"), 400, 12052223);  // invite only
  rejected(rules("904003"), 400, 12052220);  // prohibited
  rejected(rules("12ab"), 400, 12052002);
  rejected(rules("900003", {{"category_version", "v1"}}), 400, 12052217);

  const auto charts = ok(size_charts(us.client, "1", json::object{{"keyword", "size chart"}}));
  CHECK(charts.at("total_count") == 2);
  REQUIRE(charts.at("size_chart").as_array().size() == 1);
  CHECK(!str(charts.at("next_page_token")).empty());
  CHECK(charts.at("size_chart").as_array()[0].as_object().at("images").as_array().size() == 1);
  const auto dresses = ok(size_charts(us.client, "10", json::object{{"ids", json::array{"7362027385890244399"}}}));
  CHECK(dresses.at("size_chart").as_array()[0].as_object().at("template_name") == "Dresses size chart");
  rejected(size_charts(us.client, "", json::object{}), 400, 36009004);  // page_size is required
  rejected(call(us.client, "POST", "/product/202407/sizecharts/search", {{"page_size", "10"}}, json::object{}), 400,
           36009004);  // shop_cipher is not expected

  auto id = session(sb, 2);
  const auto id_rules = ok(call(id.client, "GET", "/product/202309/categories/600003/rules"));
  CHECK(id_rules.at("cod").as_object().at("is_supported") == true);
  CHECK(id_rules.at("package_dimension").as_object().at("is_required") == false);
}

TEST_CASE("CAT-PRE-HAZMAT: attributes carry required flags (is_requried on the wire) and conditions") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto attrs =
      ok(call(us.client, "GET", "/product/202309/categories/902003/attributes", {{"category_version", "v2"}}))
          .at("attributes")
          .as_array();
  const auto* batteries = find_id(attrs, "100003");
  const auto* battery_type = find_id(attrs, "100004");
  REQUIRE(batteries != nullptr);
  REQUIRE(battery_type != nullptr);
  CHECK(batteries->at("is_requried") == true);
  CHECK(batteries->at("type") == "PRODUCT_PROPERTY");
  CHECK(battery_type->at("is_requried") == false);
  const auto& cond = battery_type->at("requirement_conditions").as_array().at(0).as_object();
  CHECK(cond.at("condition_type") == "VALUE_ID_MATCH");
  CHECK(cond.at("attribute_id") == "100003");
  CHECK(cond.at("attribute_value_id") == "1000031");
  CHECK(find_id(attrs, "100006")->at("type") == "SALES_PROPERTY");
  rejected(call(us.client, "GET", "/product/202309/categories/902001/attributes", {{"category_version", "v2"}}), 400,
           12052024);
}

TEST_CASE("CAT-PRE-CERT: the battery certificate becomes required when the product contains batteries") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto rules =
      ok(call(us.client, "GET", "/product/202309/categories/902003/rules", {{"category_version", "v2"}}));
  const auto& cert = rules.at("product_certifications").as_array().at(0).as_object();
  CHECK(cert.at("id") == "700001");
  CHECK(cert.at("is_required") == false);
  CHECK(cert.at("expiration_date").as_object().at("is_required") == true);
  CHECK(cert.at("requirement_conditions").as_array().at(0).as_object().at("attribute_value_id") == "1000031");
  const auto teas = ok(call(us.client, "GET", "/product/202309/categories/903003/rules", {{"category_version", "v2"}}));
  CHECK(teas.at("product_certifications").as_array().at(0).as_object().at("is_required") == true);
}

TEST_CASE("CAT-PRE-BRANDS: brands page, filter by prefix and authorization, with the wire spellings") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  std::int64_t total = 0;
  const auto ids = all_pages(us.client, "GET", "/product/202309/brands", "brands", "id", 3, nullptr, &total);
  CHECK(ids.size() == 4);
  CHECK(total == 4);
  const auto authorized =
      ok(call(us.client, "GET", "/product/202309/brands", {{"page_size", "10"}, {"is_authorized", "1"}}));
  CHECK(authorized.at("brands").as_array().size() == 2);
  const auto ocean = ok(call(us.client, "GET", "/product/202309/brands", {{"page_size", "10"}, {"brand_name", "oce"}}));
  REQUIRE(ocean.at("brands").as_array().size() == 1);
  CHECK(ocean.at("brands").as_array()[0].as_object().at("authorized_status") == "UNAUTHORIEZD");
  rejected(call(us.client, "GET", "/product/202309/brands"), 400, 36009004);  // page_size is required
  rejected(call(us.client, "GET", "/product/202309/brands", {{"page_size", "10"}, {"is_authorized", "yes"}}), 400,
           36009004);
}

TEST_CASE("CAT-PRE-CATEGORY: recommend category from title and description") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const std::string path = "/product/202309/categories/recommend";
  const auto d = ok(call(us.client, "POST", path, {}, json::object{{"product_title", "Blue ceramic coffee Mug"}}));
  CHECK(d.at("leaf_category_id") == "900003");
  const auto& chain = d.at("categories").as_array();
  REQUIRE(chain.size() == 3);
  CHECK(chain[2].as_object().at("is_leaf") == true);
  CHECK(chain[0].as_object().at("level") == 1);
  const auto by_desc =
      ok(call(us.client, "POST", path, {},
              json::object{{"product_title", "Travel gadget"}, {"description", "<p>A 10000 mAh power bank</p>"}}));
  CHECK(by_desc.at("leaf_category_id") == "902003");
  rejected(call(us.client, "POST", path, {}, json::object{{"product_title", "Something unknown"}}), 400, 12019064);
  rejected(call(us.client, "POST", path, {}, json::object{{"product_title", "Mug\x01 bad"}}), 400, 12052931);
  rejected(call(us.client, "POST", path, {}, json::object{{"product_title", "Mug!!!!!!!!!!"}}), 400, 12052931);
  rejected(call(us.client, "POST", path, {}, json::object{{"description", "mug"}}), 400, 36009004);
}

TEST_CASE("CAT-PRE-PREREQ: listing prerequisites report each check, and a failing one blocks creation") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto d = ok(call(us.client, "GET", "/product/202312/prerequisites"));
  const auto& results = d.at("check_results").as_array();
  CHECK(results.size() == 10);
  for (const auto& r : results) CHECK(r.as_object().at("is_failed") == false);
  us.client.admin("POST", "/_sandbox/shops/" + us.shop_id + "/prerequisites",
                  json::object{{"failing", json::object{{"RETURN_WAREHOUSE", "No return warehouse set"}}}});
  bool seen = false;
  const auto again = ok(call(us.client, "GET", "/product/202312/prerequisites"));
  for (const auto& r : again.at("check_results").as_array()) {
    const auto& o = r.as_object();
    if (o.at("check_item") != "RETURN_WAREHOUSE") continue;
    seen = true;
    CHECK(o.at("is_failed") == true);
    CHECK(o.at("fail_reasons").as_array().at(0) == "No return warehouse set");
  }
  CHECK(seen);
  const std::string image = upload(us.client, "prereq");
  const std::size_t before = product_count(us.client, us.shop_id);
  rejected(call(us.client, "POST", "/product/202309/products", {}, mug_body(us.client, 0, image)), 400, 12052535);
  CHECK(product_count(us.client, us.shop_id) == before);
  us.client.admin("POST", "/_sandbox/shops/" + us.shop_id + "/prerequisites",
                  json::object{{"failing", json::object{{"SHOP_STATUS", "Shop is suspended"}}}});
  rejected(call(us.client, "POST", "/product/202309/products", {}, mug_body(us.client, 0, image)), 400, 12052700);
}
