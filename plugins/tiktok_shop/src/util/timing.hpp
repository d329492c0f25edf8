// Time for pacing (rate limits, backoff). Injected so tests run instantly: a test's sleeper
// advances the test's monotonic clock instead of blocking.
#pragma once
#include <cstdint>
#include <functional>

namespace ocean::tiktok {

struct Timing {
  std::function<std::int64_t()> monotonic_ns;
  std::function<void(std::int64_t ns)> sleep_ns;

  // std::chrono::steady_clock and std::this_thread::sleep_for.
  static Timing real();
};

}  // namespace ocean::tiktok
