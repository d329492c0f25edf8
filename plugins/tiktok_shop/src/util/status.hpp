// The plugin core's outcome vocabulary. It mirrors the ABI's closed status set one to one, but
// lives here so nothing below the glue includes the ABI header; the glue maps it across.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ocean::tiktok {

enum class Status {
  ok,
  retry,
  rate_limited,
  auth_required,
  invalid_config,
  invalid_argument,
  feature_disabled,
  unsupported,
  invalid_state,
  not_found,
  permanent,
  internal,
};

const char* status_name(Status s) noexcept;

// Thrown inside the core to abandon an operation with a classified reason. It never leaves the
// core: the glue's trampolines turn it into an ABI status plus last-error message.
// The message must never contain a secret.
class Failure : public std::runtime_error {
 public:
  Failure(Status status, const std::string& message, std::int64_t retry_after_ms = 0)
      : std::runtime_error(message), status_(status), retry_after_ms_(retry_after_ms) {}
  Status status() const noexcept { return status_; }
  std::int64_t retry_after_ms() const noexcept { return retry_after_ms_; }

 private:
  Status status_;
  std::int64_t retry_after_ms_;
};

}  // namespace ocean::tiktok
