#include "ocean_common/rfc3339.hpp"

#include <charconv>
#include <cstdio>

namespace ocean::rfc3339 {
namespace {

bool is_leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(std::int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
}

// `n` ASCII digits at `pos` as a number, or nothing.
std::optional<unsigned> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return value;
}

// "YYYY-MM-DD" at the start of `s`, checked against the calendar.
std::optional<CivilDate> read_date(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  const CivilDate date{*y, *m, *d};
  if (!is_valid_date(date)) return std::nullopt;
  return date;
}

// The zone after the seconds (and fraction): "Z" is 0, "+HH:MM"/"-HH:MM" is the offset east of UTC
// in seconds; nothing when malformed or followed by anything.
std::optional<std::int64_t> read_offset(std::string_view zone) {
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  const auto h = digits(zone, 1, 2), m = digits(zone, 4, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const std::int64_t offset = static_cast<std::int64_t>(*h) * 3600 + static_cast<std::int64_t>(*m) * 60;
  return zone[0] == '+' ? offset : -offset;
}

}  // namespace

std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = static_cast<std::int64_t>(yoe) + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

bool is_valid_date(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::int64_t day_of(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / kSecondsPerDay;
  if (unix_seconds % kSecondsPerDay < 0) --days;
  return days;
}

std::string format_date(std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(date.year), date.month, date.day);
  return buf;
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto date = read_date(text);
  if (!date) return std::nullopt;
  return days_from_civil(*date);
}

std::string format_time(std::int64_t unix_seconds) {
  const std::int64_t days = day_of(unix_seconds);
  const std::int64_t rem = unix_seconds - days * kSecondsPerDay;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lldZ", static_cast<long long>(rem / 3600),
                static_cast<long long>((rem / 60) % 60), static_cast<long long>(rem % 60));
  return format_date(days) + buf;
}

std::optional<std::int64_t> parse_time(std::string_view s) {
  const auto date = read_date(s);
  if (!date || s.size() < 20 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  const auto h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (!h || !mi || !se || *h > 23 || *mi > 59 || *se > 60) return std::nullopt;
  std::size_t zone = 19;
  if (s[zone] == '.') {
    const std::size_t first = ++zone;
    while (zone < s.size() && s[zone] >= '0' && s[zone] <= '9') ++zone;
    if (zone == first) return std::nullopt;  // a '.' needs at least one digit
  }
  const auto offset = read_offset(s.substr(zone));
  if (!offset) return std::nullopt;
  return days_from_civil(*date) * kSecondsPerDay + static_cast<std::int64_t>(*h) * 3600 +
         static_cast<std::int64_t>(*mi) * 60 + *se - *offset;
}

std::optional<std::int64_t> parse_time_or_unix(std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    return value;
  }
  return parse_time(text);
}

}  // namespace ocean::rfc3339
