#include "ops/args.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

#include "neutral/time_format.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(std::string_view key, const std::string& what) {
  throw Failure(Status::invalid_argument, "request field '" + std::string(key) + "' " + what);
}

const json::value* find(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return (v == nullptr || v->is_null()) ? nullptr : v;
}

// Days since 1970-01-01 (proleptic Gregorian), via the RFC 3339 parser at midnight.
std::optional<std::int64_t> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto t = neutral::parse_time(std::string(s) + "T00:00:00Z");
  if (!t) return std::nullopt;
  // parse_time accepts day 31 in any month; a round trip rejects 2026-02-30 and friends.
  if (neutral::rfc3339(*t).substr(0, 10) != s) return std::nullopt;
  return *t / 86400;
}

}  // namespace

std::string req_string(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) bad(key, "is required");
  if (!v->is_string()) bad(key, "must be a string");
  if (v->as_string().empty()) bad(key, "must not be empty");
  return std::string(v->as_string());
}

std::string req_id(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  std::string id;
  if (v != nullptr && v->is_int64() && v->as_int64() >= 0) {
    id = std::to_string(v->as_int64());
  } else {
    id = req_string(o, key);
  }
  if (id.size() > 64 ||
      id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos) {
    bad(key, "must be an id of 1-64 letters, digits, '_' or '-'");
  }
  return id;
}

std::optional<std::string> opt_string(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) bad(key, "must be a string");
  return std::string(v->as_string());
}

std::optional<std::int64_t> opt_int(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->as_uint64());
  bad(key, "must be an integer");
}

bool opt_bool(const json::object& o, std::string_view key, bool fallback) {
  const auto* v = find(o, key);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) bad(key, "must be true or false");
  return v->as_bool();
}

std::vector<std::string> string_list(const json::object& o, std::string_view key, bool required) {
  std::vector<std::string> out;
  const auto* v = find(o, key);
  if (v == nullptr) {
    if (required) bad(key, "is required (an array of strings)");
    return out;
  }
  if (!v->is_array()) bad(key, "must be an array of strings");
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().empty()) bad(key, "must contain only non-empty strings");
    out.emplace_back(e.as_string());
  }
  if (required && out.empty()) bad(key, "must not be empty");
  return out;
}

std::string one_of(const json::object& o, std::string_view key, std::initializer_list<std::string_view> allowed,
                   const char* fallback) {
  const auto* v = find(o, key);
  if (v == nullptr) {
    if (fallback == nullptr) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      bad(key, "is required (one of " + list + ")");
    }
    return fallback;
  }
  if (v->is_string()) {
    for (auto a : allowed) {
      if (v->as_string() == a) return std::string(a);
    }
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  bad(key, "must be one of " + list);
}

std::optional<std::int64_t> opt_time(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64() && v->as_int64() >= 0) return v->as_int64();
  if (v->is_string()) {
    if (auto t = neutral::parse_time(v->as_string())) return *t;
  }
  bad(key, "must be an RFC 3339 UTC time (2026-11-25T08:30:00Z) or Unix seconds");
}

std::int64_t req_time(const json::object& o, std::string_view key) {
  auto t = opt_time(o, key);
  if (!t) bad(key, "is required (RFC 3339 UTC time or Unix seconds)");
  return *t;
}

std::int64_t req_date(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) bad(key, "is required (YYYY-MM-DD)");
  if (v->is_string()) {
    if (auto d = parse_date(v->as_string())) return *d;
  }
  bad(key, "must be a calendar date YYYY-MM-DD");
}

std::string date_string(std::int64_t days) { return neutral::rfc3339(days * 86400).substr(0, 10); }

const json::object& req_object(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) bad(key, "is required (an object)");
  if (!v->is_object()) bad(key, "must be an object");
  return v->as_object();
}

const json::array* opt_array(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) bad(key, "must be an array");
  return &v->as_array();
}

Paging paging(const json::object& o, int min, int max, int dflt) {
  Paging p{dflt, opt_string(o, "page_token").value_or("")};
  if (auto n = opt_int(o, "page_size")) {
    if (*n < min || *n > max)
      bad("page_size", "must be between " + std::to_string(min) + " and " + std::to_string(max));
    p.page_size = static_cast<int>(*n);
  }
  return p;
}

bool include_raw(const json::object& o) { return opt_bool(o, "include_raw", false); }

std::optional<Decimal> Decimal::parse(std::string_view s) {
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || frac.size() > 6 || (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  std::int64_t w = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    w = w * 10 + (c - '0');
  }
  std::int64_t f = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    const char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    f = f * 10 + (c - '0');
  }
  return Decimal{w * 1'000'000 + f};
}

std::string Decimal::str(int min_decimals) const {
  const std::int64_t abs = micros < 0 ? -micros : micros;
  std::string frac = std::to_string(abs % 1'000'000);
  frac.insert(0, 6 - frac.size(), '0');
  while (static_cast<int>(frac.size()) > min_decimals && frac.back() == '0') frac.pop_back();
  std::string out = (micros < 0 ? "-" : "") + std::to_string(abs / 1'000'000);
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::optional<Decimal> opt_decimal(const json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    if (auto d = Decimal::parse(v->as_string())) return d;
  } else if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() < 1'000'000'000'000) {
    return Decimal{v->as_int64() * 1'000'000};
  } else if (v->is_double() && v->as_double() >= 0 && v->as_double() < 1e12) {
    // A JSON number: accept it only when it has at most 6 decimals, so nothing is silently rounded.
    const double scaled = v->as_double() * 1e6;
    const double rounded = std::round(scaled);
    if (std::fabs(scaled - rounded) < 1e-3) return Decimal{static_cast<std::int64_t>(rounded)};
  }
  bad(key, "must be a non-negative decimal (a string such as \"12.50\") with at most 6 decimals");
}

Decimal req_decimal(const json::object& o, std::string_view key) {
  auto d = opt_decimal(o, key);
  if (!d) bad(key, "is required (a decimal string such as \"12.50\")");
  return *d;
}

std::optional<Decimal> api_decimal(const json::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_object()) {
    const auto* a = v->as_object().if_contains("amount");
    return a != nullptr ? api_decimal(a) : std::nullopt;
  }
  if (v->is_string()) return Decimal::parse(v->as_string());
  if (v->is_int64() && v->as_int64() >= 0) return Decimal{v->as_int64() * 1'000'000};
  return std::nullopt;
}

}  // namespace ocean::tiktok::ops
