// Issue 15, item 2: an API answer that repeats a key (for example "data" written once plainly and
// once as "d\u0061ta") made Boost.JSON keep one copy while the raw-text fast path (json_spans)
// cut the orders out of the other, so an order's stored raw JSON could be another order's. Now
// such an answer is refused as malformed, and the spans compare keys decoded as the parser does.
// The differential below checks, on generated answers full of repeats and escapes, that
// whenever both paths produce orders they produce the same ones.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <random>
#include <string>

#include "transport/classify.hpp"
#include "transport/json_spans.hpp"

namespace json = boost::json;
using ocean::tiktok::array_element_spans;
using ocean::tiktok::parse_envelope;
using ocean::tiktok::repeated_key;

namespace {
// The two paths must agree: every span the fast path cuts equals the element the parser kept.
void check_agreement(const std::string& body) {
  INFO(body);
  const auto envelope = parse_envelope(body);
  const auto spans = array_element_spans(body, {"data", "orders"});
  if (!envelope.valid || !spans) return;  // refused, or the caller serialises the parsed value
  const auto* orders = envelope.data.is_object() ? envelope.data.as_object().if_contains("orders") : nullptr;
  REQUIRE(orders != nullptr);
  REQUIRE(orders->is_array());
  REQUIRE(spans->size() == orders->as_array().size());
  for (std::size_t i = 0; i < spans->size(); ++i) CHECK(json::parse((*spans)[i]) == orders->as_array()[i]);
}

// A key as TikTok might write it, or with some characters escaped.
std::string spelled(const std::string& key, std::mt19937& gen) {
  std::string out = "\"";
  for (char c : key) {
    if (gen() % 3 == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

std::string orders(std::mt19937& gen, int first_id) {
  std::string out = "[";
  const int n = static_cast<int>(gen() % 3);
  for (int i = 0; i < n; ++i) {
    out += (i ? "," : "") + std::string("{") + spelled("id", gen) + ":\"" + std::to_string(first_id + i) + "\"";
    if (gen() % 4 == 0) out += "," + spelled("id", gen) + ":\"dup\"";
    out += "}";
  }
  return out + "]";
}

// {"code":0, then 1-3 "data" members (some spelled with escapes), each with 1-2 "orders".
std::string answer(std::mt19937& gen) {
  std::string out = R"({"code":0,"message":"Success")";
  const int datas = 1 + static_cast<int>(gen() % 3);
  for (int d = 0; d < datas; ++d) {
    out += "," + spelled("data", gen) + ":{";
    const int lists = 1 + static_cast<int>(gen() % 2);
    for (int l = 0; l < lists; ++l)
      out += (l ? "," : "") + spelled("orders", gen) + ":" + orders(gen, 100 * d + 10 * l);
    out += "}";
  }
  return out + R"(,"request_id":"r"})";
}
}  // namespace

TEST_CASE("an answer with data written twice, once escaped, is refused - never stored as the other copy") {
  const std::string body =
      R"({"code":0,"data":{"orders":[{"id":"A"}]},"d\u0061ta":{"orders":[{"id":"B"}]},"request_id":"r"})";
  const auto envelope = parse_envelope(body);
  CHECK_FALSE(envelope.valid);
  CHECK(envelope.problem == "response repeats the key /data");
  CHECK_FALSE(array_element_spans(body, {"data", "orders"}).has_value());
  check_agreement(body);
}

TEST_CASE("repeated keys are found at any depth, escapes decoded, and named by JSON pointer") {
  CHECK(repeated_key(R"({"data":{"orders":[{"id":"1"},{"id":"2","i\u0064":"3"}]}})") == "/data/orders/1/id");
  CHECK(repeated_key(R"({"a/b":1,"a\/b":2})") == "/a~1b");
  CHECK(repeated_key(R"({"\ud83d\ude00":1,"😀":2})") == "/😀");
  CHECK_FALSE(repeated_key(R"({"code":0,"data":{"orders":[{"id":"1","x":{"id":"2"}}],"id":3}})"));
  CHECK_FALSE(repeated_key(R"([{"a":1},{"a":2}])"));  // the same key in two objects is fine
}

TEST_CASE("the fast path finds a key the answer spells with escapes, as the parser does") {
  const std::string body = R"({"code":0,"d\u0061ta":{"\u006frders":[{"id":"1"},{"id":"2"}]}})";
  const auto spans = array_element_spans(body, {"data", "orders"});
  REQUIRE(spans.has_value());
  CHECK(spans->size() == 2);
  check_agreement(body);
}

TEST_CASE("differential: parser and raw-text spans agree on 20,000 answers full of repeats and escapes") {
  std::mt19937 gen(15);
  for (int i = 0; i < 20000; ++i) check_agreement(answer(gen));
}
