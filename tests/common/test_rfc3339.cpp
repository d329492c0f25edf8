// The one RFC 3339 reader/writer (ocean_common/rfc3339.hpp) shared by the plugins and the sandbox.
#include "ocean_common/rfc3339.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace ocean::rfc3339;

namespace {
constexpr std::int64_t kNov1 = 1'761'955'200;  // 2025-11-01T00:00:00Z
}

TEST_CASE("rfc3339: UTC times with and without fractional seconds read as whole Unix seconds") {
  CHECK(parse_time("2025-11-01T00:00:00Z") == kNov1);
  CHECK(parse_time("2025-11-01T00:00:00.000Z") == kNov1);  // JavaScript's toISOString
  CHECK(parse_time("2025-11-01T00:00:00.999999999Z") == kNov1);
  CHECK(parse_time("2025-11-01t00:00:00z") == kNov1);
  CHECK(parse_time("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_time("1969-12-31T23:59:59Z") == -1);
}

TEST_CASE("rfc3339: offsets are normalised to UTC") {
  CHECK(parse_time("2025-11-01T07:00:00+07:00") == kNov1);
  CHECK(parse_time("2025-10-31T16:00:00-08:00") == kNov1);
  CHECK(parse_time("2025-11-01T05:30:00.250+05:30") == kNov1);
  CHECK(parse_time("2025-11-01T00:00:00+00:00") == kNov1);
  CHECK(parse_time("2025-11-01T00:00:00-00:00") == kNov1);
}

TEST_CASE("rfc3339: impossible dates and times are refused") {
  for (const char* bad : {"2026-02-31T00:00:00Z", "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                          "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
                          "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:61Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_time(bad));
  }
  CHECK(parse_time("2024-02-29T00:00:00Z"));  // a leap year
  CHECK(parse_time("2000-02-29T00:00:00Z"));  // divisible by 400
  CHECK_FALSE(parse_time("1900-02-29T00:00:00Z"));
  CHECK(parse_time("2016-12-31T23:59:60Z") == parse_time("2017-01-01T00:00:00Z"));  // leap second
}

TEST_CASE("rfc3339: malformed text is refused") {
  for (const char* bad :
       {"", "2025-11-01", "2025-11-01T00:00:00", "2025-11-01 00:00:00Z", "2025-11-01T00:00:00.Z",
        "2025-11-01T00:00:00+7:00", "2025-11-01T00:00:00+0700", "2025-11-01T00:00:00+24:00", "2025-11-01T00:00:00Zjunk",
        "2025-1-01T00:00:00Z", "+2025-11-01T00:00:00Z", "2025-11-01T00:00Z", "２０２５-11-01T00:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_time(bad));
  }
}

TEST_CASE("rfc3339: the writer gives UTC with Z and round-trips") {
  CHECK(format_time(kNov1) == "2025-11-01T00:00:00Z");
  CHECK(format_time(kNov1 + 8 * 3600 + 30 * 60 + 5) == "2025-11-01T08:30:05Z");
  CHECK(format_time(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_time(951'782'400) == "2000-02-29T00:00:00Z");
  for (std::int64_t t = -86'400 * 800; t < 86'400 * 800; t += 86'399)
    REQUIRE(parse_time(format_time(kNov1 + t)) == kNov1 + t);
}

TEST_CASE("rfc3339: calendar dates read and write as days since 1970-01-01") {
  CHECK(parse_date("1970-01-01") == 0);
  CHECK(parse_date("2025-11-01") == kNov1 / kSecondsPerDay);
  CHECK(format_date(kNov1 / kSecondsPerDay) == "2025-11-01");
  CHECK(format_date(-1) == "1969-12-31");
  CHECK_FALSE(parse_date("2026-02-31"));
  CHECK_FALSE(parse_date("2026-02-3"));
  CHECK_FALSE(parse_date("2026-02-03T00:00:00Z"));
  CHECK(day_of(-1) == -1);
  CHECK(day_of(kNov1 + 86'399) == kNov1 / kSecondsPerDay);
  const CivilDate date = civil_from_days(days_from_civil({2024, 2, 29}));
  CHECK(date.year == 2024);
  CHECK(date.month == 2);
  CHECK(date.day == 29);
  CHECK(is_valid_date({2024, 2, 29}));
  CHECK_FALSE(is_valid_date({2023, 2, 29}));
}

TEST_CASE("rfc3339: hosts may send Unix seconds as plain digits") {
  CHECK(parse_time_or_unix("1761955200") == kNov1);
  CHECK(parse_time_or_unix("2025-11-01T07:00:00+07:00") == kNov1);
  CHECK_FALSE(parse_time_or_unix("99999999999999999999999"));
  CHECK_FALSE(parse_time_or_unix("-5"));
  CHECK_FALSE(parse_time_or_unix("12a"));
}
