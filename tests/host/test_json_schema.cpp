#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "ocean_common/json_schema.hpp"

namespace json = boost::json;
using ocean::json_schema::Error;
using ocean::json_schema::validate;

namespace {
std::vector<Error> check(const char* schema, const char* instance) {
  return validate(json::parse(schema), json::parse(instance));
}
std::string only_error(const char* schema, const char* instance) {
  const auto errors = check(schema, instance);
  REQUIRE(errors.size() == 1);
  return errors[0].to_string();
}
}  // namespace

TEST_CASE("type: single, list, integer versus number") {
  CHECK(check(R"({"type":"string"})", R"("x")").empty());
  CHECK(only_error(R"({"type":"string"})", "5") == "/: must be a string");
  CHECK(only_error(R"({"type":"object"})", "[]") == "/: must be an object");
  CHECK(check(R"({"type":["string","null"]})", "null").empty());
  CHECK(only_error(R"({"type":["string","null"]})", "true") == "/: must be a string or null");
  CHECK(check(R"({"type":"integer"})", "3").empty());
  CHECK(check(R"({"type":"integer"})", "3.0").empty());
  CHECK(only_error(R"({"type":"integer"})", "3.5") == "/: must be an integer");
  CHECK(check(R"({"type":"number"})", "3.5").empty());
  CHECK(check(R"({"type":"boolean"})", "false").empty());
}

TEST_CASE("properties, required and additionalProperties point at the field") {
  const char* schema = R"({
    "type":"object","required":["app_key","region"],"additionalProperties":false,
    "properties":{"app_key":{"type":"string","minLength":1},"region":{"enum":["US","GB"]},
                  "nested":{"type":"object","properties":{"a/b":{"type":"integer"}}}}})";
  CHECK(check(schema, R"({"app_key":"k","region":"GB"})").empty());
  CHECK(only_error(schema, R"({"app_key":"k"})") == "/region: is required");
  CHECK(only_error(schema, R"({"app_key":"k","region":"FR"})") == "/region: must be one of US, GB");
  CHECK(only_error(schema, R"({"app_key":"","region":"US"})") == "/app_key: must not be empty");
  CHECK(only_error(schema, R"({"app_key":"k","region":"US","extra":1})") == "/extra: is not an allowed property");
  CHECK(only_error(schema, R"({"app_key":"k","region":"US","nested":{"a/b":"x"}})") ==
        "/nested/a~1b: must be an integer");
  const auto both = check(schema, R"({})");
  CHECK(both.size() == 2);
  CHECK(ocean::json_schema::join(both) == "/app_key: is required; /region: is required");
}

TEST_CASE("additionalProperties as a schema validates the extra members") {
  const char* schema = R"({"type":"object","additionalProperties":{"type":"string"}})";
  CHECK(check(schema, R"({"a":"x","b":"y"})").empty());
  CHECK(only_error(schema, R"({"a":"x","b":2})") == "/b: must be a string");
}

TEST_CASE("items, minItems, maxItems and uniqueItems") {
  const char* schema = R"({"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3,"uniqueItems":true})";
  CHECK(check(schema, R"(["a","b"])").empty());
  CHECK(only_error(schema, R"(["a",1])") == "/1: must be a string");
  CHECK(only_error(schema, "[]") == "/: must have at least 1 item(s)");
  CHECK(only_error(schema, R"(["a","b","c","d"])") == "/: must have at most 3 item(s)");
  CHECK(only_error(schema, R"(["a","b","a"])") == "/2: duplicates item 0 (items must be unique)");
}

TEST_CASE("strings: lengths count code points, patterns are unanchored ECMAScript") {
  CHECK(check(R"({"maxLength":2})", R"("\u00e9\u00e9")").empty());  // 4 bytes, 2 code points
  CHECK(only_error(R"({"maxLength":2})", R"("abc")") == "/: must be at most 2 characters long");
  CHECK(only_error(R"({"minLength":3})", R"("ab")") == "/: must be at least 3 characters long");
  CHECK(check(R"({"pattern":"^[0-9]+$"})", R"("123")").empty());
  CHECK(only_error(R"({"pattern":"^[0-9]+$"})", R"("12a")") == "/: is not in the expected format");
  // The schema's description and first example say what is expected; the pattern is never shown.
  CHECK(only_error(R"({"pattern":"^[0-9]+$","description":"Digits only","examples":["42"]})", R"("12a")") ==
        "/: is not in the expected format: Digits only, e.g. \"42\"");
  CHECK(only_error(R"({"pattern":"^[0-9]+$","title":"Shop number"})", R"("x")") ==
        "/: is not in the expected format: Shop number");
  CHECK(check(R"({"pattern":"b"})", R"("abc")").empty());
  CHECK(only_error(R"({"pattern":"([a"})", R"("abc")") ==
        "/: schema error: the pattern of this field does not compile");
  CHECK(check(R"({"pattern":"^x"})", "42").empty());  // keywords for other types do not apply
}

TEST_CASE("format uri needs scheme://host and no blanks") {
  const char* schema = R"({"type":"string","format":"uri"})";
  CHECK(check(schema, R"("https://open-api.tiktokglobalshop.com")").empty());
  CHECK(check(schema, R"("http://127.0.0.1:8080/path?q=1")").empty());
  CHECK(only_error(schema, R"("open-api.tiktokglobalshop.com")") == "/: must be an absolute URI (scheme://host...)");
  CHECK(!check(schema, R"("https://")").empty());
  CHECK(!check(schema, R"("https://a b")").empty());
  CHECK(!check(schema, R"("1http://a")").empty());
}

TEST_CASE("numbers: minimum, maximum, exclusive bounds") {
  CHECK(check(R"({"minimum":0})", "0").empty());
  CHECK(only_error(R"({"minimum":0})", "-1") == "/: must be >= 0");
  CHECK(only_error(R"({"maximum":10})", "10.5") == "/: must be <= 10");
  CHECK(only_error(R"({"exclusiveMinimum":0})", "0") == "/: must be > 0");
  CHECK(check(R"({"exclusiveMinimum":0})", "0.001").empty());
  CHECK(only_error(R"({"exclusiveMaximum":5})", "5") == "/: must be < 5");
}

TEST_CASE("enum and const compare JSON values, numbers by value") {
  CHECK(check(R"({"enum":[1,"a",null]})", "1.0").empty());
  CHECK(check(R"({"enum":[{"a":[1]}]})", R"({"a":[1]})").empty());
  CHECK(only_error(R"({"enum":[1,"a",null]})", "2") == "/: must be one of 1, a, null");
  CHECK(check(R"({"const":1})", "1").empty());
  CHECK(only_error(R"({"const":1})", "2") == "/: must be 1");
}

TEST_CASE("$ref resolves into $defs - broken and cyclic refs are reported") {
  const char* schema = R"({"$defs":{"id":{"type":"string","pattern":"^[a-z]+$"}},
    "type":"object","properties":{"a":{"$ref":"#/$defs/id"},"b":{"$ref":"#/$defs/missing"}}})";
  CHECK(check(schema, R"({"a":"abc"})").empty());
  CHECK(only_error(schema, R"({"a":"ABC"})") == "/a: is not in the expected format");
  CHECK(only_error(schema, R"({"b":1})") == "/b: schema error: unresolvable $ref #/$defs/missing");
  const auto cyclic = check(R"({"$defs":{"x":{"$ref":"#/$defs/x"}},"$ref":"#/$defs/x"})", "1");
  REQUIRE(cyclic.size() == 1);
  CHECK(cyclic[0].message.find("too deeply") != std::string::npos);
}

TEST_CASE("boolean schemas and ignored keywords") {
  CHECK(check("true", "123").empty());
  CHECK(only_error("false", "123") == "/: is not allowed");
  CHECK(check(R"({"title":"t","description":"d","x-secret":true,"x-aliases":{"UK":"GB"},"writeOnly":true})",
              R"("anything")")
            .empty());
}

TEST_CASE("error messages never repeat the instance value") {
  const char* schema =
      R"({"type":"object","properties":{"app_secret":{"type":"string","maxLength":4,"pattern":"^[a-z]+$"}}})";
  const auto errors = check(schema, R"({"app_secret":"TOP-SECRET-VALUE"})");
  // One error: a string that fails maxLength is not run through its pattern (issue 15).
  REQUIRE(errors.size() == 1);
  for (const auto& e : errors) {
    CHECK(e.pointer == "/app_secret");
    CHECK(e.message.find("TOP-SECRET") == std::string::npos);
  }
}

TEST_CASE("defaults are readable and can be applied without overwriting") {
  const auto schema = json::parse(R"({"$defs":{"interval":{"type":"string","default":"15m"}},
    "type":"object","properties":{
      "sync_interval":{"$ref":"#/$defs/interval"},
      "rate":{"type":"number","default":50},
      "features":{"type":"object","properties":{"promotions":{"type":"boolean","default":false}}}}})");
  CHECK(ocean::json_schema::default_at(schema, "/sync_interval") == json::value("15m"));
  CHECK(ocean::json_schema::default_at(schema, "/features/promotions") == json::value(false));
  CHECK_FALSE(ocean::json_schema::default_at(schema, "/missing").has_value());

  json::value config = json::parse(R"({"rate":10,"features":{}})");
  ocean::json_schema::apply_defaults(schema, config);
  CHECK(config == json::parse(R"({"rate":10,"sync_interval":"15m","features":{"promotions":false}})"));
}

TEST_CASE("a string stops at its first failed bound - pattern and format are not run after it") {
  const char* schema = R"({"type":"string","minLength":2,"maxLength":4,"pattern":"^[a-z]+$","format":"uri"})";
  CHECK(only_error(schema, R"("TOO-LONG-VALUE")") == "/: must be at most 4 characters long");
  CHECK(only_error(schema, R"("A")") == "/: must be at least 2 characters long");
  CHECK(only_error(schema, R"("AB")") == "/: is not in the expected format");
  CHECK(only_error(R"({"type":"array","maxItems":1,"items":{"type":"string"},"uniqueItems":true})", "[1,1]") ==
        "/: must have at most 1 item(s)");
}

TEST_CASE("a pattern the matcher cannot take is a schema error, not a crash") {
  CHECK(only_error(R"({"pattern":"(?<=a)b"})", R"("ab")") ==
        "/: schema error: the pattern of this field does not compile");
  // ECMAScript lookahead works (the manifest schema uses it).
  CHECK(only_error(R"({"pattern":"^(?!core$)[a-z]+$"})", R"("core")") == "/: is not in the expected format");
  CHECK(check(R"({"pattern":"^(?!core$)[a-z]+$"})", R"("cores")").empty());
}

TEST_CASE("the Validator can be reused for many instances") {
  ocean::json_schema::Validator v(json::parse(R"({"type":"string","pattern":"^a"})"));
  for (int i = 0; i < 50; ++i) CHECK(v.validate(json::value("abc")).empty());
  CHECK(v.validate(json::value("xbc")).size() == 1);
}
