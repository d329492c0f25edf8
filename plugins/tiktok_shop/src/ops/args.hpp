// Readers and validators for capability requests (host JSON). Every problem throws
// Failure(invalid_argument) naming the field, BEFORE anything goes to the network: handlers read
// and check their whole request first, then call the API.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocean::tiktok::ops {

// A required non-empty string.
std::string req_string(const boost::json::object& o, std::string_view key);
// A required id that goes into a URL path: 1-64 of [A-Za-z0-9_-], nothing that could change the path.
std::string req_id(const boost::json::object& o, std::string_view key);
std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key);
bool opt_bool(const boost::json::object& o, std::string_view key, bool fallback);
// An array of non-empty strings; absent = empty (or an error when `required`).
std::vector<std::string> string_list(const boost::json::object& o, std::string_view key, bool required);
// One of `allowed` (exact spelling); `fallback` when absent (nullptr = required).
std::string one_of(const boost::json::object& o, std::string_view key, std::initializer_list<std::string_view> allowed,
                   const char* fallback);
// A time as RFC 3339 UTC ("2026-11-25T08:30:00Z") or Unix seconds (number or digit string).
std::int64_t req_time(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> opt_time(const boost::json::object& o, std::string_view key);
// A calendar date "YYYY-MM-DD" (a real date); returns days since 1970-01-01.
std::int64_t req_date(const boost::json::object& o, std::string_view key);
std::string date_string(std::int64_t days);
// The object under `key` (required) / the array under `key` (absent = empty).
const boost::json::object& req_object(const boost::json::object& o, std::string_view key);
const boost::json::array* opt_array(const boost::json::object& o, std::string_view key);

struct Paging {
  int page_size;
  std::string page_token;
};
// page_size within [min, max] (default `dflt`) and an optional page_token.
Paging paging(const boost::json::object& o, int min, int max, int dflt);

bool include_raw(const boost::json::object& o);

// Money and percentages as exact decimals: a non-negative decimal string ("12.5") or, for
// convenience, a JSON number; kept as an integer count of millionths so comparisons and sums
// never round.
struct Decimal {
  std::int64_t micros = 0;
  static std::optional<Decimal> parse(std::string_view text);  // "12", "12.345678"; no sign, no exponent
  std::string str(int min_decimals = 2) const;                 // "12.50"
  Decimal operator+(Decimal b) const { return Decimal{micros + b.micros}; }
  Decimal times(std::int64_t n) const { return Decimal{micros * n}; }
  auto operator<=>(const Decimal&) const = default;
};
Decimal req_decimal(const boost::json::object& o, std::string_view key);
std::optional<Decimal> opt_decimal(const boost::json::object& o, std::string_view key);
// Reads a money amount from an API object: {"amount": "1.00"} or a plain decimal string. nullopt
// when absent or not a decimal (the caller decides whether that is an error).
std::optional<Decimal> api_decimal(const boost::json::value* v);

}  // namespace ocean::tiktok::ops
