// Token buckets per (app, shop, API path), refilled in real time (clients pace themselves in real time,
// whatever the sandbox clock says). Reference §9: 50 QPS per API per (app, shop) by default.
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "settings.hpp"

namespace tts_sandbox {

class RateLimiter {
 public:
  // True when the call may proceed (one token taken).
  bool allow(const std::string& key, const RateLimit& limit) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{limit.burst, now});
    Bucket& b = it->second;
    if (!fresh) {
      const double elapsed = std::chrono::duration<double>(now - b.last).count();
      b.tokens = std::min(limit.burst, b.tokens + elapsed * limit.per_second);
      b.last = now;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    buckets_.clear();
  }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace tts_sandbox
