// Webhook intake: signature over the exact bytes in constant time, forged -> 401, malformed ->
// 400 with nothing stored, duplicates acknowledged once.
#include <catch2/catch.hpp>

#include "ocean_common/tts_sign.hpp"
#include "store/commerce_sqlite.hpp"
#include "test_dirs.hpp"
#include "mirror/webhook_intake.hpp"

using namespace ocean::tiktok;

namespace {
const char* kKey = "wh_app_key";
const char* kSecret = "wh-app-secret-0123456789abcdef";

std::string headers_for(const std::string& body, const std::string& secret = kSecret) {
  return "Content-Type: application/json\r\nAuthorization: " + ocean::tts::webhook_signature(kKey, secret, body) +
         "\r\n";
}
}  // namespace

TEST_CASE("header lookup is case-insensitive and trims") {
  CHECK(mirror::header_value("X: 1\r\nauthorization:  abc \r\n", "Authorization") == "abc");
  CHECK_FALSE(mirror::header_value("X: 1\r\n", "Authorization").has_value());
}

TEST_CASE("webhook intake verifies, stores once, and refuses forged or malformed deliveries") {
  TempDir dir("intake");
  store::CommerceSqliteStore s((dir.path() / "t.db").string());
  mirror::WebhookIntake intake(s, kKey, kSecret);
  const std::string body =
      R"({"type":1,"tts_notification_id":"n-1","shop_id":"7001","timestamp":1700000000,"data":{"order_id":"o1","order_status":"CANCEL","update_time":1700000000}})";

  auto ok = intake.handle(headers_for(body), body, 1);
  CHECK(ok.http_status == 200);
  CHECK(ok.status == Status::ok);
  CHECK_FALSE(ok.duplicate);
  auto dup = intake.handle(headers_for(body), body, 2);
  CHECK(dup.http_status == 200);
  CHECK(dup.duplicate);
  CHECK(s.inbox_count("") == 1);

  SECTION("forged: wrong secret, no header, one byte changed after signing") {
    auto forged = intake.handle(headers_for(body, "some-other-secret"), body, 3);
    CHECK(forged.http_status == 401);
    CHECK(forged.status == Status::invalid_argument);
    CHECK(intake.handle("Content-Type: application/json\r\n", body, 3).http_status == 401);
    std::string tampered = body;
    tampered[tampered.find("o1")] = 'x';
    CHECK(intake.handle(headers_for(body), tampered, 3).http_status == 401);
    CHECK(forged.message.find(kSecret) == std::string::npos);
    CHECK(s.inbox_count("") == 1);
  }
  SECTION("malformed but correctly signed: 400, clear message, nothing stored") {
    for (const std::string& bad :
         {std::string("{not json"), std::string("[1,2]"), std::string(R"({"tts_notification_id":"n-9","data":{}})"),
          std::string(R"({"type":1,"data":{}})"), std::string(R"({"type":1,"tts_notification_id":"","data":{}})"),
          std::string(R"({"type":1,"tts_notification_id":"n-9"})"),
          std::string(R"({"type":"1","tts_notification_id":"n-9","data":{}})"),
          std::string(R"({"type":1,"tts_notification_id":"n-9","shop_id":7,"data":{}})")}) {
      INFO(bad);
      const auto r = intake.handle(headers_for(bad), bad, 4);
      CHECK(r.http_status == 400);
      CHECK(r.status == Status::invalid_argument);
      CHECK_FALSE(r.message.empty());
    }
    CHECK(s.inbox_count("") == 1);
  }
}
