// Shared setup for the sandbox tests: a running sandbox plus a signed client holding a token for one shop.
#pragma once
#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/sandbox_process.hpp"
#include "support/tts_client.hpp"

namespace sandbox_test {

namespace json = boost::json;
using ocean::testing::HttpResponse;
using ocean::testing::SandboxProcess;
using ocean::testing::TtsCall;
using ocean::testing::TtsClient;

inline const std::string kKey = "test_app_key";
inline const std::string kSecret = "test_app_secret";

inline std::vector<std::string> with_app(std::vector<std::string> args) {
  args.insert(args.begin(), {"--app", kKey + ":" + kSecret + ":7123456789:https://erp.example.com/cb"});
  return args;
}

// A client signed for kKey with a fresh token for the sandbox's first shop (or `shop_index`).
inline TtsClient client_for(const SandboxProcess& sb, std::size_t shop_index = 0, bool https = false) {
  TtsClient c(https ? sb.https_base() : sb.http_base(), sb.ca_file(), kKey, kSecret);
  c.sync_clock();
  const auto shops = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  const auto& shop = shops.at(shop_index).as_object();
  const auto token =
      c.admin("POST", "/_sandbox/tokens", json::object{{"app_key", kKey}, {"shop_ids", json::array{shop.at("id")}}});
  c.access_token = std::string(token.as_object().at("access_token").as_string());
  c.shop_cipher = std::string(shop.at("cipher").as_string());
  return c;
}

inline std::string shop_id_of(TtsClient& c, std::size_t index = 0) {
  const auto shops = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  return std::string(shops.at(index).as_object().at("id").as_string());
}

inline json::object data_of(const HttpResponse& r) { return r.json().as_object().at("data").as_object(); }

// The first sales warehouse of the client's shop.
inline std::string sales_warehouse(TtsClient& c) {
  const auto r = c.call(TtsCall{"GET", "/logistics/202309/warehouses", {}, ""});
  const json::array list_5 = data_of(r).at("warehouses").as_array();
  for (const auto& w : list_5) {
    if (w.as_object().at("type").as_string() == "SALES_WAREHOUSE")
      return std::string(w.as_object().at("id").as_string());
  }
  throw std::runtime_error("no sales warehouse");
}

inline std::string shop_currency(TtsClient& c) {
  const json::array list_6 = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  for (const auto& s : list_6) {
    if (s.as_object().at("cipher").as_string() == c.shop_cipher)
      return std::string(s.as_object().at("currency").as_string());
  }
  throw std::runtime_error("shop not found");
}

// Uploads a small PNG (signature + IHDR header of an 800x800 image) as a MAIN_IMAGE and returns its uri:
// the sandbox, like TikTok, accepts only images uploaded through Upload Product Image in a product.
inline std::string upload_main_image(TtsClient& c) {
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  const std::string file = std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(800) + be32(800) +
                           std::string("\x08\x02\0\0\0", 5);
  const std::string boundary = "sandbox-test-boundary";
  TtsCall t{"POST",
            "/product/202309/images/upload",
            {},
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"mug.png\"\r\n\r\n" + file +
                "\r\n--" + boundary + "--\r\n",
            "multipart/form-data; boundary=" + boundary};
  t.include_shop_cipher = false;
  const auto r = c.call(t);
  if (r.code() != 0) throw std::runtime_error("image upload failed: " + r.body);
  return std::string(data_of(r).at("uri").as_string());
}

// A complete product-create body for the client's shop (a US shop: category tree v2, leaf Mugs & Cups).
inline std::string product_body(TtsClient& c, const std::string& title = "Sandbox Test Mug",
                                const std::string& amount = "12.50") {
  json::object sku{{"seller_sku", "MUG-1"},
                   {"price", json::object{{"amount", amount}, {"currency", shop_currency(c)}}},
                   {"inventory", json::array{json::object{{"warehouse_id", sales_warehouse(c)}, {"quantity", 40}}}},
                   {"sales_attributes", json::array{json::object{{"name", "Color"}, {"value_name", "Blue"}}}}};
  json::object body{
      {"title", title},
      {"description", "<p>A mug.</p>"},
      {"category_id", "900003"},
      {"category_version", "v2"},
      {"main_images", json::array{json::object{{"uri", upload_main_image(c)}}}},
      {"package_weight", json::object{{"value", "0.4"}, {"unit", "KILOGRAM"}}},
      {"package_dimensions", json::object{{"length", "12"}, {"width", "10"}, {"height", "11"}, {"unit", "CENTIMETER"}}},
      {"product_attributes",
       json::array{json::object{{"id", "100001"}, {"values", json::array{json::object{{"id", "1000011"}}}}}}},
      {"skus", json::array{sku}}};
  return json::serialize(body);
}

}  // namespace sandbox_test
