#include "suggest.hpp"

#include <algorithm>

#include "ocean_common/edit_distance.hpp"

namespace erp_host {

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  bool tie = false;  // two names equally close: no guess
  for (const auto& c : candidates) {
    const std::size_t d = ocean::text::edit_distance(word, c);
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
