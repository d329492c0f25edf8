// The one reader of capability requests (host JSON). Every handler reads its request through a
// Request, never through boost::json directly, so that:
//   - every problem is Failure(invalid_argument) naming the field by its JSON path
//     ("products[2].skus[0].price"), raised BEFORE anything goes to the network: handlers read and
//     check their whole request first, then call the API;
//   - an object may carry only the fields its reader declares: an unknown field ("statuss") is
//     refused when the Request is built, with a "did you mean 'status'?" when a declared name is
//     close. The router builds the top-level Request from the capability's row; nested objects are
//     read with object()/objects(), which take their own field lists;
//   - a handler that reads a field it did not declare is a programming error (Failure(internal)),
//     so a declared list can never silently fall behind its handler.
// Thread-safety: a Request is used by one thread, for the duration of one capability call.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.hpp"

namespace ocean::tiktok::capability {

// The field names one JSON object of a request may carry.
using FieldList = std::initializer_list<std::string_view>;

struct Paging {
  int page_size;
  std::string page_token;
};

class Request {
 public:
  // Refuses (INVALID_ARGUMENT) any member of `object` that is not in `fields`. `path` is the
  // object's JSON path ("" for the request itself). `object` and `fields` must outlive this view.
  Request(const boost::json::object& object, std::vector<std::string_view> fields, std::string path = "");

  // A required non-empty string.
  std::string str(std::string_view key) const;
  // A required id that goes into a URL path: 1-64 of [A-Za-z0-9_-] (a JSON integer is taken as its digits).
  std::string id(std::string_view key) const;
  std::optional<std::string> opt_str(std::string_view key) const;
  std::optional<std::int64_t> opt_int(std::string_view key) const;
  // An integer within [min, max]; `fallback` when absent.
  std::int64_t int_in(std::string_view key, std::int64_t min, std::int64_t max, std::int64_t fallback) const;
  bool opt_bool(std::string_view key, bool fallback) const;
  // An array of non-empty strings; absent = empty (or an error when `required`).
  std::vector<std::string> strings(std::string_view key, bool required) const;
  // One of `allowed` (exact spelling); `fallback` when absent (nullptr = required).
  std::string one_of(std::string_view key, std::initializer_list<std::string_view> allowed, const char* fallback) const;
  // A time as RFC 3339 ("2026-11-25T08:30:00Z", fractions and offsets allowed) or Unix seconds.
  std::int64_t time(std::string_view key) const;
  std::optional<std::int64_t> opt_time(std::string_view key) const;
  // A calendar date "YYYY-MM-DD" (a real date); returns days since 1970-01-01.
  std::int64_t date(std::string_view key) const;
  // Money and percentages: a non-negative decimal string ("12.50") or a JSON integer; never a
  // fractional JSON number (it would have passed through a binary float).
  model::Decimal decimal(std::string_view key) const;
  std::optional<model::Decimal> opt_decimal(std::string_view key) const;

  // The object under `key`, itself limited to `fields`: required / absent = nullopt.
  Request object(std::string_view key, FieldList fields) const;
  std::optional<Request> opt_object(std::string_view key, FieldList fields) const;
  // The array of objects under `key`, each limited to `fields`; absent = empty (or an error when
  // `required`).
  std::vector<Request> objects(std::string_view key, FieldList fields, bool required = false) const;
  // Whether the request has a (non-null) value under `key`.
  bool has(std::string_view key) const;

  // page_size within [min, max] (default `dflt`) and an optional page_token.
  Paging paging(int min, int max, int dflt) const;
  bool include_raw() const { return opt_bool("include_raw", false); }

  // The JSON path of `key` in this object, for a handler's own error messages.
  std::string path_of(std::string_view key) const;
  // Throws Failure(invalid_argument) naming `key`'s path: "<path> <what>".
  [[noreturn]] void fail(std::string_view key, const std::string& what) const;
  // The object itself (for handlers that forward a checked sub-object as is).
  const boost::json::object& json() const { return object_; }

 private:
  const boost::json::value* find(std::string_view key) const;

  const boost::json::object& object_;
  std::vector<std::string_view> fields_;
  std::string path_;
};

// Parses a request text into an object (an empty text is {}); Failure(invalid_argument) otherwise.
boost::json::object parse_request(std::string_view text);

// The closest of `candidates` to `word` within an edit distance of 2, or "" when none is.
std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace ocean::tiktok::capability
