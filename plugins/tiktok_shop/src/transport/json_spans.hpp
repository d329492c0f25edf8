// Finds, in JSON text, the exact bytes of each element of the array at a path of object keys,
// e.g. {"data", "orders"} in a search answer.
//
// Why: the mirror keeps each order as TikTok sent it. Cutting the element out of the answer
// keeps it byte for byte and costs a scan, where serialising the parsed value again rebuilt
// 270 kB of text per page of orders (and normalised it on the way).
//
// The text is expected to have parsed already; still, every step is bounds-checked, and
// anything unexpected (a missing or repeated key, a non-array, truncated or malformed text)
// answers nullopt, so the caller falls back to serialising the parsed value.
#pragma once
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace ocean::tiktok {

std::optional<std::vector<std::string_view>> array_element_spans(std::string_view json,
                                                                 std::initializer_list<std::string_view> path);

}  // namespace ocean::tiktok
