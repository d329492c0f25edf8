#include "config/schema_check.hpp"

#include "ocean_common/json_schema.hpp"

namespace ocean::tiktok {

std::vector<SchemaIssue> check_against_schema(const boost::json::object& schema, const boost::json::value& doc) {
  std::vector<SchemaIssue> out;
  for (const auto& e : json_schema::validate(boost::json::value(schema), doc)) {
    // "/features/logistics" -> field "features", shown as "features/logistics".
    std::string shown = e.pointer.empty() ? std::string() : e.pointer.substr(1);
    std::string field = shown.substr(0, shown.find('/'));
    std::string message = shown.empty() ? "configuration " + e.message : "config field '" + shown + "' " + e.message;
    out.push_back({std::move(field), std::move(message)});
  }
  return out;
}

}  // namespace ocean::tiktok
