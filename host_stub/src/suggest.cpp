#include "suggest.hpp"

#include <algorithm>

namespace erp_host {
namespace {
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  bool tie = false;  // two names equally close: no guess
  for (const auto& c : candidates) {
    const std::size_t d = distance(word, c);
    if (d * 2 >= std::max<std::size_t>(word.size(), 2) || d > best_distance) continue;
    if (d == best_distance) {
      tie = tie || !best.empty();
      continue;
    }
    best = c;
    best_distance = d;
    tie = false;
  }
  return tie ? std::string() : best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string near = closest(word, candidates);
  return near.empty() ? std::string() : " (did you mean '" + near + "'?)";
}

}  // namespace erp_host
