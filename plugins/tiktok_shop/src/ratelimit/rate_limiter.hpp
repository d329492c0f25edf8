// Client-side pacing so the plugin stays under TikTok's quota instead of bouncing off it:
// one token bucket per (shop, API) at the configured per-API rate, plus an optional bucket for
// the whole app. After a 429 the API's rate is halved (never below a tenth of the ceiling) and
// the API pauses; each success then wins back a little, up to the ceiling (AIMD).
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ratelimit/token_bucket.hpp"
#include "util/timing.hpp"

namespace ocean::tiktok {

struct RateLimitSettings {
  double per_api_per_second = 50.0;
  std::optional<double> per_app_per_second;
  // A bucket holds this many seconds' worth of calls, so bursts stay small.
  double burst_seconds = 0.2;
};

class RateLimiter {
 public:
  RateLimiter(RateLimitSettings settings, Timing timing);

  // The quota key of a path: numeric segments (ids) collapse, so
  // "/product/202309/products/123" and ".../456" share one API bucket.
  static std::string api_of(std::string_view path);

  // Blocks through the injected sleeper until a call may go; returns the nanoseconds waited.
  std::int64_t acquire(std::string_view shop, std::string_view path);

  // The server throttled this API: slow down, and pause it for `pause_ns` at least.
  void on_throttled(std::string_view shop, std::string_view path, std::int64_t pause_ns);
  void on_success(std::string_view shop, std::string_view path);

  double current_rate(std::string_view shop, std::string_view path);
  std::uint64_t throttle_count() const;

 private:
  struct ApiState {
    TokenBucket bucket;
    std::int64_t paused_until_ns = 0;
  };
  ApiState& state_for(const std::string& key, std::int64_t now_ns);

  RateLimitSettings settings_;
  Timing timing_;
  mutable std::mutex mutex_;
  std::map<std::string, ApiState> apis_;
  std::optional<TokenBucket> app_;
  std::uint64_t throttles_ = 0;
};

}  // namespace ocean::tiktok
