// The manifest's config_schema applied to a configuration document (ocean_common's validator),
// with each violation reduced to the top-level field it concerns.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace ocean::tiktok {

struct SchemaIssue {
  std::string field;    // top-level config field ("" for the document)
  std::string message;  // "config field '<pointer>' <what is wrong>"
};

std::vector<SchemaIssue> check_against_schema(const boost::json::object& schema, const boost::json::value& doc);

}  // namespace ocean::tiktok
