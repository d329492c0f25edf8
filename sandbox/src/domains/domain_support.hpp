// Helpers shared by the fulfillment, promotions, returns, affiliate and analytics domains: keyset paging
// over a materialised (key, id) list, strict sort/enum readers, stable per-id hashing and idempotency.
#pragma once
#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../api.hpp"
#include "../body_fields.hpp"
#include "../paging.hpp"
#include "../rng.hpp"

namespace tts_sandbox::support {

namespace json = boost::json;

// Percent bucket 0..99 of an id under a salt: the same id always falls in the same bucket, so decisions
// derived from it (is this order returned? attributed to a video?) never change between calls.
inline int bucket(const std::string& id, const char* salt) {
  return static_cast<int>(Rng::hash(id + "/" + salt) % 100);
}

struct PageResult {
  std::vector<std::string> ids;  // the ids of this page, in order
  std::string next_page_token;   // "" on the last page
  std::int64_t total = 0;
};

// Pages over `entries` (key, id) sorted by the caller's sort. The token remembers the last (key, id)
// returned, the sort it belongs to, the snapshot time and the total, like search_orders (orders.cpp):
// resuming after the last key means records changing between pages never shift the remaining pages.
// The caller filters out records updated after the snapshot when the key is an update time.
inline PageResult page_entries(std::vector<std::pair<std::int64_t, std::string>> entries, const std::string& sort,
                               bool ascending, int page_size, const std::optional<PageCursor>& cursor,
                               std::int64_t snapshot) {
  std::sort(entries.begin(), entries.end());
  if (!ascending) std::reverse(entries.begin(), entries.end());
  PageResult out;
  out.total = cursor ? cursor->total : static_cast<std::int64_t>(entries.size());
  std::size_t start = 0;
  if (cursor) {
    const std::pair<std::int64_t, std::string> last{cursor->key, cursor->id};
    start = static_cast<std::size_t>(
        std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return ascending ? e > last : e < last; }) -
        entries.begin());
  }
  const std::size_t end = std::min(entries.size(), start + static_cast<std::size_t>(page_size));
  for (std::size_t i = start; i < end; ++i) out.ids.push_back(entries[i].second);
  if (end < entries.size() && end > start) {
    const auto& last = entries[end - 1];
    out.next_page_token = encode_page_token(PageCursor{sort, last.first, last.second, snapshot, out.total});
  }
  return out;
}

// Decodes the page_token query (or body) value for `sort`; 36009004 when it is foreign or malformed.
inline std::optional<PageCursor> read_cursor(const std::optional<std::string>& token, const std::string& sort) {
  if (!token || token->empty()) return std::nullopt;
  auto c = decode_page_token(*token);
  if (!c || c->sort != sort) throw bad_param("page_token is invalid");
  return c;
}

inline bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
}

// A string enum field: absent -> nullopt, outside `allowed` -> 36009004 naming the field and value.
inline std::optional<std::string> opt_enum(const json::object& b, const char* key,
                                           std::initializer_list<const char*> allowed) {
  auto v = fields::opt_string(b, key);
  if (v && !one_of(*v, allowed)) throw bad_param(std::string(key) + " is invalid: " + *v);
  return v;
}

// A string array whose every element is one of `allowed`.
inline std::optional<std::vector<std::string>> opt_enum_array(const json::object& b, const char* key,
                                                              std::initializer_list<const char*> allowed) {
  auto v = fields::opt_string_array(b, key);
  if (v) {
    for (const auto& s : *v)
      if (!one_of(s, allowed)) throw bad_param(std::string(key) + " contains an invalid value: " + s);
  }
  return v;
}

inline bool contains(const std::optional<std::vector<std::string>>& list, const std::string& v) {
  return !list || std::find(list->begin(), list->end(), v) != list->end();
}

// Time window filters (Unix seconds): *_ge inclusive, *_lt exclusive; negative values are rejected.
struct TimeWindow {
  std::optional<std::int64_t> ge, lt;
  bool matches(std::int64_t t) const { return (!ge || t >= *ge) && (!lt || t < *lt); }
};
inline TimeWindow read_window(const json::object& b, const char* ge_key, const char* lt_key) {
  TimeWindow w{fields::opt_int(b, ge_key), fields::opt_int(b, lt_key)};
  if ((w.ge && *w.ge < 0) || (w.lt && *w.lt < 0)) throw bad_param("time filters must be non-negative Unix seconds");
  return w;
}

// sort_field / sort_order query parameters with their allowed values and defaults.
struct Sort {
  std::string field;
  bool ascending = false;
  std::string key() const { return field + (ascending ? ":ASC" : ":DESC"); }
};
inline Sort read_sort(const ContextBase& c, std::initializer_list<const char*> fields_allowed,
                      const char* default_field, const char* default_order) {
  Sort s;
  s.field = c.query("sort_field").value_or(default_field);
  const std::string order = c.query("sort_order").value_or(default_order);
  if (!one_of(s.field, fields_allowed)) throw bad_param("sort_field is invalid: " + s.field);
  if (order != "ASC" && order != "DESC") throw bad_param("sort_order must be ASC or DESC");
  s.ascending = order == "ASC";
  return s;
}

// Query idempotency_key of the return/cancellation decisions: required, 1-64 characters. A replay with
// the same key and the same request answers the stored result; the same key with another request is
// refused, so a retried call can never act twice.
struct IdempotencyStore {
  struct Entry {
    std::string fingerprint;
    json::value result;
  };
  std::map<std::string, Entry> entries;

  static std::string require_key(const ContextBase& c) {
    auto key = c.query("idempotency_key");
    if (!key || key->empty()) throw bad_param("idempotency_key is a required field");
    if (key->size() > 64) throw bad_param("idempotency_key must be at most 64 characters");
    return *key;
  }
  // Where the API takes the key as an option (returns and cancellations approve/reject): absent or
  // empty means no replay protection; TikTok takes up to 255 characters there.
  static std::optional<std::string> optional_key(const ContextBase& c) {
    auto key = c.query("idempotency_key");
    if (!key || key->empty()) return std::nullopt;
    if (key->size() > 255) throw bad_param("idempotency_key must be at most 255 characters");
    return *key;
  }
  // The stored result for a replay, nullptr for a new key; throws when the key belongs to another request.
  const json::value* replay(const std::string& key, const std::string& fingerprint) const {
    auto it = entries.find(key);
    if (it == entries.end()) return nullptr;
    if (it->second.fingerprint != fingerprint) {
      throw bad_param("idempotency_key was already used for a different request");
    }
    return &it->second.result;
  }
  void remember(const std::string& key, std::string fingerprint, json::value result) {
    entries[key] = Entry{std::move(fingerprint), std::move(result)};
  }
};

}  // namespace tts_sandbox::support
