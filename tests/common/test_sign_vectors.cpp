// Pins the public signing vectors in shared/vectors and the webhook vector of reference §2.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "ocean_common/tts_sign.hpp"

namespace json = boost::json;
using ocean::tts::SignInput;

namespace {
json::value load_vectors() {
  std::ifstream in(std::string(OCEAN_SHARED_DIR) + "/vectors/sign_public.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}
}  // namespace

TEST_CASE("every pinned public request vector reproduces") {
  const auto vectors = load_vectors().as_array();
  REQUIRE(vectors.size() >= 3);
  for (const auto& v : vectors) {
    const auto& o = v.as_object();
    ocean::url::QueryParams q;
    for (const auto& [k, val] : o.at("query").as_object()) q.emplace_back(k, json::value_to<std::string>(val));
    const std::string body = o.at("body").is_null() ? std::string() : json::value_to<std::string>(o.at("body"));
    const std::string path = json::value_to<std::string>(o.at("path"));
    SignInput in{path, &q, body, true};
    CHECK(ocean::tts::sign_request(json::value_to<std::string>(o.at("app_secret")), in) ==
          json::value_to<std::string>(o.at("expected_sign")));
  }
}

TEST_CASE("a changed byte anywhere changes the signature") {
  ocean::url::QueryParams q{{"app_key", "29a39d"}, {"timestamp", "1623812664"}};
  const SignInput base{"/authorization/202309/shops", &q, "", true};
  const auto good = ocean::tts::sign_request("e59af819cc", base);
  REQUIRE(good == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
  ocean::url::QueryParams q2{{"app_key", "29a39d"}, {"timestamp", "1623812665"}};
  CHECK(ocean::tts::sign_request("e59af819cc", {"/authorization/202309/shops", &q2, "", true}) != good);
  CHECK(ocean::tts::sign_request("e59af819cd", base) != good);
  CHECK(ocean::tts::sign_request("e59af819cc", {"/authorization/202309/shopz", &q, "", true}) != good);
}

TEST_CASE("sign and access_token query keys are ignored - key order does not matter") {
  ocean::url::QueryParams a{
      {"timestamp", "1623812664"}, {"app_key", "29a39d"}, {"sign", "whatever"}, {"access_token", "tok"}};
  CHECK(ocean::tts::sign_request("e59af819cc", {"/authorization/202309/shops", &a, "", true}) ==
        "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
}

TEST_CASE("multipart bodies are not signed") {
  ocean::url::QueryParams q{{"app_key", "k"}, {"timestamp", "1"}};
  const auto without = ocean::tts::sign_request("s", {"/product/202309/images/upload", &q, "", true});
  CHECK(ocean::tts::sign_request("s", {"/product/202309/images/upload", &q, "--x\r\nbinary", false}) == without);
  CHECK(ocean::tts::is_multipart("Multipart/Form-Data; boundary=x"));
  CHECK_FALSE(ocean::tts::is_multipart("application/json"));
}

TEST_CASE("webhook signature matches the official reference vector") {
  const std::string body =
      R"({"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}})";
  CHECK(ocean::tts::webhook_signature("abcdef", "123", body) ==
        "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05");
}
