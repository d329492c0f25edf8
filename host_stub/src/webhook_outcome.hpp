// What erp-host serve answers the marketplace for one webhook delivery, from what the plugin's
// handle_webhook said.
#pragma once

#include "ocean/host/plugin.hpp"

#include <string>
#include <string_view>

namespace erp_host {

struct WebhookOutcome {
  int http_status = 200;
  std::string message;  // the plugin's explanation (empty when accepted)
  std::string status;   // the plugin call's status name
};

// The answer a webhook_result.v1 asks for; the call status decides only when the plugin gave
// no usable result (RETRY/RATE_LIMITED/INVALID_STATE -> 503, INVALID_ARGUMENT -> 400,
// UNSUPPORTED/NOT_FOUND -> 404, anything else failing -> 500, OK -> 200).
WebhookOutcome webhook_outcome(const ocean::host::Status& status, std::string_view result_json);

}  // namespace erp_host
