#include "settings.hpp"

#include <cstdlib>

namespace tts_sandbox {

bool parse_rate_limit(const std::string& text, RateLimit& out) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0) return false;
  const std::string number = text.substr(0, slash);
  const std::string unit = text.substr(slash + 1);
  char* end = nullptr;
  const double n = std::strtod(number.c_str(), &end);
  if (end == nullptr || *end != '\0' || !(n > 0) || n > 1e9) return false;
  if (unit == "s" || unit == "sec") {
    out.per_second = n;
    out.burst = n < 1 ? 1 : n;
  } else if (unit == "min" || unit == "m") {
    // A per-minute quota refills continuously; one second's worth (at least one call) may burst.
    out.per_second = n / 60.0;
    out.burst = out.per_second < 1 ? 1 : out.per_second;
  } else {
    return false;
  }
  return true;
}

}  // namespace tts_sandbox
