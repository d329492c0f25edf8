#include "config/url_rules.hpp"

#include <algorithm>
#include <cctype>

namespace ocean::tiktok::url_rules {

std::optional<UrlParts> split(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  UrlParts p;
  p.scheme.assign(url.substr(0, sep));
  std::transform(p.scheme.begin(), p.scheme.end(), p.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest = url.substr(sep + 3);
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  p.rest = end == std::string_view::npos ? std::string() : std::string(rest.substr(end));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    p.has_userinfo = true;
    authority.remove_prefix(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    p.host.assign(authority.substr(0, close + 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty()) {
      if (authority.front() != ':') return std::nullopt;
      p.port.assign(authority.substr(1));
    }
  } else {
    const auto colon = authority.find(':');
    p.host.assign(authority.substr(0, colon));
    if (colon != std::string_view::npos) p.port.assign(authority.substr(colon + 1));
  }
  if (p.host.empty()) return std::nullopt;
  return p;
}

bool is_ip_literal(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  // Dotted digits (including short forms like 127.1) are IPv4 to every resolver.
  return !host.empty() &&
         std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; });
}

bool is_domain_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  std::string_view rest = host;
  while (true) {
    const auto dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (unsigned char c : label) {
      if (!std::isalnum(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  const bool last_all_digits = std::all_of(last.begin(), last.end(), [](unsigned char c) { return std::isdigit(c); });
  return labels >= 2 && !last_all_digits;
}

std::string webhook_url_problem(std::string_view url) {
  const auto parts = split(url);
  if (!parts) return "is not an absolute URL";
  if (parts->scheme != "https") return "must use https";
  if (parts->has_userinfo) return "must not carry user credentials";
  if (is_ip_literal(parts->host)) return "must use a domain name, not an IP address";
  if (!parts->port.empty()) return "must not name a port (the platform only calls the default https port)";
  if (!is_domain_name(parts->host)) return "host '" + parts->host + "' is not a valid domain name";
  if (url.size() > 255) return "is longer than 255 characters";
  return {};
}

std::string base_url_problem(std::string_view url) {
  const auto parts = split(url);
  if (!parts) return "is not an absolute URL";
  if (parts->scheme != "https") return "must use https (TLS verification is always on)";
  if (parts->has_userinfo) return "must not carry user credentials";
  if (!parts->port.empty()) {
    if (parts->port.size() > 5 ||
        !std::all_of(parts->port.begin(), parts->port.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return "has an invalid port";
    }
  }
  if (parts->rest.find_first_of("?#") != std::string::npos) return "must not have a query or fragment";
  return {};
}

}  // namespace ocean::tiktok::url_rules
