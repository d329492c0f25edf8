// Upload Product Image (multipart, signed without the body, no shop_cipher) and white-background
// optimisation for new and existing listings, plus SEO word suggestions for live products.
#include "catalog_fixture.hpp"

using namespace catalog_test;

TEST_CASE("image upload: multipart, signed without the body, real limits and codes") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto d = ok(upload_raw(us.client, png(800, 600, "x")));
  CHECK(str(d.at("uri")).rfind("tos-maliva-i-o3syd03w52-us/", 0) == 0);
  CHECK(str(d.at("url")).find(str(d.at("uri"))) != std::string::npos);
  CHECK(d.at("width") == 800);
  CHECK(d.at("height") == 600);
  CHECK(d.at("use_case") == "MAIN_IMAGE");
  // 1000x500 is outside 3:4..4:3: padded to 1:1.
  const auto wide = ok(upload_raw(us.client, png(1000, 500, "w")));
  CHECK(wide.at("width") == 1000);
  CHECK(wide.at("height") == 1000);
  // The body is not part of the signature: change it after signing and the call still passes.
  TtsCall t{"POST",
            "/product/202309/images/upload",
            {},
            form(png(400, 400, "s"), "MAIN_IMAGE"),
            "multipart/form-data; boundary=" + kBoundary};
  t.include_shop_cipher = false;
  const std::string target = us.client.signed_target(t);
  const auto other = us.client.send("POST", target, form(png(500, 500, "t"), "DESCRIPTION_IMAGE"), t.content_type);
  CHECK(ok(other).at("use_case") == "DESCRIPTION_IMAGE");

  rejected(upload_raw(us.client, "not an image"), 400, 12038015);
  rejected(upload_raw(us.client, png(200, 200)), 400, 12038014);  // MAIN_IMAGE needs 300 px
  CHECK(ok(upload_raw(us.client, png(200, 200), "DESCRIPTION_IMAGE")).at("width") == 200);
  rejected(upload_raw(us.client, png(1200, 800), "SIZE_CHART_IMAGE"), 400, 12038014);  // short side < 1024
  rejected(upload_raw(us.client, png(800, 800), "BANNER"), 400, 36009004);
  rejected(upload_raw(us.client, png(800, 800) + std::string(10u * 1024 * 1024, 'z')), 400, 12038005);
  rejected(upload_raw(us.client, ""), 400, 12038002);
  // shop_cipher is refused on uploads, and the content type must be multipart.
  TtsCall with_cipher = t;
  with_cipher.include_shop_cipher = true;
  rejected(us.client.call(with_cipher), 400, 36009004);
  TtsCall json_body{"POST", "/product/202309/images/upload", {}, "{}"};
  json_body.include_shop_cipher = false;
  rejected(us.client.call(json_body), 400, 36009023);
}

TEST_CASE("CAT-NFOQUAL-AUTOWHTBG: a new listing's first image gets a white-background copy before create") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  json::array images;
  std::vector<std::string> uris;
  for (int i = 0; i < 6; ++i) uris.push_back(upload(us.client, "bg" + std::to_string(i)));
  for (const auto& u : uris)
    images.push_back(json::object{{"uri", u}, {"optimization_mode", json::array{"WHITE_BACKGROUND"}}});
  const auto d = ok(call(us.client, "POST", "/product/202404/images/optimize", {}, json::object{{"images", images}}));
  int success = 0, ignored = 0;
  std::string white;
  for (const auto& v : d.at("images").as_array()) {
    const auto& o = v.as_object();
    if (o.at("optimize_status") == "SUCCESS") {
      ++success;
      CHECK(o.at("optimized_uri") != o.at("original_uri"));
      white = str(o.at("optimized_uri"));
    } else {
      CHECK(o.at("optimize_status") == "IGNORE");  // already white
      CHECK(o.at("optimized_uri") == o.at("original_uri"));
      ++ignored;
    }
  }
  CHECK(success + ignored == 6);
  REQUIRE(success > 0);
  // The optimised copy is itself an image of the shop: it lists, and optimising it again is IGNORE.
  const auto again =
      ok(call(us.client, "POST", "/product/202404/images/optimize", {},
              json::object{{"images", json::array{json::object{
                                          {"uri", white}, {"optimization_mode", json::array{"WHITE_BACKGROUND"}}}}}}));
  CHECK(again.at("images").as_array()[0].as_object().at("optimize_status") == "IGNORE");
  const auto made = ok(call(us.client, "POST", "/product/202309/products", {}, mug_body(us.client, 0, white)));
  CHECK(product_of(us.client, str(made.at("product_id"))).at("main_images").as_array()[0].as_object().at("uri") ==
        white.c_str());
  rejected(
      call(us.client, "POST", "/product/202404/images/optimize", {},
           json::object{{"images", json::array{json::object{{"uri", "tos-elsewhere/x"},
                                                            {"optimization_mode", json::array{"WHITE_BACKGROUND"}}}}}}),
      400, 12052300);
  rejected(call(us.client, "POST", "/product/202404/images/optimize", {},
                json::object{
                    {"images", json::array{json::object{{"uri", white}, {"optimization_mode", json::array{"BLUR"}}}}}}),
           400, 36009004);
}

TEST_CASE("CAT-NFOQUAL-SEOKEY: SEO words for live products, none for products under audit") {
  SandboxProcess sb(catalog_args());
  auto us = session(sb, 0);
  const auto made =
      ok(call(us.client, "POST", "/product/202309/products", {}, mug_body(us.client, 0, upload(us.client, "seo"))));
  const std::string id = str(made.at("product_id"));
  rejected(call(us.client, "GET", "/product/202405/products/seo_words", {{"product_ids", id}}), 400, 36009004);
  advance(us.client, 61);
  const auto d = ok(call(us.client, "GET", "/product/202405/products/seo_words", {{"product_ids", id}}));
  const auto& words = d.at("products").as_array().at(0).as_object().at("seo_words").as_array();
  REQUIRE(!words.empty());
  for (const auto& w : words) CHECK(str(w.as_object().at("text")).find("ceramic coffee mug") == std::string::npos);
  rejected(call(us.client, "GET", "/product/202405/products/seo_words", {{"product_ids", "123"}}), 400, 12052048);
  rejected(call(us.client, "GET", "/product/202405/products/seo_words"), 400, 36009004);
}
