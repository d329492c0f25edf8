#include "transport/api_client.hpp"

#include <algorithm>
#include <cstdlib>

#include "transport/request_signer.hpp"
#include "transport/classify.hpp"
#include "util/call_trace.hpp"
#include "util/status.hpp"

namespace ocean::tiktok {
namespace {

bool carries_idempotency_key(const ApiCall& c) {
  return std::any_of(c.query.begin(), c.query.end(),
                     [](const auto& kv) { return kv.first == "idempotency_key" && !kv.second.empty(); });
}

// Retry-After in seconds, when a proxy or a future API version sends one.
std::int64_t retry_after_header_ms(const HttpResult& r) {
  const auto it = r.headers.find("retry-after");
  if (it == r.headers.end()) return 0;
  char* end = nullptr;
  const long long s = std::strtoll(it->second.c_str(), &end, 10);
  return (end != it->second.c_str() && s > 0 && s < 3600) ? s * 1000 : 0;
}

}  // namespace

ApiClient::ApiClient(ApiClientSettings settings, HttpClient& http, RateLimiter& limiter, Timing timing, Logger& log,
                     std::function<std::int64_t()> unix_seconds)
    : settings_(std::move(settings)),
      http_(http),
      limiter_(limiter),
      timing_(std::move(timing)),
      log_(log),
      unix_seconds_(std::move(unix_seconds)),
      rng_(std::random_device{}()) {}

ApiStats ApiClient::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

std::int64_t ApiClient::backoff_ms(int attempt) {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const std::int64_t ceiling = std::min(settings_.retry.max_delay_ms, settings_.retry.base_delay_ms << shift);
  const std::int64_t floor = std::min(ceiling, settings_.retry.base_delay_ms / 2);
  std::uniform_int_distribution<std::int64_t> dist(floor, std::max(floor, ceiling));
  return dist(rng_);
}

void ApiClient::bump(std::uint64_t ApiStats::*counter) {
  std::lock_guard lock(stats_mutex_);
  ++(stats_.*counter);
}

// One signed request, after the rate limiter lets it go. Throws Failure when no token is there.
HttpResult ApiClient::send_once(const ApiCall& c, const std::string& body) {
  const std::string token = c.access_token       ? *c.access_token
                            : tokens_ != nullptr ? tokens_->access_token()
                                                 : throw Failure(Status::auth_required, "no account is connected");
  const std::int64_t waited_ns = limiter_.acquire(c.shop_cipher, c.path);
  if (metrics_ != nullptr) metrics_->rate_limit_wait_ns(waited_ns);
  const bool multipart = c.content_type.rfind("multipart/form-data", 0) == 0;  // never signed
  UnsignedRequest unsigned_req{c.path, c.query, c.shop_cipher, body, multipart};
  const auto query = sign_query({settings_.app_key, settings_.app_secret}, unsigned_req, unix_seconds_());
  HttpRequest req;
  req.method = c.method;
  req.url = settings_.api_base_url + c.path + "?" + url::build_query(query);
  // content-type on every call, GET included (reference §1.1); the token only in the header.
  req.headers = {{"content-type", c.content_type}, {"x-tts-access-token", token}};
  req.body = body;
  HttpResult http = http_.perform(req);
  bump(&ApiStats::http_requests);
  return http;
}

// Every call is counted once, by API (ids collapsed, so the label set stays small) and outcome.
ApiResult ApiClient::call(const ApiCall& c) {
  try {
    ApiResult r = call_once_counted(c);
    if (metrics_ != nullptr) metrics_->api_call(RateLimiter::api_of(c.path), "ok");
    return r;
  } catch (const Failure& f) {
    if (metrics_ != nullptr) metrics_->api_call(RateLimiter::api_of(c.path), status_name(f.status()));
    throw;
  }
}

ApiResult ApiClient::call_once_counted(const ApiCall& c) {
  bump(&ApiStats::calls);
  const bool safe_to_repeat = c.method == "GET" || c.idempotent || carries_idempotency_key(c);
  const std::string& shop_key = c.shop_cipher;  // rate limits are per (app, shop, API)
  const std::string body = c.body.value_or(std::string());
  bool refreshed = false;

  for (int attempt = 1;; ++attempt) {
    HttpResult http = send_once(c, body);
    Envelope env = http.error == TransportError::none ? parse_envelope(http.body) : Envelope{};
    const Verdict v = classify(http, env);
    call_trace::note_call(env.request_id);
    log_.debug("[api] " + c.method + " " + c.path + " -> HTTP " + std::to_string(http.status) +
               (env.valid ? " code " + std::to_string(env.code) : std::string()) + " attempt " +
               std::to_string(attempt) + (env.request_id.empty() ? std::string() : " request_id " + env.request_id));

    switch (v.disposition) {
      case Disposition::success:
        limiter_.on_success(shop_key, c.path);
        return ApiResult{std::move(env.data), env.request_id, attempt,
                         std::make_shared<const std::string>(std::move(http.body))};

      case Disposition::token_expired:
        if (!refreshed && !c.access_token && tokens_ != nullptr) {
          refreshed = true;
          if (tokens_->refresh_after_rejection()) {
            --attempt;  // the refresh round does not spend the retry budget
            continue;
          }
        }
        throw Failure(Status::auth_required, v.message + "; the access token could not be refreshed");

      case Disposition::rate_limited: {
        bump(&ApiStats::throttled);
        if (metrics_ != nullptr) metrics_->api_throttled();
        const std::int64_t pause_ms = std::max(retry_after_header_ms(http), backoff_ms(attempt));
        limiter_.on_throttled(shop_key, c.path, pause_ms * 1'000'000);
        if (attempt >= settings_.retry.max_attempts) {
          throw Failure(Status::rate_limited, v.message + " (gave up after " + std::to_string(attempt) + " attempts)",
                        pause_ms);
        }
        bump(&ApiStats::retries);
        continue;  // the limiter's pause makes the next acquire wait
      }

      case Disposition::transient: {
        if (!(safe_to_repeat || v.request_not_sent)) {
          throw Failure(
              Status::retry,
              v.message +
                  " (not retried automatically: this write carries no idempotency key and may have been applied)");
        }
        if (attempt >= settings_.retry.max_attempts) {
          throw Failure(Status::retry, v.message + " (gave up after " + std::to_string(attempt) + " attempts)",
                        backoff_ms(attempt));
        }
        bump(&ApiStats::retries);
        timing_.sleep_ns(backoff_ms(attempt) * 1'000'000);
        continue;
      }

      case Disposition::auth:
        if (v.token_rejected && !c.access_token && tokens_ != nullptr) tokens_->token_rejected(v.message);
        throw Failure(Status::auth_required, v.message);

      case Disposition::fatal: throw Failure(v.status, v.message);
    }
  }
}

}  // namespace ocean::tiktok
