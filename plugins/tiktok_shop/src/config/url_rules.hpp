// URL checks for configuration fields, kept apart from the field plumbing.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::url_rules {

struct UrlParts {
  std::string scheme;  // lowercased
  std::string host;    // as written (an IPv6 literal keeps its brackets)
  std::string port;    // "" when absent
  std::string rest;    // path + query + fragment, "" when absent
  bool has_userinfo = false;
};

// Splits an absolute URL; nullopt when it is not "scheme://authority...".
std::optional<UrlParts> split(std::string_view url);

bool is_ip_literal(std::string_view host);

// A DNS name: dot-separated labels of letters, digits and '-', at least two labels, the last
// one not all digits.
bool is_domain_name(std::string_view host);

// Empty when the webhook URL is acceptable to the platform (https, a domain name, no IP address,
// no port; reference §7), else the reason.
std::string webhook_url_problem(std::string_view url);

// Empty when `url` can be a base URL for API calls: https with a host and nothing after the
// authority except an optional path prefix. Ports and IPs are fine here (overrides for tests).
std::string base_url_problem(std::string_view url);

}  // namespace ocean::tiktok::url_rules
