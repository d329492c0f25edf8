// The response envelope every face of the API uses: {code, message, request_id, data}.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "http_types.hpp"

namespace tts_sandbox {

// YYYYMMDDhhmmss (UTC, sandbox time) followed by 20 upper-case hex digits, like
// 2022080809462301024509910319695C45 in the official samples.
std::string make_request_id(std::int64_t now);

Response envelope_ok(const boost::json::value& data, std::int64_t now);
// Same as envelope_ok with `data` already serialized.
Response envelope_ok_raw(const std::string& data_json, std::int64_t now);
Response envelope_error(int api_code, int http_status, const std::string& message, std::int64_t now);

}  // namespace tts_sandbox
