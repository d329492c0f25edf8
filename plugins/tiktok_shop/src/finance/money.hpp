// Exact money for finance: amounts arrive and leave as decimal strings ("-12.30", "150000") and are
// summed as signed integers in the currency's minor unit. No floating point anywhere.
// Thread-safety: free functions without state; any thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::finance {

// Minor-unit digits of an ISO 4217 currency of the supported regions: 0 for IDR, VND and JPY, 2 for
// the others (USD, GBP, EUR, SGD, MYR, THB, PHP, MXN, BRL, and any currency not listed).
int currency_decimals(std::string_view currency);

// Whether a shop region is in SEA (ID, SG, MY, TH, VN, PH), where Get Payments does not exist.
bool is_sea_region(std::string_view region);

// "-12.3" -> -1230 for 2 decimals. Accepts an optional leading '-', digits, and at most `decimals`
// fraction digits (fewer are padded: "12.3" = "12.30"); nullopt for anything else, or on overflow.
std::optional<std::int64_t> parse_minor(std::string_view text, int decimals);
// -1230 -> "-12.30" for 2 decimals, 150000 -> "150000" for 0.
std::string format_minor(std::int64_t minor, int decimals);

}  // namespace ocean::tiktok::finance
