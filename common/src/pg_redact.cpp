// Connection strings come in two forms (libpq "Connection Strings"): keyword=value pairs, where a
// value may be single-quoted with backslash escapes, and postgresql:// URIs, where the password sits
// between "user:" and "@" or in a password= query parameter. Both are redacted without parsing
// through libpq, so even a string libpq would refuse is safe to print.
#include <string>
#include <string_view>

#include "ocean_common/pg.hpp"

namespace ocean::pg {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end of a keyword value that starts at `at`: a quoted value ends at its closing quote.
std::size_t value_end(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '\'') {
    for (std::size_t i = at + 1; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == '\'') {
        return i + 1;
      }
    }
    return text.size();
  }
  std::size_t i = at;
  while (i < text.size() && !is_space(text[i])) ++i;
  return i;
}

std::string redact_keywords(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t key_start = i;
    while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
    std::string_view key = text.substr(key_start, i - key_start);
    std::size_t j = i;
    while (j < text.size() && is_space(text[j])) ++j;
    if (j < text.size() && text[j] == '=') {
      ++j;
      while (j < text.size() && is_space(text[j])) ++j;
      const std::size_t end = value_end(text, j);
      out.append(text.substr(key_start, j - key_start));
      out.append(key == "password" ? std::string_view("***") : text.substr(j, end - j));
      i = end;
    } else {
      out.append(text.substr(key_start, j - key_start));
      i = j;
    }
    while (i < text.size() && is_space(text[i])) out.push_back(text[i++]);
  }
  return out;
}

std::string redact_uri(std::string_view text) {
  std::string out(text);
  const std::size_t scheme_end = out.find("://");
  const std::size_t authority = scheme_end + 3;
  const std::size_t path = out.find_first_of("/?", authority);
  const std::size_t at = out.rfind('@', path == std::string::npos ? out.size() : path);
  if (at != std::string::npos && at > authority) {
    const std::size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p == 0 || (out[p - 1] != '?' && out[p - 1] != '&')) continue;
    const std::size_t end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

}  // namespace

std::string redact_conninfo(std::string_view conninfo) {
  if (conninfo.starts_with("postgresql://") || conninfo.starts_with("postgres://")) return redact_uri(conninfo);
  return redact_keywords(conninfo);
}

}  // namespace ocean::pg
