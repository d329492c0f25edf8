// Signed calls to the TikTok Shop open API (reference §1.1) with classification (§4), retries
// and client-side pacing. Every API module (authorization, products, orders, ...) goes through
// ApiClient::call; it throws Failure with the host-facing status when the call does not succeed.
//
// Retry rules:
//   transient (5xx, 36009003/7, timeouts, resets): exponential backoff with jitter, only when safe:
//       reads (GET), calls marked idempotent (e.g. they carry an idempotency_key), or requests
//       the server provably never saw (connect failure). Otherwise RETRY goes to the host.
//   429 / 36009002: the rate limiter slows this API down and pauses it; retried (the gateway
//       refuses throttled calls before running them) until the attempts run out, then
//       RATE_LIMITED with retry_after_ms.
//   105002: the token provider refreshes once, then the call is repeated once.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <memory>
#include <string>

#include "ocean_common/url.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "transport/http_client.hpp"
#include "util/logger.hpp"
#include "util/metrics.hpp"
#include "util/timing.hpp"

namespace ocean::tiktok {

struct RetryPolicy {
  int max_attempts = 4;              // first try included
  std::int64_t base_delay_ms = 200;  // doubles each attempt
  std::int64_t max_delay_ms = 5'000;
};

struct ApiCall {
  std::string method = "GET";
  std::string path;                 // versioned path, e.g. "/authorization/202309/shops"
  url::QueryParams query;           // endpoint parameters (decoded values; empty ones are dropped)
  std::optional<std::string> body;  // exact JSON text to send; nullopt = no body
  // multipart/form-data (with its boundary) for uploads: such a body is never signed (reference §1.1).
  std::string content_type = "application/json";
  std::string shop_cipher;  // "" for APIs that take none
  bool idempotent = false;  // safe to repeat even though it writes
  // Use this token instead of the provider's (the authorized-shops call during connect).
  std::optional<std::string> access_token;
};

struct ApiResult {
  boost::json::value data;  // the envelope's "data" (null when absent)
  std::string request_id;
  int attempts = 0;
  std::shared_ptr<const std::string> body;  // the answer's text, for cutting records out as sent
};

// Where tokens come from; implemented by the account service.
class TokenProvider {
 public:
  virtual ~TokenProvider() = default;
  // The access token to send; throws Failure(auth_required) when the account is not connected.
  virtual std::string access_token() = 0;
  // The API said 105002 (expired): refresh now. false = could not (the account needs re-auth).
  virtual bool refresh_after_rejection() = 0;
  // The API refused the access token itself (invalid or revoked): the account needs re-authorization
  // now, so its status stops saying connected while every call fails.
  virtual void token_rejected(const std::string& reason) = 0;
};

struct ApiStats {
  std::uint64_t calls = 0;
  std::uint64_t http_requests = 0;
  std::uint64_t retries = 0;
  std::uint64_t throttled = 0;  // 429 / 36009002 answers seen
};

struct ApiClientSettings {
  std::string app_key;
  std::string app_secret;
  std::string api_base_url;  // no trailing '/'
  RetryPolicy retry;
};

class ApiClient {
 public:
  ApiClient(ApiClientSettings settings, HttpClient& http, RateLimiter& limiter, Timing timing, Logger& log,
            std::function<std::int64_t()> unix_seconds);

  void set_token_provider(TokenProvider* provider) { tokens_ = provider; }
  // Where calls, throttling and limiter waits are counted (null: nowhere). Outlives the client.
  void set_metrics(Metrics* metrics) { metrics_ = metrics; }

  // Throws Failure on every outcome other than success.
  ApiResult call(const ApiCall& call);

  ApiStats stats() const;

  // Full-jitter backoff for attempt n (1-based), within [base/2, min(cap, base * 2^(n-1))].
  std::int64_t backoff_ms(int attempt);

 private:
  ApiResult call_once_counted(const ApiCall& call);
  HttpResult send_once(const ApiCall& c, const std::string& body);
  void bump(std::uint64_t ApiStats::*counter);  // stats_, under stats_mutex_

  ApiClientSettings settings_;
  HttpClient& http_;
  RateLimiter& limiter_;
  Timing timing_;
  Logger& log_;
  std::function<std::int64_t()> unix_seconds_;
  TokenProvider* tokens_ = nullptr;
  Metrics* metrics_ = nullptr;
  mutable std::mutex stats_mutex_;
  ApiStats stats_;
  std::mt19937_64 rng_;
};

}  // namespace ocean::tiktok
