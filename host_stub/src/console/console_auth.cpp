#include "console/console_auth.hpp"

#include "ocean_common/crypto.hpp"

#include <algorithm>

namespace erp_host::console {

std::string random_token() { return ocean::crypto::to_hex(ocean::crypto::random_bytes(32)); }

ConsoleAuth::ConsoleAuth(std::string login_token) : token_(std::move(login_token)) {}

void ConsoleAuth::purge(Clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = now - it->second.last_used > kIdle ? sessions_.erase(it) : std::next(it);
  while (sessions_.size() >= kMaxSessions) {  // the least recently used goes
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.last_used < b.second.last_used;
    });
    sessions_.erase(oldest);
  }
}

ConsoleAuth::LoginResult ConsoleAuth::login(std::string_view token, std::string& session_id) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (now - window_start_ > std::chrono::minutes(1)) {
    window_start_ = now;
    failures_in_window_ = 0;
  }
  // Guessing is slowed down for everyone: the token is long and random, so this costs nothing else.
  if (failures_in_window_ >= kMaxFailuresPerMinute) return LoginResult::too_many_attempts;
  if (token_.empty() || !ocean::crypto::constant_time_equals(token, token_)) {
    ++failures_in_window_;
    return LoginResult::wrong_token;
  }
  purge(now);
  session_id = random_token();
  sessions_[session_id] = Session{random_token(), now};
  return LoginResult::ok;
}

void ConsoleAuth::logout(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_id);
}

std::optional<std::string> ConsoleAuth::csrf_of(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  const auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_used > kIdle) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second.csrf;
}

bool ConsoleAuth::csrf_matches(const std::string& session_id, std::string_view sent) {
  const auto csrf = csrf_of(session_id);
  return csrf && !sent.empty() && ocean::crypto::constant_time_equals(*csrf, sent);
}

std::string ConsoleAuth::cookie(const std::string& session_id) {
  return std::string(kCookieName) + "=" + session_id + "; Path=/console; HttpOnly; SameSite=Strict";
}

std::string ConsoleAuth::clearing_cookie() {
  return std::string(kCookieName) + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0";
}

}  // namespace erp_host::console
