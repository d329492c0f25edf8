#include "tiktok_api/token_client.hpp"

#include "transport/classify.hpp"
#include "util/status.hpp"

namespace json = boost::json;

namespace ocean::tiktok {
namespace {

std::string required_string(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty()) {
    throw Failure(Status::permanent,
                  "token endpoint answered without a valid \"" + std::string(key) + "\"; nothing was stored");
  }
  return std::string(v->as_string());
}

std::int64_t required_time(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !(v->is_int64() || v->is_uint64()) || v->to_number<std::int64_t>() <= 0) {
    throw Failure(Status::permanent,
                  "token endpoint answered without a valid \"" + std::string(key) + "\"; nothing was stored");
  }
  return v->to_number<std::int64_t>();
}

std::string optional_string(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

TokenClient::TokenClient(TokenClientSettings settings, HttpClient& http, Logger& log, Timing timing)
    : settings_(std::move(settings)), http_(http), log_(log), timing_(std::move(timing)) {}

TokenGrant TokenClient::parse_grant(const json::value& data, std::int64_t now_s) {
  if (!data.is_object())
    throw Failure(Status::permanent, "token endpoint answered without a data object; nothing was stored");
  const auto& o = data.as_object();
  TokenGrant g;
  g.tokens.access_token = required_string(o, "access_token");
  g.tokens.refresh_token = required_string(o, "refresh_token");
  // Absolute timestamps (reference §3). A value that looks like a duration (far below "now")
  // means the service changed its contract; refusing beats storing a token that expired in 1970.
  g.tokens.access_expires_at = required_time(o, "access_token_expire_in");
  g.tokens.refresh_expires_at = required_time(o, "refresh_token_expire_in");
  if (g.tokens.access_expires_at < now_s - 86400 || g.tokens.refresh_expires_at < now_s - 86400) {
    throw Failure(Status::permanent, "token endpoint answered expiry times in the past; nothing was stored");
  }
  g.tokens.obtained_at = now_s;
  g.open_id = optional_string(o, "open_id");
  g.seller_name = optional_string(o, "seller_name");
  g.seller_base_region = optional_string(o, "seller_base_region");
  if (const auto* t = o.if_contains("user_type"); t != nullptr && t->is_int64()) g.user_type = t->as_int64();
  if (const auto* s = o.if_contains("granted_scopes"); s != nullptr && s->is_array()) {
    for (const auto& item : s->as_array()) {
      if (item.is_string()) g.granted_scopes.emplace_back(item.as_string());
    }
  }
  return g;
}

TokenGrant TokenClient::request(const std::string& path, url::QueryParams query, std::int64_t now_s, const char* what) {
  HttpRequest req;
  req.method = "GET";
  req.url = settings_.auth_base_url + path + "?" + url::build_query(query);
  req.headers = {{"content-type", "application/json"}};
  for (int attempt = 1;; ++attempt) {
    const HttpResult http = http_.perform(req);
    const Envelope env = http.error == TransportError::none ? parse_envelope(http.body) : Envelope{};
    const Verdict v = classify(http, env);
    log_.debug("[auth] " + std::string(what) + ": HTTP " + std::to_string(http.status) +
               (env.valid ? " code " + std::to_string(env.code) : std::string()));
    if (v.disposition == Disposition::success) return parse_grant(env.data, now_s);
    // Codes and refresh tokens are single use and may rotate: repeat only what never arrived.
    if (v.request_not_sent && attempt < settings_.retry.max_attempts) {
      timing_.sleep_ns(settings_.retry.base_delay_ms * (1LL << (attempt - 1)) * 1'000'000);
      continue;
    }
    const Status s = v.disposition == Disposition::auth || v.disposition == Disposition::token_expired
                         ? Status::auth_required
                         : v.status;
    throw Failure(s, std::string(what) + " failed: " + v.message);
  }
}

TokenGrant TokenClient::exchange_code(const std::string& auth_code, std::int64_t now_s) {
  return request("/api/v2/token/get",
                 {{"app_key", settings_.app_key},
                  {"app_secret", settings_.app_secret},
                  {"auth_code", auth_code},
                  {"grant_type", "authorized_code"}},
                 now_s, "token exchange");
}

TokenGrant TokenClient::refresh(const std::string& refresh_token, std::int64_t now_s) {
  return request("/api/v2/token/refresh",
                 {{"app_key", settings_.app_key},
                  {"app_secret", settings_.app_secret},
                  {"refresh_token", refresh_token},
                  {"grant_type", "refresh_token"}},
                 now_s, "token refresh");
}

}  // namespace ocean::tiktok
