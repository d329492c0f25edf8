// "Did you mean" for names a user typed: commands, options, accounts, capabilities.
#pragma once

#include <string>
#include <vector>

namespace erp_host {

// The candidate closest to `word` (edit distance, at most 2 and less than half the word's
// length), or "" when none is close or two are equally close.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace erp_host
