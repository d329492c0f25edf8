// One page of a TikTok search answer (orders, products, ...): the items, the next page token and,
// where it could be cut out, each item's text as the API sent it. Shared by every search endpoint.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ocean::tiktok::tiktok_api {

struct Page {
  boost::json::array items;     // raw objects, each still to be parsed
  std::string next_page_token;  // "" = last page
  std::int64_t total_count = -1;
  // raw_items[i] is items[i]'s text as the API sent it, pointing into raw_body; empty when the
  // answer's text could not be cut up (then callers serialise the parsed object instead).
  std::vector<std::string_view> raw_items;
  std::shared_ptr<const std::string> raw_body;
};

inline constexpr int kMaxPageSize = 100;  // orders and products search (reference §6)
inline constexpr int kMaxIdsPerGet = 50;

// Shared by the order and product endpoints: data.<list_key>[] plus next_page_token. Takes the
// answer by value so the list is moved out of it, not copied.
Page read_page(boost::json::value data, const char* list_key, const char* what,
               std::shared_ptr<const std::string> body = nullptr);

}  // namespace ocean::tiktok::tiktok_api
