#include <catch2/catch.hpp>

#include "ocean_common/url.hpp"

TEST_CASE("percent-encoding round-trips '=', '+', ',' and UTF-8") {
  const std::string raw = "a=b+c,d/é";
  CHECK(ocean::url::encode(raw) == "a%3Db%2Bc%2Cd%2F%C3%A9");
  CHECK(ocean::url::decode(ocean::url::encode(raw)) == raw);
}

TEST_CASE("query parsing decodes and keeps order - '+' is a space") {
  const auto q = ocean::url::parse_query("page_token=abc%3D%3D&ids=1%2C2&x=a+b&flag&bad=%zz");
  REQUIRE(q.size() == 5);
  CHECK(q[0] == std::pair<std::string, std::string>{"page_token", "abc=="});
  CHECK(q[1].second == "1,2");
  CHECK(q[2].second == "a b");
  CHECK(q[3] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(q[4].second == "%zz");
}
