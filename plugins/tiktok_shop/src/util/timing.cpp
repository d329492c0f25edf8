#include "util/timing.hpp"

#include <chrono>
#include <thread>

namespace ocean::tiktok {

Timing Timing::real() {
  return Timing{[] {
                  return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                       std::chrono::steady_clock::now().time_since_epoch())
                                                       .count());
                },
                [](std::int64_t ns) {
                  if (ns > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
                }};
}

}  // namespace ocean::tiktok
