// A token bucket on a caller-supplied clock: `rate` tokens per second, holding at most `burst`.
#pragma once
#include <cstdint>

namespace ocean::tiktok {

class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst, std::int64_t now_ns);

  // Nanoseconds until one token is available (0 = now).
  std::int64_t wait_ns(std::int64_t now_ns);
  // Takes one token; call only when wait_ns() returned 0.
  void take();

  // Changes the rate (adaptive slow-down and recovery); the burst scales with it.
  void set_rate(double rate_per_second, std::int64_t now_ns);
  double rate() const { return rate_; }

 private:
  void refill(std::int64_t now_ns);

  double rate_;
  double burst_;
  double burst_fraction_;
  double tokens_;
  std::int64_t last_ns_;
};

}  // namespace ocean::tiktok
