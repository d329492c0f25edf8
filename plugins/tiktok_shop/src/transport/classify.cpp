#include "transport/classify.hpp"

#include "transport/json_spans.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace json = boost::json;

namespace ocean::tiktok {
namespace {

constexpr std::int64_t kTooManyRequests = 36009002;
constexpr std::int64_t kInternalError = 36009003;
constexpr std::int64_t kInvalidParam = 36009004;
constexpr std::int64_t kRequestTimeout = 36009007;
constexpr std::int64_t kInvalidPath = 36009009;
constexpr std::int64_t kTokenNotForShop = 101000;
constexpr std::int64_t kExpiredToken = 105002;
constexpr std::int64_t kMissingScope = 105005;
constexpr std::int64_t kInvalidSign = 106001;
constexpr std::int64_t kMissingCipher = 106013;
constexpr std::int64_t kInvalidAuthCode = 36004004;
constexpr std::int64_t kInvalidRefreshToken = 36004005;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool mentions(const std::string& lowered, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return lowered.find(w) != std::string::npos; });
}

std::string describe(const HttpResult& http, const Envelope& e) {
  std::string s = "TikTok Shop API error " + std::to_string(e.code) + " (HTTP " + std::to_string(http.status) + ")";
  if (!e.message.empty()) s += ": " + e.message;
  if (!e.request_id.empty()) s += " [request_id " + e.request_id + "]";
  return s;
}

Verdict make(Disposition d, Status s, std::string message) { return Verdict{d, s, false, std::move(message)}; }

// The access token itself was refused (revoked, invalid, or not granted this shop): the account must be
// authorized again, and nothing the plugin retries can change that.
Verdict token_refused(std::string message) {
  Verdict v = make(Disposition::auth, Status::auth_required, std::move(message));
  v.token_rejected = true;
  return v;
}

}  // namespace

Envelope parse_envelope(const std::string& body) {
  Envelope e;
  boost::system::error_code ec;
  // One arena per answer: a page of 100 orders is ~30,000 JSON nodes, and freeing them one by one
  // cost more than parsing them. Everything moved out of `v` keeps the arena alive (storage_ptr).
  const json::storage_ptr arena = json::make_shared_resource<json::monotonic_resource>();
  json::value v = json::parse(body, ec, arena);
  if (ec) {
    e.problem = "response is not JSON (" + ec.message() + ")";
    return e;
  }
  // The parser keeps one copy of a repeated key and the raw-text spans would take another: an
  // order's stored text could be another order's. Such an answer is not used at all.
  if (const auto repeated = repeated_key(body)) {
    e.problem = "response repeats the key " + *repeated;
    return e;
  }
  if (!v.is_object()) {
    e.problem = "response is not a JSON object";
    return e;
  }
  auto& o = v.as_object();
  const auto* code = o.if_contains("code");
  if (code == nullptr || !(code->is_int64() || code->is_uint64())) {
    e.problem = "response has no integer \"code\"";
    return e;
  }
  e.code = code->to_number<std::int64_t>();
  if (const auto* m = o.if_contains("message"); m != nullptr && m->is_string()) e.message = std::string(m->as_string());
  if (const auto* r = o.if_contains("request_id"); r != nullptr && r->is_string())
    e.request_id = std::string(r->as_string());
  if (auto* d = o.if_contains("data"); d != nullptr) {
    if (!d->is_object() && !d->is_null()) {
      e.problem = "response \"data\" is neither an object nor null";
      return e;
    }
    e.data = json::value(arena);  // same storage, so the assignment below moves instead of copying
    e.data = std::move(*d);
  }
  e.valid = true;
  return e;
}

Verdict classify(const HttpResult& http, const Envelope& e) {
  switch (http.error) {
    case TransportError::none: break;
    case TransportError::not_sent: {
      Verdict v = make(Disposition::transient, Status::retry, "could not reach TikTok Shop: " + http.error_message);
      v.request_not_sent = true;
      return v;
    }
    case TransportError::timeout:
      return make(Disposition::transient, Status::retry, "TikTok Shop did not answer in time: " + http.error_message);
    case TransportError::reset:
      return make(Disposition::transient, Status::retry,
                  "connection to TikTok Shop was dropped: " + http.error_message);
    case TransportError::tls:
      return make(Disposition::fatal, Status::permanent,
                  "TLS verification of the TikTok Shop host failed (check ca_bundle): " + http.error_message);
    case TransportError::too_large:
      return make(Disposition::fatal, Status::permanent, "TikTok Shop answer refused: " + http.error_message);
    case TransportError::other:
      return make(Disposition::transient, Status::retry, "HTTP transfer failed: " + http.error_message);
  }

  if (!e.valid) {
    // No envelope: the gateway or a proxy answered. Fall back on the HTTP status.
    const std::string what =
        "TikTok Shop answered HTTP " + std::to_string(http.status) + " with a malformed body: " + e.problem;
    if (http.status == 429) return make(Disposition::rate_limited, Status::rate_limited, what);
    if (http.status >= 500) return make(Disposition::transient, Status::retry, what);
    if (http.status == 401) return make(Disposition::auth, Status::auth_required, what);
    if (http.status == 404) return make(Disposition::fatal, Status::not_found, what);
    return make(Disposition::fatal, Status::permanent, what);
  }

  const std::string msg = describe(http, e);
  if (e.code == 0) {
    if (http.status >= 200 && http.status < 300) return make(Disposition::success, Status::ok, {});
    // "code 0" on an error status is contradictory; trust the status (FDW does the same).
    if (http.status >= 500) return make(Disposition::transient, Status::retry, msg);
    return make(Disposition::fatal, Status::permanent, msg);
  }
  if (e.code == kTooManyRequests || http.status == 429)
    return make(Disposition::rate_limited, Status::rate_limited, msg);
  if (e.code == kExpiredToken) return make(Disposition::token_expired, Status::auth_required, msg);
  if (e.code == kInternalError || e.code == kRequestTimeout || http.status >= 500) {
    return make(Disposition::transient, Status::retry, msg);
  }
  if (e.code == kInvalidSign) {
    return make(Disposition::auth, Status::auth_required, msg + " (the app secret does not match the app key)");
  }
  if (e.code == kTokenNotForShop) return token_refused(msg);
  if (e.code == kInvalidAuthCode || e.code == kInvalidRefreshToken)
    return make(Disposition::auth, Status::auth_required, msg);
  if (e.code == kMissingScope)
    return make(Disposition::fatal, Status::permanent, msg + " (the authorization lacks a scope)");
  if (e.code == kMissingCipher) return make(Disposition::fatal, Status::permanent, msg);
  if (e.code == kInvalidPath || http.status == 404) return make(Disposition::fatal, Status::not_found, msg);
  if (e.code == kInvalidParam) {
    // 36009004 is overloaded (reference §4): its message tells credentials from bad input.
    const std::string m = lower(e.message);
    if (mentions(m, {"timestamp"})) {
      return make(Disposition::fatal, Status::permanent, msg + " (check the host clock)");
    }
    if (mentions(m, {"app_key", "app key"})) return make(Disposition::auth, Status::auth_required, msg);
    if (mentions(m, {"access-token", "access_token", "credential"})) return token_refused(msg);
    if (mentions(m, {"not found", "does not exist", "not exist"}))
      return make(Disposition::fatal, Status::not_found, msg);
    if (mentions(m, {"shop_cipher", "identifier"})) return make(Disposition::fatal, Status::permanent, msg);
    return make(Disposition::fatal, Status::invalid_argument, msg);
  }
  if (http.status == 401) return make(Disposition::auth, Status::auth_required, msg);
  if (http.status == 400 || http.status == 422) return make(Disposition::fatal, Status::invalid_argument, msg);
  return make(Disposition::fatal, Status::permanent, msg);
}

}  // namespace ocean::tiktok
