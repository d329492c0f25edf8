// See required_attributes.hpp.
#include "catalog/required_attributes.hpp"

#include "ops/context.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

namespace {

bool has_value(const json::array& attrs, const std::string& attr_id, const std::string& value_id) {
  for (const auto& a : attrs) {
    if (ops::api_string(a.as_object(), "id") != attr_id) continue;
    for (const auto& v : a.as_object().at("values").as_array())
      if (ops::api_string(v.as_object(), "id") == value_id) return true;
  }
  return false;
}

}  // namespace

json::object category_attributes(CatalogContext& c, const std::string& category_id,
                                 const std::string& category_version) {
  return c.ops.call("GET", "/product/202309/categories/" + category_id + "/attributes",
                    {{"category_version", category_version}});
}

void check_required_attributes(const json::object& data, const capability::Request& r, const Listing& l) {
  const json::array given =
      l.body.contains("product_attributes") ? l.body.at("product_attributes").as_array() : json::array{};
  for (const auto& v : ops::api_array(data, "attributes", "categories/attributes")) {
    const auto& a = ops::api_object(v, "categories/attributes");
    if (ops::api_string(a, "type") != "PRODUCT_PROPERTY") continue;
    const std::string id = ops::api_string(a, "id");
    bool present = false;
    for (const auto& g : given) present = present || ops::api_string(g.as_object(), "id") == id;
    if (present) continue;
    bool required = a.contains("is_requried") && a.at("is_requried").is_bool() && a.at("is_requried").as_bool();
    if (const auto* conds = a.if_contains("requirement_conditions"); conds && conds->is_array()) {
      for (const auto& k : conds->as_array()) {
        const auto& o = k.as_object();
        required =
            required || has_value(given, ops::api_string(o, "attribute_id"), ops::api_string(o, "attribute_value_id"));
      }
    }
    if (required) {
      r.fail("attributes", "needs attribute " + id + " (" + ops::api_string(a, "name") + ") in category " +
                               l.category_id + " (see categories.attributes)");
    }
  }
}

}  // namespace ocean::tiktok::catalog
