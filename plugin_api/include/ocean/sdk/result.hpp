// ocean/sdk/result.hpp: what a plugin hook returns: a status, a message for last_error and an
// optional retry-after. Part of the plugin author's SDK (ocean/plugin_sdk.hpp).
#ifndef OCEAN_SDK_RESULT_HPP
#define OCEAN_SDK_RESULT_HPP

#include <cstdint>
#include <string>
#include <utility>

#include "ocean/ocean_plugin.h"

namespace ocean::sdk {

// The outcome of one hook. The glue copies `message` into the instance's last_error, so it must
// be safe to show to a seller: never put a secret in it.
struct [[nodiscard]] Result {
  ocean_status status = OCEAN_OK;
  std::string message;
  std::int64_t retry_after_ms = 0;  // meaningful with OCEAN_RATE_LIMITED / OCEAN_RETRY

  bool ok() const noexcept { return status == OCEAN_OK; }

  static Result success() { return {}; }
  static Result failure(ocean_status status, std::string message, std::int64_t retry_after_ms = 0) {
    return Result{status, std::move(message), retry_after_ms};
  }
  static Result retry(std::string message, std::int64_t retry_after_ms = 0) {
    return failure(OCEAN_RETRY, std::move(message), retry_after_ms);
  }
  static Result rate_limited(std::string message, std::int64_t retry_after_ms) {
    return failure(OCEAN_RATE_LIMITED, std::move(message), retry_after_ms);
  }
  static Result auth_required(std::string message) { return failure(OCEAN_AUTH_REQUIRED, std::move(message)); }
  static Result invalid_config(std::string message) { return failure(OCEAN_INVALID_CONFIG, std::move(message)); }
  static Result invalid_argument(std::string message) { return failure(OCEAN_INVALID_ARGUMENT, std::move(message)); }
  static Result unsupported(std::string message) { return failure(OCEAN_UNSUPPORTED, std::move(message)); }
  static Result not_found(std::string message) { return failure(OCEAN_NOT_FOUND, std::move(message)); }
  static Result permanent(std::string message) { return failure(OCEAN_PERMANENT, std::move(message)); }
  static Result internal(std::string message) { return failure(OCEAN_INTERNAL, std::move(message)); }
};

}  // namespace ocean::sdk

#endif  // OCEAN_SDK_RESULT_HPP
