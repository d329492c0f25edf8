// The sandbox clock: Unix seconds that follow real time plus an offset tests can set or advance.
// Every time the sandbox reasons about (timestamps window, token expiry, order flow) comes from here;
// TLS certificates and the rate limiter use real time because clients measure those in real time.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>

namespace tts_sandbox {

class SandboxClock {
 public:
  std::int64_t now() const { return real_now() + offset_.load(); }
  void set(std::int64_t unix_seconds) { offset_.store(unix_seconds - real_now()); }
  void advance(std::int64_t seconds) { offset_.fetch_add(seconds); }
  void reset() { offset_.store(0); }

 private:
  static std::int64_t real_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::atomic<std::int64_t> offset_{0};
};

}  // namespace tts_sandbox
