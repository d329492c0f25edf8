// Shared setup for the catalogue tests: the domain-test session helpers, synthetic image files (only the
// header the sandbox sniffs is real: PNG signature + IHDR), multipart uploads signed without the body as the
// real API wants, and a valid create body per market (US uses category_version v2, others v1).
#pragma once
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <string>

#include "sandbox_domains/domains_fixture.hpp"

namespace catalog_test {

using namespace domains_test;

// Shops of a --shops 3 world: 0 = US (USD), 1 = GB (GBP), 2 = ID (IDR, Tokopedia, COD).
inline std::vector<std::string> catalog_args(std::vector<std::string> extra = {}) {
  auto a = args({"--shops", "3", "--orders", "0", "--products", "3"});
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

inline std::string be32(std::uint32_t v) {
  return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                     static_cast<char>(v)};
}

// A PNG header of the given pixel size, padded with `salt` so different images hash differently.
inline std::string png(std::uint32_t w, std::uint32_t h, const std::string& salt = "a") {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) +
         std::string("\x08\x02\0\0\0", 5) + salt;
}

inline const std::string kBoundary = "----ocean-catalog-test-boundary";

inline std::string form(const std::string& file, const std::string& use_case) {
  std::string b = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"img.png\"\r\n" +
                  "Content-Type: image/png\r\n\r\n" + file + "\r\n";
  if (!use_case.empty()) {
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"use_case\"\r\n\r\n" + use_case + "\r\n";
  }
  return b + "--" + kBoundary + "--\r\n";
}

inline HttpResponse upload_raw(TtsClient& c, const std::string& file, const std::string& use_case = "MAIN_IMAGE") {
  TtsCall t;
  t.method = "POST";
  t.path = "/product/202309/images/upload";
  t.body = form(file, use_case);
  t.content_type = "multipart/form-data; boundary=" + kBoundary;
  t.include_shop_cipher = false;
  return c.call(t);
}

// Uploads a fresh 800x800 image and returns its uri.
inline std::string upload(TtsClient& c, const std::string& salt, const std::string& use_case = "MAIN_IMAGE",
                          std::uint32_t w = 800, std::uint32_t h = 800) {
  return str(ok(upload_raw(c, png(w, h, salt), use_case)).at("uri"));
}

inline std::string warehouse_of(TtsClient& c) {
  const auto d = ok(call(c, "GET", "/logistics/202309/warehouses"));
  for (const auto& w : d.at("warehouses").as_array())
    if (w.as_object().at("type") == "SALES_WAREHOUSE") return str(w.as_object().at("id"));
  FAIL("no sales warehouse");
  return "";
}

struct Market {
  std::string currency, version, mug_leaf, price;
  bool dims = true;
};

inline Market market_of(std::size_t shop_index) {
  if (shop_index == 0) return {"USD", "v2", "900003", "12.50", true};
  if (shop_index == 1) return {"GBP", "v1", "600003", "12.50", true};
  return {"IDR", "v1", "600003", "150000", false};
}

// A valid listing of a mug in the Mugs & Cups leaf with two colour SKUs.
inline json::object mug_body(TtsClient& c, std::size_t shop_index, const std::string& image,
                             const std::string& title = "Sandbox ceramic coffee mug 350 ml, dishwasher safe") {
  const Market m = market_of(shop_index);
  const std::string wh = warehouse_of(c);
  auto sku = [&](const char* seller_sku, const char* colour, int qty) {
    return json::object{{"seller_sku", seller_sku},
                        {"price", json::object{{"amount", m.price}, {"currency", m.currency}}},
                        {"inventory", json::array{json::object{{"warehouse_id", wh}, {"quantity", qty}}}},
                        {"sales_attributes", json::array{json::object{{"name", "Color"}, {"value_name", colour}}}}};
  };
  json::object b{
      {"title", title},
      {"description", "<p>A sturdy ceramic mug for coffee and tea, 350 ml.</p>"},
      {"category_id", m.mug_leaf},
      {"category_version", m.version},
      {"main_images", json::array{json::object{{"uri", image}}}},
      {"package_weight", json::object{{"value", "0.400"}, {"unit", "KILOGRAM"}}},
      {"product_attributes",
       json::array{json::object{{"id", "100001"}, {"values", json::array{json::object{{"id", "1000011"}}}}}}},
      {"skus", json::array{sku("MUG-BLUE", "Blue", 40), sku("MUG-RED", "Red", 7)}}};
  if (m.dims) {
    b["package_dimensions"] = json::object{{"length", "12"}, {"width", "10"}, {"height", "11"}, {"unit", "CENTIMETER"}};
  }
  return b;
}

inline json::object product_of(TtsClient& c, const std::string& id) {
  return ok(call(c, "GET", "/product/202309/products/" + id));
}

inline void advance(TtsClient& c, std::int64_t seconds) {
  c.admin("POST", "/_sandbox/clock", json::object{{"advance", seconds}});
  c.sync_clock();
}

inline std::size_t product_count(TtsClient& c, const std::string& shop_id) {
  return truth(c, shop_id).at("products").as_array().size();
}

}  // namespace catalog_test
