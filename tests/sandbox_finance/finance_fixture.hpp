// Helpers for the finance domain tests: exact decimal parsing (no floating point), walking every page of
// a finance listing, and reading a shop by region from the sandbox.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sandbox_domains/domains_fixture.hpp"

namespace finance_test {

using namespace domains_test;

// Sixteen shops, one per supported region (US, GB, ID, SG, MY, TH, VN, PH, ES, IE, MX, DE, FR, IT, BR, JP),
// sixty orders each over the 30 days before 2026-01-01.
inline std::vector<std::string> finance_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> a{"--app",        kKey + ":" + kSecret + ":7123456789:https://erp.example.com/cb",
                             "--seed",       "11",
                             "--start-time", std::to_string(kStart),
                             "--shops",      "16",
                             "--orders",     "60"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

// The shop index of a region in the generated world (regions cycle in reference §10 order).
inline std::size_t shop_of(const std::string& region) {
  static const char* const kOrder[] = {"US", "GB", "ID", "SG", "MY", "TH", "VN", "PH",
                                       "ES", "IE", "MX", "DE", "FR", "IT", "BR", "JP"};
  for (std::size_t i = 0; i < 16; ++i)
    if (region == kOrder[i]) return i;
  FAIL("unknown region " << region);
  return 0;
}

// "-12.34" -> -1234 with `decimals` minor digits; the text must have exactly that many (or none when 0).
inline std::int64_t to_minor(const std::string& text, int decimals) {
  REQUIRE_FALSE(text.empty());
  const bool negative = text[0] == '-';
  std::string digits = negative ? text.substr(1) : text;
  const auto dot = digits.find('.');
  if (decimals == 0) {
    REQUIRE(dot == std::string::npos);
  } else {
    REQUIRE(dot != std::string::npos);
    REQUIRE(digits.size() - dot - 1 == static_cast<std::size_t>(decimals));
    digits.erase(dot, 1);
  }
  for (char c : digits) REQUIRE((c >= '0' && c <= '9'));
  const std::int64_t v = std::stoll(digits);
  return negative ? -v : v;
}

inline int decimals_of(const std::string& currency) {
  return currency == "IDR" || currency == "VND" || currency == "JPY" ? 0 : 2;
}

inline std::int64_t amount(const json::value& v, const std::string& currency) {
  return to_minor(str(v), decimals_of(currency));
}

// Every element of `list_key` over all pages of a GET finance listing.
inline std::vector<json::object> all_rows(TtsClient& c, const std::string& path, const std::string& list_key,
                                          ocean::url::QueryParams base, int page_size) {
  std::vector<json::object> rows;
  std::string token;
  for (int guard = 0; guard < 1000; ++guard) {
    auto q = base;
    q.emplace_back("page_size", std::to_string(page_size));
    if (!token.empty()) q.emplace_back("page_token", token);
    const auto d = ok(call(c, "GET", path, q));
    const auto& list = d.at(list_key).as_array();
    CHECK(static_cast<int>(list.size()) <= page_size);
    for (const auto& e : list) rows.push_back(e.as_object());
    token = str(d.at("next_page_token"));
    if (token.empty()) break;
  }
  return rows;
}

// Sum of the string members of an object (a breakdown), skipping nested objects (supplementary data).
inline std::int64_t sum_members(const json::object& o, const std::string& currency) {
  std::int64_t total = 0;
  for (const auto& kv : o)
    if (kv.value().is_string()) total += amount(kv.value(), currency);
  return total;
}

}  // namespace finance_test
