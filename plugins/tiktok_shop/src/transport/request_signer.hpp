// Turns an API call's own query parameters into the full signed query of reference §1.1:
// app_key, timestamp, shop_cipher (when the API is shop-scoped) and sign. The signature covers
// exactly the body bytes the transport will send, so callers pass the final body here.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "ocean_common/url.hpp"

namespace ocean::tiktok {

struct SigningKeys {
  std::string_view app_key;
  std::string_view app_secret;
};

struct UnsignedRequest {
  std::string_view path;         // "/order/202309/orders/search"
  url::QueryParams query;        // endpoint parameters; values decoded; empty values are dropped
  std::string_view shop_cipher;  // "" for APIs that must not carry one
  std::string_view body;         // exact bytes to send ("" = no body)
  bool multipart = false;        // multipart bodies are never signed
};

// The full query, signed, in the order it will be sent (common parameters first).
url::QueryParams sign_query(const SigningKeys& keys, const UnsignedRequest& req, std::int64_t timestamp_s);

// The APIs that reject a shop_cipher (reference §1.1, "must NOT be sent to ...").
bool path_takes_shop_cipher(std::string_view method, std::string_view path);

}  // namespace ocean::tiktok
