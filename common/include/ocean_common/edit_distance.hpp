// Levenshtein distance between two names: the measure behind every "did you mean" the host and
// the plugins print. Each caller keeps its own rule for which distance is close enough.
#pragma once

#include <cstddef>
#include <string_view>

namespace ocean::text {

std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace ocean::text
