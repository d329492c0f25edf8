// Small HTTP helpers the console's routes share: header and cookie lookup, query parsing, and
// answers that always carry the console's security headers (a strict Content-Security-Policy
// with no inline script, no framing, no caching, no referrer).
#pragma once

#include "serve_http.hpp"

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace erp_host::console {

// The value of the first header field `name` (case-insensitive), trimmed.
std::optional<std::string> header_value(std::string_view headers, std::string_view name);
// The value of cookie `name` from the Cookie header fields.
std::optional<std::string> cookie_value(std::string_view headers, std::string_view name);
// "/a/b?x=1&y=%20" -> {"x":"1","y":" "}; the last value of a repeated name wins.
std::map<std::string, std::string> query_params(std::string_view target);
// The path without the query.
std::string path_of(std::string_view target);

// The Content-Security-Policy every console answer carries.
extern const char* const kContentSecurityPolicy;

// Adds CSP, nosniff, frame and referrer denial and no-store to `answer`.
HttpAnswer& secured(HttpAnswer& answer);
HttpAnswer json_answer(int status, const boost::json::value& body);
// {"error": {"message": message}} (and "field" when one is named).
HttpAnswer error_answer(int status, const std::string& message, const std::string& field = "");

}  // namespace erp_host::console
