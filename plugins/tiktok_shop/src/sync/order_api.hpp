// The two order endpoints the mirror needs (reference §6, §8), with their answers checked for
// shape before anything is stored: a page that is not a page throws Failure(permanent), so the
// cursor does not move past data that was never read.
#pragma once
#include <boost/json/array.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "transport/api_client.hpp"

namespace ocean::tiktok::sync {

struct OrderFilter {
  std::optional<std::string> status;  // TikTok word
  std::optional<std::int64_t> update_time_ge, update_time_lt, create_time_ge, create_time_lt;
};

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

class OrderApi {
 public:
  OrderApi(ApiClient& api, std::function<std::string()> shop_cipher) : api_(api), cipher_(std::move(shop_cipher)) {}

  // Sorted by update_time ascending, so the watermark only ever moves forward within a run.
  Page search(const OrderFilter& f, const std::string& page_token, int page_size = kMaxPageSize);
  // Up to 50 ids; orders the API does not know are simply absent.
  boost::json::array get(const std::vector<std::string>& ids);

 private:
  ApiClient& api_;
  std::function<std::string()> cipher_;
};

// Shared by the order and product endpoints: data.<list_key>[] plus next_page_token. Takes the
// answer by value so the list is moved out of it, not copied.
Page read_page(boost::json::value data, const char* list_key, const char* what,
               std::shared_ptr<const std::string> body = nullptr);

}  // namespace ocean::tiktok::sync
