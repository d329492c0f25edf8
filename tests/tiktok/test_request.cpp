// The one request reader: typed fields, errors naming the JSON path, unknown fields refused with a
// "did you mean", undeclared reads caught as programming errors, money never through a float.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "capability/request.hpp"
#include "util/status.hpp"

using namespace ocean::tiktok;
using capability::Request;
namespace json = boost::json;

namespace {

// The Failure's status and message for `fn`.
template <typename Fn>
std::pair<Status, std::string> failure_of(Fn&& fn) {
  try {
    fn();
  } catch (const Failure& f) {
    return {f.status(), f.what()};
  }
  return {Status::ok, ""};
}

}  // namespace

TEST_CASE("unknown fields are refused at every level, naming their path") {
  const json::object top = json::parse(R"({"title":"x","extra":1})").as_object();
  auto [s, msg] = failure_of([&] { Request r(top, {"title", "titles"}); });
  CHECK(s == Status::invalid_argument);
  CHECK(msg == "unknown request field 'extra'");

  const json::object nested =
      json::parse(R"({"products":[{"product_id":"1"},{"product_id":"2","sku_idd":"3"}]})").as_object();
  const Request r(nested, {"products"});
  std::tie(s, msg) = failure_of([&] { (void)r.objects("products", {"product_id", "sku_id"}); });
  CHECK(s == Status::invalid_argument);
  CHECK(msg == "unknown request field 'products[1].sku_idd' (did you mean 'sku_id'?)");

  const json::object none = json::parse(R"({"anything":true})").as_object();
  std::tie(s, msg) = failure_of([&] { Request n(none, {}); });
  CHECK(msg == "unknown request field 'anything'; this capability takes no fields");
}

TEST_CASE("typed readers name the field's path in every error") {
  const json::object o = json::parse(
                             R"({"pickup_slot":{"start_time":"soon"},"n":"7","flag":1,"ids":["a",""],
                                 "kind":"fulll","money":12.5,"when":"2026-02-30","id":"a/b"})")
                             .as_object();
  const Request r(o, {"pickup_slot", "n", "flag", "ids", "kind", "money", "when", "id", "missing"});
  const auto slot = r.object("pickup_slot", {"start_time", "end_time"});
  CHECK(failure_of([&] { slot.time("start_time"); }).second.find("'pickup_slot.start_time'") != std::string::npos);
  CHECK(failure_of([&] { slot.time("end_time"); }).second ==
        "request field 'pickup_slot.end_time' is required (an RFC 3339 time or Unix seconds)");
  CHECK(failure_of([&] { r.opt_int("n"); }).second == "request field 'n' must be an integer");
  CHECK(failure_of([&] { r.opt_bool("flag", false); }).second == "request field 'flag' must be true or false");
  CHECK(failure_of([&] { r.strings("ids", false); }).second ==
        "request field 'ids' must contain only non-empty strings");
  CHECK(failure_of([&] {
          r.one_of("kind", {"full", "incremental"}, nullptr);
        }).second == "request field 'kind' must be one of full, incremental (did you mean 'full'?)");
  CHECK(failure_of([&] { r.date("when"); }).second == "request field 'when' must be a calendar date YYYY-MM-DD");
  CHECK(failure_of([&] { r.id("id"); }).second.find("must be an id") != std::string::npos);
  CHECK(failure_of([&] { r.str("missing"); }).second == "request field 'missing' is required");
}

TEST_CASE("money is a decimal string or a whole number, never a fractional JSON number") {
  const json::object o = json::parse(R"({"a":"12.50","b":12,"c":12.5,"d":"-1","e":"1e3","f":"0.1234567"})").as_object();
  const Request r(o, {"a", "b", "c", "d", "e", "f"});
  CHECK(r.decimal("a").micros == 12'500'000);
  CHECK(r.decimal("b").micros == 12'000'000);
  for (const char* bad : {"c", "d", "e", "f"}) {
    INFO(bad);
    CHECK(failure_of([&] { r.decimal(bad); }).first == Status::invalid_argument);
  }
}

TEST_CASE("reading a field the handler did not declare is a programming error, not a silent null") {
  const json::object o = json::parse(R"({"status":"x"})").as_object();
  const Request r(o, {"status"});
  const auto [s, msg] = failure_of([&] { (void)r.opt_str("statuz"); });
  CHECK(s == Status::internal);
  CHECK(msg.find("does not declare") != std::string::npos);
}

TEST_CASE("closest_name suggests only names within two edits") {
  CHECK(capability::closest_name("statuss", {"status", "limit"}) == "status");
  CHECK(capability::closest_name("cursr", {"status", "cursor"}) == "cursor");
  CHECK(capability::closest_name("xyzzy", {"status", "cursor"}).empty());
}
