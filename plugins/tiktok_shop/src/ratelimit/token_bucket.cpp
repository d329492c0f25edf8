#include "ratelimit/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace ocean::tiktok {

TokenBucket::TokenBucket(double rate_per_second, double burst, std::int64_t now_ns)
    : rate_(rate_per_second),
      burst_(std::max(1.0, burst)),
      burst_fraction_(burst_ / rate_per_second),
      tokens_(burst_),
      last_ns_(now_ns) {}

void TokenBucket::refill(std::int64_t now_ns) {
  if (now_ns > last_ns_) {
    tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ns - last_ns_) * rate_ / 1e9);
    last_ns_ = now_ns;
  }
}

std::int64_t TokenBucket::wait_ns(std::int64_t now_ns) {
  refill(now_ns);
  if (tokens_ >= 1.0) return 0;
  return static_cast<std::int64_t>(std::ceil((1.0 - tokens_) * 1e9 / rate_));
}

void TokenBucket::take() { tokens_ -= 1.0; }

void TokenBucket::set_rate(double rate_per_second, std::int64_t now_ns) {
  refill(now_ns);
  rate_ = rate_per_second;
  burst_ = std::max(1.0, rate_per_second * burst_fraction_);
  tokens_ = std::min(tokens_, burst_);
}

}  // namespace ocean::tiktok
