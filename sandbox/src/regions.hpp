// Supported regions and their currencies (reference §10). GB, not UK.
#pragma once
#include <array>
#include <string_view>

namespace tts_sandbox {

struct RegionInfo {
  std::string_view code;
  std::string_view currency;
  int currency_decimals;  // minor-unit digits of the currency
  std::string_view city;
};

inline constexpr std::array<RegionInfo, 16> kRegions{{
    {"US", "USD", 2, "Los Angeles"},
    {"GB", "GBP", 2, "London"},
    {"ID", "IDR", 0, "Jakarta"},
    {"SG", "SGD", 2, "Singapore"},
    {"MY", "MYR", 2, "Kuala Lumpur"},
    {"TH", "THB", 2, "Bangkok"},
    {"VN", "VND", 0, "Ho Chi Minh City"},
    {"PH", "PHP", 2, "Manila"},
    {"ES", "EUR", 2, "Madrid"},
    {"IE", "EUR", 2, "Dublin"},
    {"MX", "MXN", 2, "Mexico City"},
    {"DE", "EUR", 2, "Berlin"},
    {"FR", "EUR", 2, "Paris"},
    {"IT", "EUR", 2, "Milan"},
    {"BR", "BRL", 2, "Sao Paulo"},
    {"JP", "JPY", 0, "Tokyo"},
}};

inline const RegionInfo* find_region(std::string_view code) {
  for (const auto& r : kRegions)
    if (r.code == code) return &r;
  return nullptr;
}

}  // namespace tts_sandbox
