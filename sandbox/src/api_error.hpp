// Error codes of the real API (reference §4) and the HTTP status the sandbox answers with each.
// Handlers throw ApiError; the dispatcher turns it into the envelope with data = null.
#pragma once
#include <stdexcept>
#include <string>

namespace tts_sandbox {

namespace code {
inline constexpr int kOk = 0;
inline constexpr int kTooManyRequests = 36009002;  // HTTP 429
inline constexpr int kInternal = 36009003;         // HTTP 500 (or 503 for overload)
inline constexpr int kInvalidParam = 36009004;     // HTTP 400: credentials, timestamp, cipher, body fields
inline constexpr int kInvalidPath = 36009009;      // HTTP 404
inline constexpr int kInvalidMethod = 36009010;    // HTTP 405
// "The version name is invalid" (DOC api-versioning.md). The HTTP status is not documented; the
// sandbox answers 400, as for the other request-parameter errors.
inline constexpr int kInvalidVersion = 36009014;
inline constexpr int kBadContentType = 36009022;  // HTTP 400
inline constexpr int kTokenNotForShop = 101000;   // HTTP 403: the token is not tied to that shop
inline constexpr int kExpiredToken = 105002;      // HTTP 401
inline constexpr int kInvalidSign = 106001;       // HTTP 401
inline constexpr int kMissingCipher = 106013;     // HTTP 400
inline constexpr int kNotFound = 36009004;        // unknown ids in a path are bad parameters too
// Auth service (auth.tiktok-shops.com); low-confidence codes from reference §4.
inline constexpr int kInvalidAuthCode = 36004004;
inline constexpr int kInvalidRefreshToken = 36004005;
}  // namespace code

struct ApiError : std::runtime_error {
  int api_code;
  int http_status;
  ApiError(int c, int status, const std::string& message)
      : std::runtime_error(message), api_code(c), http_status(status) {}
};

inline ApiError bad_param(const std::string& message) { return {code::kInvalidParam, 400, message}; }
// A business rule of one endpoint refused the request with that endpoint's own code (reference tables).
inline ApiError rule_error(int api_code, const std::string& message) { return {api_code, 400, message}; }

}  // namespace tts_sandbox
