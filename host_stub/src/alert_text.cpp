#include "alert_text.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace erp_host {
namespace json = boost::json;

namespace {
std::string field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
}  // namespace

std::optional<std::string> alert_line(const std::string& account, const json::value& event) {
  if (!event.is_object()) return std::nullopt;
  const auto& e = event.get_object();
  const auto* data = e.if_contains("data");
  if (field(e, "type") != "alert.raised" || !data || !data->is_object()) return std::nullopt;
  const auto& a = data->get_object();
  std::string severity = field(a, "severity");
  for (auto& ch : severity) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return "alert [" + account + "] " + severity + " " + field(a, "rule") + ": " + field(a, "message") +
         " -- do: " + field(a, "suggested_action");
}

}  // namespace erp_host
