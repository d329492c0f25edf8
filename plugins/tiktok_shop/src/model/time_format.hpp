// Times for the neutral schemas and host requests, through the one RFC 3339 reader/writer shared
// with the sandbox (ocean_common/rfc3339.hpp): written as UTC "2026-11-25T08:30:00Z"; read with
// fractional seconds and offsets ("+07:00", normalised to UTC) accepted and impossible dates refused.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::model {

std::string rfc3339(std::int64_t unix_seconds);
// An RFC 3339 time or a plain integer of Unix seconds (what hosts send in filters).
std::optional<std::int64_t> parse_time(std::string_view text);
// "YYYY-MM-DD" for a count of days since 1970-01-01, and back (a real calendar date only).
std::string date_string(std::int64_t days);
std::optional<std::int64_t> parse_date(std::string_view text);

}  // namespace ocean::tiktok::model
