// TikTok Shop request and webhook signatures (reference §1.1 and §7).
//
// One implementation serves the plugin (signing what it sends), the sandbox (checking what it
// receives) and the tts-sign tool; the pinned public vectors in shared/vectors keep it honest.
#pragma once
#include <string>
#include <string_view>

#include "ocean_common/url.hpp"

namespace ocean::tts {

struct SignInput {
  std::string_view path;          // request path only: no host, no query string
  const url::QueryParams* query;  // URL-decoded pairs, any order; `sign` and `access_token` are skipped
  std::string_view body;          // exact body bytes as sent on the wire ("" for none)
  bool body_signed = true;        // false for multipart/form-data bodies, which are never signed
};

// The string between the two copies of the secret: path + sorted {key}{value} + body.
// When a key repeats, only its first value counts (as the Go sample reads queries).
std::string string_to_sign(const SignInput& in);

// HMAC-SHA256(secret, secret + string_to_sign + secret), lowercase hex.
std::string sign_request(std::string_view app_secret, const SignInput& in);

// True when a Content-Type header value names multipart/form-data (case-insensitive media type).
bool is_multipart(std::string_view content_type);

// Webhook `Authorization` header: HMAC-SHA256(app_secret, app_key + raw_body), lowercase hex.
std::string webhook_signature(std::string_view app_key, std::string_view app_secret, std::string_view raw_body);

}  // namespace ocean::tts
