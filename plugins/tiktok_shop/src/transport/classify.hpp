// Maps what came back from the API (transport error, HTTP status, envelope code) to what the
// client should do and which status the host sees (reference §4). Pure functions: the whole
// table is unit-tested without a network.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>

#include "transport/http_client.hpp"
#include "util/status.hpp"

namespace ocean::tiktok {

// {"code": int, "message": string, "request_id": string, "data": object|null}
struct Envelope {
  bool valid = false;
  std::string problem;  // why it is not a valid envelope
  std::int64_t code = 0;
  std::string message;
  std::string request_id;
  boost::json::value data;  // null when absent
};

Envelope parse_envelope(const std::string& body);

enum class Disposition {
  success,
  transient,      // 5xx, 36009003/36009007, timeouts, resets: retry when safe
  rate_limited,   // 429 / 36009002: slow down, retry within the budget
  token_expired,  // 105002: refresh once and retry
  auth,           // credentials invalid or revoked
  fatal,          // anything else: surface `status` at once
};

struct Verdict {
  Disposition disposition = Disposition::fatal;
  Status status = Status::internal;  // what the host sees if this is the final answer
  bool request_not_sent = false;     // the server never saw it: always safe to retry
  std::string message;               // names code and request id; never secrets
  bool token_rejected = false;       // the access token itself was refused (invalid, revoked, not for the shop)
};

Verdict classify(const HttpResult& http, const Envelope& envelope);

}  // namespace ocean::tiktok
