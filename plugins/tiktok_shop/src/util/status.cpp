#include "util/status.hpp"

namespace ocean::tiktok {

const char* status_name(Status s) noexcept {
  switch (s) {
    case Status::ok: return "OK";
    case Status::retry: return "RETRY";
    case Status::rate_limited: return "RATE_LIMITED";
    case Status::auth_required: return "AUTH_REQUIRED";
    case Status::invalid_config: return "INVALID_CONFIG";
    case Status::invalid_argument: return "INVALID_ARGUMENT";
    case Status::feature_disabled: return "FEATURE_DISABLED";
    case Status::unsupported: return "UNSUPPORTED";
    case Status::invalid_state: return "INVALID_STATE";
    case Status::not_found: return "NOT_FOUND";
    case Status::permanent: return "PERMANENT";
    case Status::internal: return "INTERNAL";
  }
  return "UNKNOWN";
}

}  // namespace ocean::tiktok
