#include "util/logger.hpp"

#include <algorithm>

namespace ocean::tiktok {

void Logger::add_secret(std::string_view value) {
  if (value.size() < 6) return;
  std::lock_guard lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), value) == secrets_.end()) secrets_.emplace_back(value);
}

void Logger::forget_secrets() {
  std::lock_guard lock(mutex_);
  secrets_.clear();
}

std::string Logger::redact(std::string_view text) const {
  std::string out(text);
  std::lock_guard lock(mutex_);
  for (const auto& s : secrets_) {
    for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 3)) {
      out.replace(pos, s.size(), "***");
    }
  }
  return out;
}

void Logger::log(LogLevel level, std::string_view message) { host_.log(level, redact(message)); }

}  // namespace ocean::tiktok
