// Strict readers for JSON body fields: a field of the wrong type is a 36009004 naming the field, the
// way the real API answers ("Skus is a required field", reference §4).
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api_error.hpp"

namespace tts_sandbox::fields {

inline std::optional<std::int64_t> opt_int(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(it->value().as_uint64());
  }
  throw bad_param(std::string(key) + " must be an integer");
}

inline std::optional<std::string> opt_string(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) throw bad_param(std::string(key) + " must be a string");
  return std::string(it->value().as_string());
}

inline std::string req_string(const boost::json::object& o, const char* key) {
  auto v = opt_string(o, key);
  if (!v || v->empty()) throw bad_param(std::string(key) + " is a required field");
  return *v;
}

inline std::optional<bool> opt_bool(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) throw bad_param(std::string(key) + " must be a boolean");
  return it->value().as_bool();
}

inline std::optional<std::vector<std::string>> opt_string_array(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array()) throw bad_param(std::string(key) + " must be an array of strings");
  std::vector<std::string> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) throw bad_param(std::string(key) + " must be an array of strings");
    out.emplace_back(v.as_string());
  }
  return out;
}

inline const boost::json::array* opt_array(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  if (!it->value().is_array()) throw bad_param(std::string(key) + " must be an array");
  return &it->value().as_array();
}

inline const boost::json::object* opt_object(const boost::json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  if (!it->value().is_object()) throw bad_param(std::string(key) + " must be an object");
  return &it->value().as_object();
}

// "a,b,c" -> {a, b, c}; empty parts are errors.
inline std::vector<std::string> comma_list(const std::string& s, const char* name) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto comma = s.find(',', start);
    std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (part.empty()) throw bad_param(std::string(name) + " must be a comma-separated list of ids");
    out.push_back(std::move(part));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace tts_sandbox::fields
