// Each keyword the project's schemas use beyond the basics, accepted and refused, with the error
// naming the field (JSON pointer) and never quoting the value.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "ocean_common/json_schema.hpp"

namespace json = boost::json;
using ocean::json_schema::Error;

namespace {
std::vector<Error> check(const char* schema, const char* instance) {
  return ocean::json_schema::validate(json::parse(schema), json::parse(instance));
}
std::string only_error(const char* schema, const char* instance) {
  const auto errors = check(schema, instance);
  REQUIRE(errors.size() == 1);
  return errors[0].to_string();
}

// A labelled enum, as the TikTok Shop config_schema writes its regions.
const char* kRegion = R"js({"type":"object","properties":{"region":{"type":"string","oneOf":[
  {"const":"US","title":"United States (US)"},{"const":"GB","title":"United Kingdom (GB)"}]}}})js";
}  // namespace

TEST_CASE("oneOf of const and title accepts a listed value and refuses another naming the field") {
  CHECK(check(kRegion, R"({"region":"GB"})").empty());
  CHECK(only_error(kRegion, R"({"region":"XX"})") == "/region: must be one of US, GB");
  // A value of the wrong type gets one complaint, not one more per alternative.
  CHECK(only_error(kRegion, R"({"region":7})") == "/region: must be a string");
}

TEST_CASE("oneOf refuses a value matching no alternative or more than one") {
  const char* schema =
      R"({"properties":{"n":{"oneOf":[{"type":"integer","maximum":10},{"type":"integer","minimum":5}]}}})";
  CHECK(check(schema, R"({"n":2})").empty());
  CHECK(check(schema, R"({"n":12})").empty());
  CHECK(only_error(schema, R"({"n":7})") == "/n: matches alternatives 0 and 1 of oneOf; exactly one must match");
  const auto none = only_error(schema, R"({"n":"x"})");
  CHECK(none.rfind("/n: matches none of the alternatives of oneOf: /n: must be an integer", 0) == 0);
}

TEST_CASE("anyOf accepts either alternative and lists what each said when none fits") {
  // order.v1's paid_at: an RFC 3339 UTC string or null.
  const char* schema = R"({"properties":{"paid_at":{"anyOf":[
    {"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"},{"type":"null"}]}}})";
  CHECK(check(schema, R"({"paid_at":null})").empty());
  CHECK(check(schema, R"({"paid_at":"2026-11-25T08:30:00Z"})").empty());
  const auto e = only_error(schema, R"({"paid_at":"yesterday"})");
  CHECK(e.rfind("/paid_at: matches none of the alternatives of anyOf: ", 0) == 0);
  CHECK(e.find("/paid_at: must match the pattern") != std::string::npos);
  CHECK(e.find("/paid_at: must be a null") != std::string::npos);
  CHECK(e.find("yesterday") == std::string::npos);
}

TEST_CASE("anyOf of consts reads as an enum") {
  CHECK(only_error(R"({"properties":{"m":{"anyOf":[{"const":"a"},{"const":"b"}]}}})", R"({"m":"c"})") ==
        "/m: must be one of a, b");
}

TEST_CASE("allOf applies every subschema, each error at its field") {
  const char* schema = R"({"allOf":[{"required":["a"]},{"properties":{"b":{"type":"string"}}}]})";
  CHECK(check(schema, R"({"a":1,"b":"x"})").empty());
  const auto errors = check(schema, R"({"b":2})");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].to_string() == "/a: is required");
  CHECK(errors[1].to_string() == "/b: must be a string");
}

TEST_CASE("not refuses what its schema accepts") {
  const char* schema = R"({"properties":{"id":{"type":"string","not":{"const":"core"}}}})";
  CHECK(check(schema, R"({"id":"orders"})").empty());
  CHECK(only_error(schema, R"({"id":"core"})") == "/id: must not match the schema under \"not\"");
}

TEST_CASE("if then else picks the branch and its errors name their own field") {
  // A webhook URL is required when auto-sync is off; a manual interval needs no URL otherwise.
  const char* schema = R"({"type":"object",
    "if":{"properties":{"sync_interval":{"const":"manual"}},"required":["sync_interval"]},
    "then":{"required":["webhook_url"]},
    "else":{"properties":{"webhook_url":{"type":"string","pattern":"^https://"}}}})";
  CHECK(check(schema, R"({"sync_interval":"manual","webhook_url":"https://erp.example.com/wh"})").empty());
  CHECK(only_error(schema, R"({"sync_interval":"manual"})") == "/webhook_url: is required");
  CHECK(check(schema, R"({"sync_interval":"15m"})").empty());
  CHECK(only_error(schema, R"({"sync_interval":"15m","webhook_url":"http://x"})") ==
        "/webhook_url: must match the pattern ^https://");
  // if without then/else constrains nothing.
  CHECK(check(R"({"if":{"type":"string"}})", "12").empty());
}

TEST_CASE("format date-time accepts RFC 3339 and refuses other text naming the field") {
  const char* schema = R"({"properties":{"since":{"type":"string","format":"date-time"}}})";
  CHECK(check(schema, R"({"since":"2026-11-25T08:30:00Z"})").empty());
  CHECK(check(schema, R"({"since":"2026-11-25T08:30:00.123+07:00"})").empty());
  CHECK(only_error(schema, R"({"since":"2026-02-30T08:30:00Z"})") ==
        "/since: must be an RFC 3339 date-time, e.g. 2026-11-25T08:30:00Z");
  CHECK(only_error(schema, R"({"since":"25/11/2026"})") ==
        "/since: must be an RFC 3339 date-time, e.g. 2026-11-25T08:30:00Z");
}

TEST_CASE("format password and writeOnly are annotations - the secret's value is never quoted") {
  const char* schema = R"({"properties":{"app_secret":{"type":"string","format":"password","writeOnly":true,
    "minLength":1,"maxLength":8,"x-secret":true}}})";
  CHECK(check(schema, R"({"app_secret":"s3cret"})").empty());
  const auto e = only_error(schema, R"({"app_secret":"TOO-LONG-SECRET"})");
  CHECK(e == "/app_secret: must be at most 8 characters long");
}

TEST_CASE("applicators nest through $ref and stop at a cycle") {
  const char* schema = R"({"$defs":{"region":{"oneOf":[{"const":"US"},{"const":"GB"}]}},
    "properties":{"regions":{"type":"array","items":{"$ref":"#/$defs/region"}}}})";
  CHECK(check(schema, R"({"regions":["US","GB"]})").empty());
  CHECK(only_error(schema, R"({"regions":["US","FR"]})") == "/regions/1: must be one of US, GB");
  const auto cyclic = check(R"({"$defs":{"x":{"anyOf":[{"$ref":"#/$defs/x"}]}},"$ref":"#/$defs/x"})", "1");
  REQUIRE_FALSE(cyclic.empty());
  CHECK(cyclic.front().to_string().find("too deeply") != std::string::npos);
}
