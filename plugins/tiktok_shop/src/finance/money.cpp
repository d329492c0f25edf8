#include "finance/money.hpp"

#include <algorithm>
#include <limits>

namespace ocean::tiktok::finance {

int currency_decimals(std::string_view currency) {
  return currency == "IDR" || currency == "VND" || currency == "JPY" ? 0 : 2;
}

bool is_sea_region(std::string_view region) {
  return region == "ID" || region == "SG" || region == "MY" || region == "TH" || region == "VN" || region == "PH";
}

std::optional<std::int64_t> parse_minor(std::string_view text, int decimals) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty()) ||
      frac.size() > static_cast<std::size_t>(decimals))
    return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 10;
  std::int64_t v = 0;
  auto push = [&](char c) {
    if (c < '0' || c > '9' || v > kMax) return false;
    v = v * 10 + (c - '0');
    return true;
  };
  for (char c : whole)
    if (!push(c)) return std::nullopt;
  for (int i = 0; i < decimals; ++i)
    if (!push(static_cast<std::size_t>(i) < frac.size() ? frac[static_cast<std::size_t>(i)] : '0')) return std::nullopt;
  return negative ? -v : v;
}

std::string format_minor(std::int64_t minor, int decimals) {
  const bool negative = minor < 0;
  // Unsigned so the most negative value still prints.
  std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string out;  // built backwards, digit by digit
  int pos = 0;
  do {
    if (decimals > 0 && pos == decimals) out.push_back('.');
    out.push_back(static_cast<char>('0' + v % 10));
    v /= 10;
    ++pos;
  } while (v > 0 || pos <= decimals);
  if (negative) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace ocean::tiktok::finance
