// Exact decimals for money and percentages: kept as an integer count of millionths, so sums and
// comparisons never round and nothing passes through a binary float.
#pragma once
#include <boost/json/value.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::model {

struct Decimal {
  std::int64_t micros = 0;
  // "12", "12.345678"; no sign, no exponent, at most 12 whole digits and 6 decimals.
  static std::optional<Decimal> parse(std::string_view text);
  std::string str(int min_decimals = 2) const;  // "12.50"
  Decimal operator+(Decimal b) const { return Decimal{micros + b.micros}; }
  Decimal times(std::int64_t n) const { return Decimal{micros * n}; }
  auto operator<=>(const Decimal&) const = default;
};

// Reads a money amount from an API answer: {"amount": "1.00"}, a decimal string or a whole JSON
// number. nullopt when absent or not a decimal (the caller decides whether that is an error).
std::optional<Decimal> api_decimal(const boost::json::value* v);

}  // namespace ocean::tiktok::model
