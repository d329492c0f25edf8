// array_element_spans: the exact text of each element of data.<list>[], or nullopt (and the
// caller serialises instead) whenever the text is not what it expects.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <string>

#include "transport/json_spans.hpp"

using ocean::tiktok::array_element_spans;

TEST_CASE("each element's text is cut out byte for byte, whatever it contains") {
  const std::string body =
      R"({"code":0,"message":"Success","data":{ "total_count" : 3, "orders" : [ {"id":"1","note":"a ] } [ { \" \\ tricky"},)"
      "\n  {\"id\":\"2\",\"items\":[[1,2],{\"x\":[]}],\"n\":-1.5e3,\"t\":true,\"z\":null} ,{\"id\":\"3\"}],"
      R"("next_page_token":"abc"},"request_id":"r"})";
  const auto spans = array_element_spans(body, {"data", "orders"});
  REQUIRE(spans.has_value());
  REQUIRE(spans->size() == 3);
  CHECK((*spans)[0] == R"({"id":"1","note":"a ] } [ { \" \\ tricky"})");
  CHECK((*spans)[1] == R"({"id":"2","items":[[1,2],{"x":[]}],"n":-1.5e3,"t":true,"z":null})");
  CHECK((*spans)[2] == R"({"id":"3"})");
  // Each piece is a JSON value equal to the parsed element.
  const auto parsed = boost::json::parse(body);
  for (std::size_t i = 0; i < spans->size(); ++i) {
    CHECK(boost::json::parse((*spans)[i]) == parsed.at("data").at("orders").at(i));
  }
}

TEST_CASE("an empty list gives no spans, and scalars in a list are cut too") {
  CHECK(array_element_spans(R"({"data":{"orders":[]}})", {"data", "orders"})->empty());
  const auto s = array_element_spans(R"({"data":{"ids":[1, "two",3.5 ,false]}})", {"data", "ids"});
  REQUIRE(s.has_value());
  CHECK(*s == std::vector<std::string_view>{"1", "\"two\"", "3.5", "false"});
}

TEST_CASE("anything unexpected answers nullopt rather than a wrong cut") {
  CHECK_FALSE(array_element_spans(R"({"data":{"products":[]}})", {"data", "orders"}));              // no such key
  CHECK_FALSE(array_element_spans(R"({"data":{"orders":{"a":1}}})", {"data", "orders"}));           // not an array
  CHECK_FALSE(array_element_spans(R"({"data":null})", {"data", "orders"}));                         // not an object
  CHECK_FALSE(array_element_spans(R"({"data":{"orders":[1],"orders":[2]}})", {"data", "orders"}));  // repeated key
  CHECK_FALSE(array_element_spans(R"({"data":{"orders":[{"id":"1"},)", {"data", "orders"}));        // truncated
  CHECK_FALSE(array_element_spans(R"({"data":{"orders":[{"id":"1"} {"id":"2"}]}})", {"data", "orders"}));  // no comma
  CHECK_FALSE(array_element_spans(R"({"data":{"orders":["unterminated]}})", {"data", "orders"}));
  CHECK_FALSE(array_element_spans("", {"data", "orders"}));
  CHECK_FALSE(array_element_spans("[]", {"data", "orders"}));
  // A key that only looks like the wanted one inside a string value is not taken for it.
  CHECK_FALSE(array_element_spans(R"({"x":"\"data\":{\"orders\":[1]}"})", {"data", "orders"}));
}
