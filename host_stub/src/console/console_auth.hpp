// Who may use the console. One login token (the host secret "console_token", e.g. from
// OCEAN_SECRET_CONSOLE_TOKEN) opens a session: a random id in an HttpOnly SameSite=Strict cookie
// and a random CSRF token the page sends back in X-CSRF-Token on every state-changing request.
// The login token itself never leaves the server; sessions expire after kIdle without use.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace erp_host::console {

inline constexpr const char* kCookieName = "ocean_console";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class ConsoleAuth {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::hours kIdle{8};
  static constexpr std::size_t kMaxSessions = 64;
  static constexpr int kMaxFailuresPerMinute = 10;

  explicit ConsoleAuth(std::string login_token);

  enum class LoginResult { ok, wrong_token, too_many_attempts };
  // On ok, `session_id` is set: the cookie value.
  LoginResult login(std::string_view token, std::string& session_id);
  void logout(const std::string& session_id);

  // The CSRF token of a live session (refreshing its idle time), nullopt when there is none.
  std::optional<std::string> csrf_of(const std::string& session_id);
  // True when `sent` is the CSRF token of the live session `session_id` (constant time).
  bool csrf_matches(const std::string& session_id, std::string_view sent);

  // "ocean_console=ID; Path=/console; HttpOnly; SameSite=Strict" (Max-Age=0 to clear).
  static std::string cookie(const std::string& session_id);
  static std::string clearing_cookie();

 private:
  struct Session {
    std::string csrf;
    Clock::time_point last_used;
  };
  void purge(Clock::time_point now);

  std::string token_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
  Clock::time_point window_start_{};
  int failures_in_window_ = 0;
};

// 32 random bytes as 64 hex digits.
std::string random_token();

}  // namespace erp_host::console
