#include "envelope.hpp"

#include <atomic>
#include <ctime>

#include "ocean_common/crypto.hpp"

namespace tts_sandbox {

namespace json = boost::json;

std::string make_request_id(std::int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char head[32];
  std::strftime(head, sizeof head, "%Y%m%d%H%M%S", &tm);
  // Counter plus random bits: unique within a run, unpredictable across runs.
  static std::atomic<std::uint32_t> counter{0};
  const std::uint32_t n = counter.fetch_add(1);
  std::string tail = ocean::crypto::to_hex(ocean::crypto::random_bytes(6));
  char count_hex[9];
  std::snprintf(count_hex, sizeof count_hex, "%08x", n);
  tail += count_hex;
  for (auto& c : tail) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  return std::string(head) + tail;
}

namespace {
Response make(int api_code, int status, const std::string& message, const json::value& data, std::int64_t now) {
  json::object env;
  env["code"] = api_code;
  env["message"] = message;
  env["request_id"] = make_request_id(now);
  env["data"] = data;
  Response r;
  r.status = status;
  r.body = json::serialize(env);
  return r;
}
}  // namespace

Response envelope_ok(const json::value& data, std::int64_t now) { return make(0, 200, "Success", data, now); }

Response envelope_ok_raw(const std::string& data_json, std::int64_t now) {
  Response r;
  r.body.reserve(data_json.size() + 96);
  r.body += "{\"code\":0,\"message\":\"Success\",\"request_id\":\"";
  r.body += make_request_id(now);
  r.body += "\",\"data\":";
  r.body += data_json;
  r.body += '}';
  return r;
}

Response envelope_error(int api_code, int http_status, const std::string& message, std::int64_t now) {
  return make(api_code, http_status, message, nullptr, now);
}

}  // namespace tts_sandbox
