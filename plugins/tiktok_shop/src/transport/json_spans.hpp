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
#include <string>
#include <string_view>
#include <vector>

namespace ocean::tiktok {

// Keys are compared as the parser compares them, escapes decoded ("d\u0061ta" is "data").
std::optional<std::vector<std::string_view>> array_element_spans(std::string_view json,
                                                                 std::initializer_list<std::string_view> path);

// The JSON pointer of the first member whose key repeats an earlier key of the same object
// (escapes decoded), e.g. "/data" for {"data":{...},"d\u0061ta":{...}}; nullopt when none does.
// Boost.JSON keeps one copy of a repeated key and this file's spans would find another, so an
// answer with a repeated key is refused as malformed (parse_envelope) before either is used:
// the stored raw text of an order can never be another order's.
std::optional<std::string> repeated_key(std::string_view json);

}  // namespace ocean::tiktok
