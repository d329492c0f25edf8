#include "ratelimit/rate_limiter.hpp"

#include <algorithm>
#include <cctype>

namespace ocean::tiktok {
namespace {

std::string key_of(std::string_view shop, std::string_view path) {
  std::string k(shop);
  k += '|';
  k += RateLimiter::api_of(path);
  return k;
}

// A version segment like "202309" is also all digits, but it is part of the API's identity.
bool is_id_segment(std::string_view seg, std::size_t index) {
  return index >= 2 && !seg.empty() &&
         std::all_of(seg.begin(), seg.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

RateLimiter::RateLimiter(RateLimitSettings settings, Timing timing) : settings_(settings), timing_(std::move(timing)) {
  if (settings_.per_app_per_second) {
    app_.emplace(*settings_.per_app_per_second, *settings_.per_app_per_second * settings_.burst_seconds,
                 timing_.monotonic_ns());
  }
}

std::string RateLimiter::api_of(std::string_view path) {
  std::string out;
  std::size_t index = 0;
  std::string_view rest = path;
  while (!rest.empty()) {
    if (rest.front() == '/') rest.remove_prefix(1);
    const auto slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    out += '/';
    out += is_id_segment(seg, index) ? std::string_view("{id}") : seg;
    ++index;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash);
  }
  return out;
}

RateLimiter::ApiState& RateLimiter::state_for(const std::string& key, std::int64_t now_ns) {
  auto it = apis_.find(key);
  if (it == apis_.end()) {
    const double r = settings_.per_api_per_second;
    it = apis_.emplace(key, ApiState{TokenBucket(r, r * settings_.burst_seconds, now_ns), 0}).first;
  }
  return it->second;
}

std::int64_t RateLimiter::acquire(std::string_view shop, std::string_view path) {
  const std::string key = key_of(shop, path);
  std::int64_t waited = 0;
  while (true) {
    std::int64_t wait = 0;
    {
      std::lock_guard lock(mutex_);
      const std::int64_t now = timing_.monotonic_ns();
      ApiState& st = state_for(key, now);
      wait = std::max<std::int64_t>(0, st.paused_until_ns - now);
      wait = std::max(wait, st.bucket.wait_ns(now));
      if (app_) wait = std::max(wait, app_->wait_ns(now));
      if (wait == 0) {
        st.bucket.take();
        if (app_) app_->take();
        return waited;
      }
    }
    timing_.sleep_ns(wait);
    waited += wait;
  }
}

void RateLimiter::on_throttled(std::string_view shop, std::string_view path, std::int64_t pause_ns) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = timing_.monotonic_ns();
  ApiState& st = state_for(key_of(shop, path), now);
  const double floor = settings_.per_api_per_second / 10.0;
  st.bucket.set_rate(std::max(floor, st.bucket.rate() / 2.0), now);
  st.paused_until_ns = std::max(st.paused_until_ns, now + std::max<std::int64_t>(pause_ns, 0));
  ++throttles_;
}

void RateLimiter::on_success(std::string_view shop, std::string_view path) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = timing_.monotonic_ns();
  ApiState& st = state_for(key_of(shop, path), now);
  const double ceiling = settings_.per_api_per_second;
  if (st.bucket.rate() < ceiling) {
    st.bucket.set_rate(std::min(ceiling, st.bucket.rate() + ceiling / 50.0), now);
  }
}

double RateLimiter::current_rate(std::string_view shop, std::string_view path) {
  std::lock_guard lock(mutex_);
  return state_for(key_of(shop, path), timing_.monotonic_ns()).bucket.rate();
}

std::uint64_t RateLimiter::throttle_count() const {
  std::lock_guard lock(mutex_);
  return throttles_;
}

}  // namespace ocean::tiktok
