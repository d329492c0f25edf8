// The auth service (reference §3): auth code -> tokens, refresh token -> new tokens. Unsigned
// GETs with app_secret in the query, so the URL is never logged or put in a message.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "transport/api_client.hpp"
#include "transport/http_client.hpp"
#include "util/logger.hpp"
#include "util/timing.hpp"

namespace ocean::tiktok {

struct TokenGrant {
  store::TokenSet tokens;  // expiries are absolute Unix seconds, exactly as the service gives them
  std::string open_id;
  std::string seller_name;
  std::string seller_base_region;
  std::int64_t user_type = 0;
  std::vector<std::string> granted_scopes;
};

struct TokenClientSettings {
  std::string app_key;
  std::string app_secret;
  std::string auth_base_url;  // no trailing '/'
  RetryPolicy retry;
};

class TokenClient {
 public:
  TokenClient(TokenClientSettings settings, HttpClient& http, Logger& log, Timing timing);

  // Throw Failure: AUTH_REQUIRED for a refused code / refresh token / app credentials,
  // RETRY for transient trouble, PERMANENT for a malformed answer (nothing is kept then).
  TokenGrant exchange_code(const std::string& auth_code, std::int64_t now_s);
  TokenGrant refresh(const std::string& refresh_token, std::int64_t now_s);

  // Validates a token endpoint "data" object; exposed for tests of malformed answers.
  static TokenGrant parse_grant(const boost::json::value& data, std::int64_t now_s);

 private:
  TokenGrant request(const std::string& path, url::QueryParams query, std::int64_t now_s, const char* what);

  TokenClientSettings settings_;
  HttpClient& http_;
  Logger& log_;
  Timing timing_;
};

}  // namespace ocean::tiktok
