#include "corrupt_answer.hpp"

#include <boost/json.hpp>

namespace tts_sandbox {
namespace json = boost::json;

bool is_corrupt_mode(std::string_view mode) {
  return mode == "not_json" || mode == "truncated" || mode == "wrong_shape" || mode == "bad_record";
}

std::string corrupt_answer(const std::string& body, std::string_view mode) {
  if (mode == "not_json") return "<html><body><h1>502 Bad Gateway</h1></body></html>";
  if (mode == "truncated") return body.substr(0, body.size() / 2);
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return body;
  auto* data = v.as_object().if_contains("data");
  if (data == nullptr || !data->is_object()) return body;
  for (auto& [key, member] : data->as_object()) {
    if (!member.is_array()) continue;
    if (mode == "wrong_shape") {
      member = json::object{{"unexpected", true}};
    } else if (!member.as_array().empty() && member.as_array()[0].is_object()) {
      member.as_array()[0].as_object()["update_time"] = "soon";
    }
    break;
  }
  return json::serialize(v);
}

}  // namespace tts_sandbox
