#include "webhook_outcome.hpp"

#include "json_io.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;

WebhookOutcome webhook_outcome(const ocean::host::Status& status, std::string_view result_json) {
  WebhookOutcome out;
  out.status = status.name();
  out.message = status.message;
  std::string error;
  if (auto parsed = parse_json(result_json, error); parsed && parsed->is_object()) {
    const auto& o = parsed->get_object();
    if (const auto* m = o.if_contains("message"); m && m->is_string()) out.message = std::string(m->get_string());
    if (const auto* h = o.if_contains("http_status");
        h && h->is_int64() && h->get_int64() >= 200 && h->get_int64() <= 599) {
      out.http_status = static_cast<int>(h->get_int64());
      return out;
    }
  }
  switch (status.code) {
    case OCEAN_OK: out.http_status = 200; break;
    case OCEAN_RETRY:
    case OCEAN_RATE_LIMITED:
    case OCEAN_INVALID_STATE: out.http_status = 503; break;
    case OCEAN_INVALID_ARGUMENT: out.http_status = 400; break;
    case OCEAN_UNSUPPORTED:
    case OCEAN_NOT_FOUND: out.http_status = 404; break;
    default: out.http_status = 500; break;
  }
  return out;
}

}  // namespace erp_host
