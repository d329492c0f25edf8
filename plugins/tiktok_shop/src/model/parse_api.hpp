// Reads the API's order and product objects (reference §8) into store records, checking every
// field the store relies on. A bad object throws ParseError naming the field, so the caller can
// set that record aside (and keep its raw text) without stopping the page.
#pragma once
#include <boost/json/value.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

#include "model/records.hpp"

namespace ocean::tiktok::model {

class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `raw` is the object's text as the API sent it, kept as the record's raw_json; without it the
// parsed value is serialised again.
OrderRecord parse_order(const boost::json::value& order, std::string_view raw = {});
// Works for the full product (GET) and for the reduced search-result shape.
ProductRecord parse_product(const boost::json::value& product, std::string_view raw = {});

// A best-effort id for an object that failed to parse ("" when there is none).
std::string object_id(const boost::json::value& v);

}  // namespace ocean::tiktok::model
