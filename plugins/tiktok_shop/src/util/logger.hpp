// Logging through the host with a last line of defence: every secret the core knows about is
// registered here and masked out of any message, so a formatting slip cannot leak one.
#pragma once
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/host.hpp"

namespace ocean::tiktok {

class Logger {
 public:
  explicit Logger(Host& host) : host_(host) {}

  // Registers a value that must never appear in a log line. Short values are ignored because
  // masking them would garble ordinary text; real secrets are long.
  void add_secret(std::string_view value);
  void forget_secrets();

  // Replaces every registered secret in `text` with "***".
  std::string redact(std::string_view text) const;

  void log(LogLevel level, std::string_view message);
  void debug(std::string_view m) { log(LogLevel::debug, m); }
  void info(std::string_view m) { log(LogLevel::info, m); }
  void warn(std::string_view m) { log(LogLevel::warn, m); }
  void error(std::string_view m) { log(LogLevel::error, m); }

 private:
  Host& host_;
  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;
};

}  // namespace ocean::tiktok
