// RFC 3339 UTC strings for the neutral schemas ("2026-11-25T08:30:00Z"), from Unix seconds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::model {

std::string rfc3339(std::int64_t unix_seconds);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" or a plain integer of Unix seconds (what hosts send in filters).
std::optional<std::int64_t> parse_time(std::string_view text);
// "YYYY-MM-DD" for a count of days since 1970-01-01.
std::string date_string(std::int64_t days);

}  // namespace ocean::tiktok::model
