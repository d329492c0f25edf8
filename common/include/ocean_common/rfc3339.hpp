// Calendar dates and RFC 3339 times, the one reader and writer for the plugins and the sandbox.
//
// Reading accepts what RFC 3339 section 5.6 allows and what JavaScript's Date.toISOString writes:
// "2026-11-01T07:30:00Z", "2026-11-01T00:00:00.000Z" (any number of fraction digits, dropped:
// times are whole Unix seconds), "2026-11-01T07:30:00+07:00" (normalised to UTC), a lowercase
// "t"/"z". It refuses impossible dates (31 February, 29 February outside leap years), hours over
// 23, minutes over 59, seconds over 60 (60 is a leap second and reads as the next second) and
// anything else, with std::nullopt: the caller names its field in the error.
// Writing always gives UTC with a "Z" and no fraction: "2026-11-01T00:30:00Z".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::rfc3339 {

inline constexpr std::int64_t kSecondsPerDay = 86'400;

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);
// True when the day exists in that month of that year.
bool is_valid_date(const CivilDate& date);

// The day (since 1970-01-01) a Unix time falls on in UTC, rounding towards the past.
std::int64_t day_of(std::int64_t unix_seconds);

// "YYYY-MM-DD" <-> days since 1970-01-01.
std::string format_date(std::int64_t days);
std::optional<std::int64_t> parse_date(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" <-> Unix seconds.
std::string format_time(std::int64_t unix_seconds);
std::optional<std::int64_t> parse_time(std::string_view text);

// What hosts send in filters: an RFC 3339 time, or Unix seconds written as plain digits.
std::optional<std::int64_t> parse_time_or_unix(std::string_view text);

}  // namespace ocean::rfc3339
