// What every operations domain needs: the signed API client, the account (for the shop cipher),
// the ops store, the host and the config. Plus small readers for API answers, which are checked
// for shape: a malformed answer is Failure(permanent) naming the field, never a guess.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "model/decimal.hpp"
#include "model/time_format.hpp"
#include "ocean_common/url.hpp"
#include "transport/api_client.hpp"
#include "transport/http_client.hpp"
#include "util/host.hpp"
#include "util/logger.hpp"

namespace ocean::tiktok {
class AccountService;
}

namespace ocean::tiktok::store {
class OpsStore;
class LiveRegistry;
class OrderNotes;
}  // namespace ocean::tiktok::store

namespace ocean::tiktok::ops {

// Money and dates, read the same way in every domain.
using model::api_decimal;
using model::date_string;
using model::Decimal;

struct OpsContext {
  ApiClient& api;
  AccountService& accounts;
  store::OpsStore& store;
  store::OrderNotes& notes;  // ERP order numbers set on TikTok, the carrier map
  store::LiveRegistry& live_registry;
  HttpClient& downloads;  // same transport as the API (TLS verified, same CA bundle), for doc_url
  Host& host;
  const Config& config;
  Logger& log;
  std::string account_id;
  std::string data_dir;

  std::int64_t now_s() { return host.wall_ms() / 1000; }
  // The connected shop's id ("" when not connected).
  std::string shop_id();

  // A shop-scoped call; returns the envelope's data (an object; null becomes {}).
  boost::json::object call(const std::string& method, const std::string& path, url::QueryParams query = {},
                           const std::optional<boost::json::object>& body = std::nullopt, bool idempotent = false);
};

// Readers over API answers. `what` names the endpoint in error messages.
std::string api_string(const boost::json::object& o, std::string_view key);  // "" when absent; numbers as text
std::int64_t api_int(const boost::json::object& o, std::string_view key);    // 0 when absent; digit strings ok
const boost::json::array& api_array(const boost::json::object& o, std::string_view key, std::string_view what);
const boost::json::object& api_object(const boost::json::value& v, std::string_view what);

// A list answer: items plus paging, the shape every *.search capability returns.
boost::json::object page_response(boost::json::array items, const boost::json::object& data);

}  // namespace ocean::tiktok::ops
