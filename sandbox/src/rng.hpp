// Deterministic random numbers for the data generator (splitmix64): the same --seed gives the same
// shops, products and orders on every platform, unlike std distributions whose output may vary.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tts_sandbox {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  // A stream derived from a seed and a label, so each shop/domain has its own independent sequence
  // and adding a new domain never changes the data of existing ones.
  Rng(std::uint64_t seed, std::string_view label) : state_(seed ^ hash(label)) { next(); }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (inclusive); the tiny modulo bias is irrelevant for test data.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0) < p; }
  // A numeric id string of `digits` digits that never starts with 0 (TikTok ids look like this).
  std::string digits(int count) {
    std::string s;
    s.push_back(static_cast<char>('1' + next() % 9));
    for (int i = 1; i < count; ++i) s.push_back(static_cast<char>('0' + next() % 10));
    return s;
  }
  std::string alnum(int count) {
    static constexpr char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < count; ++i) s.push_back(chars[next() % 62]);
    return s;
  }

  static std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
  }

 private:
  std::uint64_t state_;
};

}  // namespace tts_sandbox
