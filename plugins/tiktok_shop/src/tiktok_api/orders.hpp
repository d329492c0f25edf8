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

#include "tiktok_api/page.hpp"
#include "transport/api_client.hpp"

namespace ocean::tiktok::tiktok_api {

struct OrderFilter {
  std::optional<std::string> status;  // TikTok word
  std::optional<std::int64_t> update_time_ge, update_time_lt, create_time_ge, create_time_lt;
};

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

}  // namespace ocean::tiktok::tiktok_api
