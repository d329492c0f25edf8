// One erp-host log record and its two spellings. Every line carries an RFC 3339 UTC timestamp
// (milliseconds), the level, the account ("-" / null for the host itself) and the component:
//   text: 2026-11-28T12:14:54.123Z [info] [shop-us] [sync] message
//   json: {"time":"2026-11-28T12:14:54.123Z","level":"info","account":"shop-us","component":"sync","message":"..."}
// Plugins pick their component through the ABI's unchanged log callback by starting a message
// with "[component] " (1-32 of [a-z0-9_.-]); their other lines are component "plugin".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace erp_host {

enum class LogFormat { text, json };

struct LogRecord {
  std::int64_t unix_ms = 0;
  std::int32_t level = 0;  // ocean_log_level
  std::string account;     // "" for the host itself
  std::string component;
  std::string message;  // one line (control characters already replaced), secrets already masked
};

// "2026-11-28T12:14:54.123Z".
std::string rfc3339_ms(std::int64_t unix_ms);
// The record as one line, '\n' included.
std::string format_log_line(const LogRecord& r, LogFormat format);
// Splits a plugin message's "[component] " prefix off; `fallback` when it has none.
std::pair<std::string, std::string> split_component(std::string_view message, std::string_view fallback);

}  // namespace erp_host
