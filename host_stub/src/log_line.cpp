#include "log_line.hpp"

#include "ocean/host/services.hpp"
#include "ocean_common/rfc3339.hpp"

#include <boost/json.hpp>

#include <cstdio>

namespace erp_host {

std::string rfc3339_ms(std::int64_t unix_ms) {
  const std::int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  const auto ms = static_cast<int>(unix_ms - seconds * 1000);
  std::string text = ocean::rfc3339::format_time(seconds);  // "...:SSZ"
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", ms);
  text.pop_back();
  return text + fraction;
}

std::string format_log_line(const LogRecord& r, LogFormat format) {
  const char* level = ocean::host::log_level_name(r.level);
  if (format == LogFormat::json) {
    boost::json::object o{{"time", rfc3339_ms(r.unix_ms)},
                          {"level", level},
                          {"account", r.account.empty() ? boost::json::value(nullptr) : boost::json::value(r.account)},
                          {"component", r.component},
                          {"message", r.message}};
    return boost::json::serialize(o) + "\n";
  }
  return rfc3339_ms(r.unix_ms) + " [" + level + "] [" + (r.account.empty() ? std::string("-") : r.account) + "] [" +
         r.component + "] " + r.message + "\n";
}

std::pair<std::string, std::string> split_component(std::string_view message, std::string_view fallback) {
  if (message.size() > 3 && message[0] == '[') {
    const auto close = message.find(']');
    if (close != std::string_view::npos && close >= 2 && close <= 33 && close + 1 < message.size() &&
        message[close + 1] == ' ') {
      const std::string_view name = message.substr(1, close - 1);
      bool ok = true;
      for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
      if (ok) return {std::string(name), std::string(message.substr(close + 2))};
    }
  }
  return {std::string(fallback), std::string(message)};
}

}  // namespace erp_host
