// The classification table of reference §4, and malformed answers, without a network.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "tiktok_api/authorization.hpp"
#include "tiktok_api/token_client.hpp"
#include "transport/classify.hpp"

using namespace ocean::tiktok;
namespace json = boost::json;

namespace {
Verdict answer(long http_status, const std::string& body) {
  HttpResult r;
  r.status = http_status;
  r.body = body;
  return classify(r, parse_envelope(body));
}
std::string env(std::int64_t code, const std::string& message) {
  return json::serialize(
      json::object{{"code", code}, {"message", message}, {"request_id", "2026X"}, {"data", nullptr}});
}
Verdict transport(TransportError e) {
  HttpResult r;
  r.error = e;
  r.error_message = "boom";
  return classify(r, Envelope{});
}
}  // namespace

TEST_CASE("success needs HTTP 2xx and code 0") {
  CHECK(answer(200, R"({"code":0,"message":"Success","request_id":"r","data":{"a":1}})").disposition ==
        Disposition::success);
  CHECK(answer(200, R"({"code":0,"message":"Success","request_id":"r"})").disposition == Disposition::success);
  CHECK(answer(500, R"({"code":0,"message":"Success","data":null})").status == Status::retry);
}

TEST_CASE("every documented code maps to the status the host can act on") {
  CHECK(answer(429, env(36009002, "Too many requests")).disposition == Disposition::rate_limited);
  CHECK(answer(429, env(36009002, "Too many requests")).status == Status::rate_limited);
  CHECK(answer(500, env(36009003, "Internal error")).disposition == Disposition::transient);
  CHECK(answer(503, env(36009003, "Service overloaded")).status == Status::retry);
  CHECK(answer(200, env(36009007, "Request timeout")).status == Status::retry);
  CHECK(answer(401, env(105002, "Expired credentials")).disposition == Disposition::token_expired);
  CHECK(answer(401, env(106001, "Invalid credentials. The 'sign' query parameter is invalid.")).status ==
        Status::auth_required);
  CHECK(answer(403, env(101000, "not authorized for this shop")).status == Status::auth_required);
  CHECK(
      answer(400, env(36009004, "Invalid credentials. The x-tts-access-token header is missing or invalid.")).status ==
      Status::auth_required);
  CHECK(answer(400, env(36009004, "Invalid app_key. Please check the app_key parameter.")).status ==
        Status::auth_required);
  CHECK(answer(400, env(36009004, "Invalid timestamp. It must be Unix seconds...")).status == Status::permanent);
  CHECK(answer(400, env(36009004, "Skus is a required field")).status == Status::invalid_argument);
  CHECK(answer(400, env(36009004, "product 123 not found")).status == Status::not_found);
  CHECK(answer(400, env(106013, "Missing identifier")).status == Status::permanent);
  CHECK(answer(403, env(105005, "Access denied: missing scope")).status == Status::permanent);
  CHECK(answer(404, env(36009009, "Invalid path")).status == Status::not_found);
  CHECK(answer(400, env(36004004, "Invalid auth_code")).status == Status::auth_required);
  CHECK(answer(400, env(36004005, "Invalid refresh_token")).status == Status::auth_required);
  CHECK(answer(400, env(12345678, "some endpoint rule")).status == Status::invalid_argument);
  CHECK(answer(409, env(12345678, "some conflict")).status == Status::permanent);
  const auto v = answer(401, env(106001, "Invalid credentials"));
  CHECK(v.message.find("106001") != std::string::npos);
  CHECK(v.message.find("2026X") != std::string::npos);  // request id for support tickets
}

TEST_CASE("transport failures: only the never-sent ones are marked safe to repeat") {
  CHECK(transport(TransportError::not_sent).request_not_sent);
  CHECK(transport(TransportError::not_sent).status == Status::retry);
  CHECK_FALSE(transport(TransportError::timeout).request_not_sent);
  CHECK(transport(TransportError::timeout).disposition == Disposition::transient);
  CHECK(transport(TransportError::reset).disposition == Disposition::transient);
  CHECK(transport(TransportError::tls).status == Status::permanent);
  CHECK(transport(TransportError::too_large).status == Status::permanent);
}

TEST_CASE("malformed API JSON is a clear error - never success") {
  for (const char* body : {"", "<html>502 Bad Gateway</html>", "[1,2]", R"({"message":"no code"})",
                           R"({"code":"0","data":{}})", R"({"code":0,"data":[1]})"}) {
    INFO(body);
    const auto v = answer(200, body);
    CHECK(v.disposition != Disposition::success);
    CHECK(v.status == Status::permanent);
    CHECK(v.message.find("malformed") != std::string::npos);
  }
  CHECK(answer(502, "<html>").status == Status::retry);
  CHECK(answer(429, "slow down").status == Status::rate_limited);
}

TEST_CASE("malformed token and shop answers are refused before anything is stored") {
  const std::int64_t now = 1'700'000'000;
  const json::value good = json::parse(R"({"access_token":"A","refresh_token":"R","access_token_expire_in":1700600000,
      "refresh_token_expire_in":1730000000,"open_id":"o","seller_name":"s","seller_base_region":"GB","user_type":0,
      "granted_scopes":["x"]})");
  const auto g = TokenClient::parse_grant(good, now);
  CHECK(g.tokens.access_expires_at == 1700600000);
  CHECK(g.granted_scopes.size() == 1);
  for (
      const char* bad :
      {R"({"refresh_token":"R","access_token_expire_in":1700600000,"refresh_token_expire_in":1730000000})",
       R"({"access_token":"","refresh_token":"R","access_token_expire_in":1700600000,"refresh_token_expire_in":1730000000})",
       R"({"access_token":"A","refresh_token":"R","access_token_expire_in":"soon","refresh_token_expire_in":1730000000})",
       R"({"access_token":"A","refresh_token":"R","access_token_expire_in":604800,"refresh_token_expire_in":1730000000})",
       R"(null)"}) {
    INFO(bad);
    CHECK_THROWS_AS(TokenClient::parse_grant(json::parse(bad), now), Failure);
  }
  CHECK(
      tiktok_api::parse_shops(json::parse(R"({"shops":[{"id":"1","cipher":"C","name":"n","region":"GB"}]})")).size() ==
      1);
  for (const char* bad :
       {R"({})", R"({"shops":{}})", R"({"shops":[1]})", R"({"shops":[{"id":"1"}]})", R"({"shops":[{"cipher":"C"}]})"}) {
    INFO(bad);
    CHECK_THROWS_AS(tiktok_api::parse_shops(json::parse(bad)), Failure);
  }
}
