#include "capability/request.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

#include "model/time_format.hpp"
#include "ocean_common/edit_distance.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::capability {
namespace json = boost::json;

namespace {

std::string joined(std::initializer_list<std::string_view> names) {
  std::string list;
  for (auto a : names) list += (list.empty() ? "" : ", ") + std::string(a);
  return list;
}

}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (auto c : candidates) {
    const std::size_t d = ocean::text::edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

json::object parse_request(std::string_view text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) throw Failure(Status::invalid_argument, "the request is not valid JSON: " + ec.message());
  if (!v.is_object()) throw Failure(Status::invalid_argument, "the request must be a JSON object");
  return std::move(v.as_object());
}

Request::Request(const json::object& object, std::vector<std::string_view> fields, std::string path)
    : object_(object), fields_(std::move(fields)), path_(std::move(path)) {
  for (const auto& member : object_) {
    const std::string_view key = member.key();
    if (std::find(fields_.begin(), fields_.end(), key) != fields_.end()) continue;
    std::string message = "unknown request field '" + path_of(key) + "'";
    if (const auto near = closest_name(key, fields_); !near.empty()) message += " (did you mean '" + near + "'?)";
    if (fields_.empty()) {
      message += (path_.empty() ? "; this capability takes no fields" : "; this object takes no fields");
    }
    throw Failure(Status::invalid_argument, message);
  }
}

std::string Request::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void Request::fail(std::string_view key, const std::string& what) const {
  throw Failure(Status::invalid_argument, "request field '" + path_of(key) + "' " + what);
}

const json::value* Request::find(std::string_view key) const {
  if (std::find(fields_.begin(), fields_.end(), key) == fields_.end()) {
    throw Failure(Status::internal,
                  "the handler reads request field '" + path_of(key) + "', which it does not declare");
  }
  const auto* v = object_.if_contains(key);
  return (v == nullptr || v->is_null()) ? nullptr : v;
}

bool Request::has(std::string_view key) const { return find(key) != nullptr; }

std::string Request::str(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) fail(key, "is required");
  if (!v->is_string()) fail(key, "must be a string");
  if (v->as_string().empty()) fail(key, "must not be empty");
  return std::string(v->as_string());
}

std::string Request::id(std::string_view key) const {
  const auto* v = find(key);
  std::string id = (v != nullptr && v->is_int64() && v->as_int64() >= 0) ? std::to_string(v->as_int64()) : str(key);
  if (id.size() > 64 ||
      id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos) {
    fail(key, "must be an id of 1-64 letters, digits, '_' or '-'");
  }
  return id;
}

std::optional<std::string> Request::opt_str(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) fail(key, "must be a string");
  return std::string(v->as_string());
}

std::optional<std::int64_t> Request::opt_int(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  fail(key, "must be an integer");
}

std::int64_t Request::int_in(std::string_view key, std::int64_t min, std::int64_t max, std::int64_t fallback) const {
  const auto* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
    fail(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v->as_int64();
}

bool Request::opt_bool(std::string_view key, bool fallback) const {
  const auto* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) fail(key, "must be true or false");
  return v->as_bool();
}

std::vector<std::string> Request::strings(std::string_view key, bool required) const {
  std::vector<std::string> out;
  const auto* v = find(key);
  if (v == nullptr) {
    if (required) fail(key, "is required (an array of strings)");
    return out;
  }
  if (!v->is_array()) fail(key, "must be an array of strings");
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().empty()) fail(key, "must contain only non-empty strings");
    out.emplace_back(e.as_string());
  }
  if (required && out.empty()) fail(key, "must not be empty");
  return out;
}

std::string Request::one_of(std::string_view key, std::initializer_list<std::string_view> allowed,
                            const char* fallback) const {
  const auto* v = find(key);
  if (v == nullptr) {
    if (fallback == nullptr) fail(key, "is required (one of " + joined(allowed) + ")");
    return fallback;
  }
  if (v->is_string()) {
    for (auto a : allowed) {
      if (v->as_string() == a) return std::string(a);
    }
    const std::vector<std::string_view> names(allowed);
    if (const auto near = closest_name(v->as_string(), names); !near.empty()) {
      fail(key, "must be one of " + joined(allowed) + " (did you mean '" + near + "'?)");
    }
  }
  fail(key, "must be one of " + joined(allowed));
}

std::optional<std::int64_t> Request::opt_time(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64() && v->as_int64() >= 0) return v->as_int64();
  if (v->is_string()) {
    if (auto t = model::parse_time(v->as_string())) return *t;
  }
  fail(key, "must be an RFC 3339 time (2026-11-25T08:30:00Z) or Unix seconds");
}

std::int64_t Request::time(std::string_view key) const {
  auto t = opt_time(key);
  if (!t) fail(key, "is required (an RFC 3339 time or Unix seconds)");
  return *t;
}

std::int64_t Request::date(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) fail(key, "is required (YYYY-MM-DD)");
  if (v->is_string()) {
    if (auto d = model::parse_date(v->as_string())) return *d;
  }
  fail(key, "must be a calendar date YYYY-MM-DD");
}

std::optional<model::Decimal> Request::opt_decimal(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    if (auto d = model::Decimal::parse(v->as_string())) return d;
  } else if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() < 1'000'000'000'000) {
    return model::Decimal{v->as_int64() * 1'000'000};
  }
  fail(key, "must be a non-negative decimal string such as \"12.50\" (at most 6 decimals) or a whole number");
}

model::Decimal Request::decimal(std::string_view key) const {
  auto d = opt_decimal(key);
  if (!d) fail(key, "is required (a decimal string such as \"12.50\")");
  return *d;
}

Request Request::object(std::string_view key, FieldList fields) const {
  auto r = opt_object(key, fields);
  if (!r) fail(key, "is required (an object)");
  return std::move(*r);
}

std::optional<Request> Request::opt_object(std::string_view key, FieldList fields) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) fail(key, "must be an object");
  return Request(v->as_object(), std::vector<std::string_view>(fields), path_of(key));
}

std::vector<Request> Request::objects(std::string_view key, FieldList fields, bool required) const {
  std::vector<Request> out;
  const auto* v = find(key);
  if (v == nullptr) {
    if (required) fail(key, "is required (an array of objects)");
    return out;
  }
  if (!v->is_array()) fail(key, "must be an array of objects");
  const auto& items = v->as_array();
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_path = path_of(key) + "[" + std::to_string(i) + "]";
    if (!items[i].is_object())
      throw Failure(Status::invalid_argument, "request field '" + item_path + "' must be an object");
    out.emplace_back(items[i].as_object(), std::vector<std::string_view>(fields), item_path);
  }
  if (required && out.empty()) fail(key, "must not be empty");
  return out;
}

Paging Request::paging(int min, int max, int dflt) const {
  Paging p{dflt, opt_str("page_token").value_or("")};
  if (auto n = opt_int("page_size")) {
    if (*n < min || *n > max)
      fail("page_size", "must be between " + std::to_string(min) + " and " + std::to_string(max));
    p.page_size = static_cast<int>(*n);
  }
  return p;
}

}  // namespace ocean::tiktok::capability
