#include "console/console_http.hpp"

#include "ocean_common/url.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

namespace erp_host::console {
namespace json = boost::json;

namespace {
bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `each(name, value)` for every "Name: value\r\n" line.
template <typename Each>
void for_each_field(std::string_view headers, Each each) {
  while (!headers.empty()) {
    const auto end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    if (const auto colon = line.find(':'); colon != std::string_view::npos)
      if (!each(line.substr(0, colon), trim(line.substr(colon + 1)))) return;
    if (end == std::string_view::npos) break;
    headers.remove_prefix(end + 2);
  }
}
}  // namespace

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

std::optional<std::string> header_value(std::string_view headers, std::string_view name) {
  std::optional<std::string> found;
  for_each_field(headers, [&](std::string_view n, std::string_view v) {
    if (!same_name(n, name)) return true;
    found = std::string(v);
    return false;
  });
  return found;
}

std::optional<std::string> cookie_value(std::string_view headers, std::string_view name) {
  std::optional<std::string> found;
  for_each_field(headers, [&](std::string_view n, std::string_view v) {
    if (!same_name(n, "cookie")) return true;
    while (!v.empty() && !found) {
      const auto semi = v.find(';');
      const std::string_view pair = trim(v.substr(0, semi));
      if (const auto eq = pair.find('='); eq != std::string_view::npos && pair.substr(0, eq) == name)
        found = std::string(pair.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      v.remove_prefix(semi + 1);
    }
    return !found;
  });
  return found;
}

std::map<std::string, std::string> query_params(std::string_view target) {
  std::map<std::string, std::string> out;
  const auto q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    std::string name = ocean::url::decode(pair.substr(0, eq));
    out[name] = eq == std::string_view::npos ? std::string() : ocean::url::decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

std::string path_of(std::string_view target) { return std::string(target.substr(0, target.find('?'))); }

HttpAnswer& secured(HttpAnswer& answer) {
  answer.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  answer.headers.emplace_back("X-Content-Type-Options", "nosniff");
  answer.headers.emplace_back("X-Frame-Options", "DENY");
  answer.headers.emplace_back("Referrer-Policy", "no-referrer");
  answer.headers.emplace_back("Cache-Control", "no-store");
  return answer;
}

HttpAnswer json_answer(int status, const json::value& body) {
  HttpAnswer a(status, json::serialize(body), "application/json; charset=utf-8");
  return secured(a);
}

HttpAnswer error_answer(int status, const std::string& message, const std::string& field) {
  json::object error{{"message", message}};
  if (!field.empty()) error["field"] = field;
  return json_answer(status, json::object{{"error", std::move(error)}});
}

}  // namespace erp_host::console
