#include "model/time_format.hpp"

#include "ocean_common/rfc3339.hpp"

namespace ocean::tiktok::model {

std::string rfc3339(std::int64_t unix_seconds) { return ocean::rfc3339::format_time(unix_seconds); }

std::optional<std::int64_t> parse_time(std::string_view text) { return ocean::rfc3339::parse_time_or_unix(text); }

std::string date_string(std::int64_t days) { return ocean::rfc3339::format_date(days); }

std::optional<std::int64_t> parse_date(std::string_view text) { return ocean::rfc3339::parse_date(text); }

}  // namespace ocean::tiktok::model
