// Signing as the plugin sends it: the pinned public vectors through sign_query, and the edge
// cases of reference §1.1 checked against hand-built strings and against the server's view
// (parse the query we would send, sign what the server would see).
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "ocean_common/crypto.hpp"
#include "ocean_common/tts_sign.hpp"
#include "transport/request_signer.hpp"

namespace json = boost::json;
using namespace ocean;
using ocean::tiktok::sign_query;
using ocean::tiktok::SigningKeys;
using ocean::tiktok::UnsignedRequest;

namespace {

std::string value_of(const url::QueryParams& q, std::string_view key) {
  for (const auto& [k, v] : q) {
    if (k == key) return v;
  }
  return "<absent>";
}

// HMAC(secret, secret + text + secret), written out independently of tts_sign.
std::string expected_sign(std::string_view secret, const std::string& text) {
  return crypto::hmac_sha256_hex(secret, std::string(secret) + text + std::string(secret));
}

// What a server does: decode the query as sent and sign it with the body it received.
std::string server_side_sign(std::string_view secret, std::string_view path, const url::QueryParams& sent,
                             std::string_view body, bool multipart = false) {
  const auto parsed = url::parse_query(url::build_query(sent));
  return tts::sign_request(secret, {path, &parsed, body, !multipart});
}

}  // namespace

TEST_CASE("sign_query reproduces every pinned public vector") {
  std::ifstream in(std::string(OCEAN_SHARED_DIR) + "/vectors/sign_public.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  const auto vectors = json::parse(ss.str()).as_array();
  REQUIRE(vectors.size() >= 3);
  for (const auto& v : vectors) {
    const auto& o = v.as_object();
    const auto& q = o.at("query").as_object();
    const std::string app_key(q.at("app_key").as_string());
    const std::string secret(o.at("app_secret").as_string());
    const std::int64_t ts = std::stoll(std::string(q.at("timestamp").as_string()));
    const std::string cipher = q.contains("shop_cipher") ? std::string(q.at("shop_cipher").as_string()) : "";
    UnsignedRequest req;
    const std::string path(o.at("path").as_string());
    req.path = path;
    for (const auto& [k, val] : q) {
      if (k != "app_key" && k != "timestamp" && k != "shop_cipher")
        req.query.emplace_back(k, std::string(val.as_string()));
    }
    req.shop_cipher = cipher;
    const std::string body = o.at("body").is_null() ? "" : std::string(o.at("body").as_string());
    req.body = body;
    const auto signed_q = sign_query(SigningKeys{app_key, secret}, req, ts);
    INFO(o.at("source").as_string());
    CHECK(value_of(signed_q, "sign") == std::string(o.at("expected_sign").as_string()));
    CHECK(server_side_sign(secret, path, signed_q, body) == value_of(signed_q, "sign"));
  }
}

TEST_CASE("body key order and whitespace are part of the signature") {
  const std::string secret = "s3cr3t-value";
  const std::string a = R"({"a":1,"b":2})";
  const std::string b = R"({"b":2,"a":1})";
  const std::string c = R"({"a": 1, "b": 2})";
  UnsignedRequest req{"/order/202309/orders/search", {}, "CIPHER", a, false};
  const auto qa = sign_query({"key", secret}, req, 1700000000);
  req.body = b;
  const auto qb = sign_query({"key", secret}, req, 1700000000);
  req.body = c;
  const auto qc = sign_query({"key", secret}, req, 1700000000);
  CHECK(value_of(qa, "sign") ==
        expected_sign(secret, "/order/202309/orders/searchapp_keykeyshop_cipherCIPHERtimestamp1700000000" + a));
  CHECK(value_of(qb, "sign") ==
        expected_sign(secret, "/order/202309/orders/searchapp_keykeyshop_cipherCIPHERtimestamp1700000000" + b));
  CHECK(value_of(qa, "sign") != value_of(qb, "sign"));
  CHECK(value_of(qa, "sign") != value_of(qc, "sign"));
}

TEST_CASE("'=' and '+' in a page token are signed decoded and sent percent-encoded") {
  UnsignedRequest req{
      "/product/202309/products/search", {{"page_size", "20"}, {"page_token", "aGVsbG8+d29y=="}}, "C", "", false};
  const auto q = sign_query({"k", "secret"}, req, 1);
  CHECK(value_of(q, "sign") ==
        expected_sign(
            "secret",
            "/product/202309/products/searchapp_keykpage_size20page_tokenaGVsbG8+d29y==shop_cipherCtimestamp1"));
  const std::string wire = url::build_query(q);
  CHECK(wire.find("page_token=aGVsbG8%2Bd29y%3D%3D") != std::string::npos);
  // A server decoding '+' as a space would compute another signature; %2B keeps them equal.
  CHECK(server_side_sign("secret", req.path, q, "") == value_of(q, "sign"));
}

TEST_CASE("comma-joined ids are signed in their joined form") {
  UnsignedRequest req{"/order/202309/orders", {{"ids", "576461413038785752,576461413038785753"}}, "C", "", false};
  const auto q = sign_query({"k", "secret"}, req, 1);
  CHECK(value_of(q, "sign") ==
        expected_sign("secret",
                      "/order/202309/ordersapp_keykids576461413038785752,576461413038785753shop_cipherCtimestamp1"));
  CHECK(url::build_query(q).find("ids=576461413038785752%2C576461413038785753") != std::string::npos);
  CHECK(server_side_sign("secret", req.path, q, "") == value_of(q, "sign"));
}

TEST_CASE("multipart bodies are left out of the signature") {
  const std::string body = "--b\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n\x89PNG\r\n--b--\r\n";
  UnsignedRequest req{"/product/202309/images/upload", {}, "", body, true};
  const auto q = sign_query({"k", "secret"}, req, 5);
  CHECK(value_of(q, "sign") == expected_sign("secret", "/product/202309/images/uploadapp_keyktimestamp5"));
  CHECK(server_side_sign("secret", req.path, q, body, true) == value_of(q, "sign"));
}

TEST_CASE("UTF-8 bodies are signed byte for byte") {
  const std::string body = "{\"title\":\"\xC3\x81o thun \xF0\x9F\x91\x95 \xE5\x95\x86\xE5\x93\x81\"}";
  UnsignedRequest req{"/product/202309/products", {}, "C", body, false};
  const auto q = sign_query({"k", "secret"}, req, 9);
  CHECK(value_of(q, "sign") ==
        expected_sign("secret", "/product/202309/productsapp_keykshop_cipherCtimestamp9" + body));
}

TEST_CASE("access_token in the query is never sent nor signed - empty values are dropped") {
  UnsignedRequest with{"/authorization/202309/shops", {{"access_token", "TTP_abc"}, {"page_token", ""}}, "", "", false};
  UnsignedRequest without{"/authorization/202309/shops", {}, "", "", false};
  const auto a = sign_query({"29a39d", "e59af819cc"}, with, 1623812664);
  const auto b = sign_query({"29a39d", "e59af819cc"}, without, 1623812664);
  CHECK(value_of(a, "access_token") == "<absent>");
  CHECK(value_of(a, "page_token") == "<absent>");
  CHECK(value_of(a, "sign") == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
  CHECK(value_of(a, "sign") == value_of(b, "sign"));
  // And a server that does receive an access_token query key ignores it when signing.
  auto sent = a;
  sent.emplace_back("access_token", "TTP_abc");
  CHECK(server_side_sign("e59af819cc", "/authorization/202309/shops", sent, "") == value_of(a, "sign"));
}

TEST_CASE("endpoint parameters cannot override the common ones") {
  UnsignedRequest req{"/order/202309/orders", {{"app_key", "evil"}, {"timestamp", "0"}, {"sign", "x"}}, "C", "", false};
  const auto q = sign_query({"k", "secret"}, req, 7);
  CHECK(value_of(q, "app_key") == "k");
  CHECK(value_of(q, "timestamp") == "7");
  CHECK(q.size() == 4);  // app_key, timestamp, shop_cipher, sign
}

TEST_CASE("shop_cipher only goes to shop-scoped APIs") {
  using ocean::tiktok::path_takes_shop_cipher;
  CHECK_FALSE(path_takes_shop_cipher("GET", "/authorization/202309/shops"));
  CHECK_FALSE(path_takes_shop_cipher("GET", "/seller/202309/shops"));
  CHECK_FALSE(path_takes_shop_cipher("POST", "/product/202309/images/upload"));
  CHECK_FALSE(path_takes_shop_cipher("GET", "/product/202309/global_products/1"));
  CHECK_FALSE(path_takes_shop_cipher("POST", "/product/202309/brands"));
  CHECK(path_takes_shop_cipher("GET", "/product/202309/brands"));
  CHECK(path_takes_shop_cipher("POST", "/order/202309/orders/search"));
  CHECK(path_takes_shop_cipher("GET", "/product/202309/products/123"));
}
