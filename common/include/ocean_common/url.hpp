// Percent-encoding and query strings, exactly as the TikTok Shop API reads them.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ocean::url {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 unreserved characters stay; everything else (including '+', '=', ',') is %XX.
std::string encode(std::string_view raw);

// %XX decodes; '+' decodes to a space, as Go and Java servers read query strings.
// Malformed escapes (a '%' not followed by two hex digits) are kept literally.
std::string decode(std::string_view encoded);

// Splits "a=1&b=2" into decoded pairs in their original order. Keys without '=' get "".
QueryParams parse_query(std::string_view raw_query);

// Joins pairs into "k=v&k=v" with both sides percent-encoded, in the given order.
std::string build_query(const QueryParams& params);

}  // namespace ocean::url
