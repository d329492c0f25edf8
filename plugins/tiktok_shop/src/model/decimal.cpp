#include "model/decimal.hpp"

#include <boost/json/object.hpp>

namespace ocean::tiktok::model {

std::optional<Decimal> Decimal::parse(std::string_view s) {
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || frac.size() > 6 || (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  std::int64_t w = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    w = w * 10 + (c - '0');
  }
  std::int64_t f = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    const char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    f = f * 10 + (c - '0');
  }
  return Decimal{w * 1'000'000 + f};
}

std::string Decimal::str(int min_decimals) const {
  const std::int64_t abs = micros < 0 ? -micros : micros;
  std::string frac = std::to_string(abs % 1'000'000);
  frac.insert(0, 6 - frac.size(), '0');
  while (static_cast<int>(frac.size()) > min_decimals && frac.back() == '0') frac.pop_back();
  std::string out = (micros < 0 ? "-" : "") + std::to_string(abs / 1'000'000);
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::optional<Decimal> api_decimal(const boost::json::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_object()) {
    const auto* a = v->as_object().if_contains("amount");
    return a != nullptr ? api_decimal(a) : std::nullopt;
  }
  if (v->is_string()) return Decimal::parse(v->as_string());
  if (v->is_int64() && v->as_int64() >= 0) return Decimal{v->as_int64() * 1'000'000};
  return std::nullopt;
}

}  // namespace ocean::tiktok::model
