// Category checks shared by the look-up endpoints and product create/edit, with the real error codes
// (reference addendum §2.3, §2.15): version per region, existence, leaf, market, permission.
#pragma once
#include <optional>
#include <string>

#include "../api_error.hpp"
#include "../model.hpp"
#include "catalog_data.hpp"

namespace tts_sandbox::catalog {

inline ApiError product_error(int code, const std::string& message) { return ApiError{code, 400, message}; }

// The category_version to use: absent -> the region's default; v1 in the US -> 12052217.
inline std::string read_version(const Shop& shop, const std::optional<std::string>& given) {
  std::string v = given.value_or(default_version(shop.region));
  for (auto& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (v != "v1" && v != "v2") throw bad_param("category_version must be v1 or v2");
  if (shop.region == "US" && v == "v1") {
    throw product_error(12052217,
                        "Incorrect category version. For US shops or global sellers with an active US shop, specify "
                        "'category version=v2'.");
  }
  return v;
}

// A leaf the shop may list in (prohibited ones never: 12052220); `for_listing` also refuses invite-only
// categories (12052223).
inline const Category& usable_leaf(const Shop& shop, const std::string& id, const std::string& version,
                                   bool for_listing) {
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) {
    throw product_error(12052002, "Incorrect category format: category_id " + id);
  }
  const Category* c = find_category(id);
  if (c == nullptr) throw product_error(12052023, "Category does not exist: category_id " + id);
  if (c->version != version) {
    throw product_error(12052230, "The specified category ID " + id + " does not belong to category_version " +
                                      version + ". Use Get Categories to find the leaf categories of that version.");
  }
  if (!open_in(*c, shop.region)) throw product_error(12052446, "Category is not open in this market: " + id);
  if (!c->is_leaf) throw product_error(12052024, "Category is not final category: category_id " + id);
  if (c->permission == Permission::kProhibited) {
    throw product_error(12052220,
                        "This category is prohibited or unsupported on TikTok Shop. Select another "
                        "category: " +
                            id);
  }
  if (for_listing && c->permission == Permission::kInviteOnly) {
    throw product_error(12052223,
                        "This category is restricted. To sell in this category, apply through the "
                        "Qualification Center in Seller Center: " +
                            id);
  }
  return *c;
}

}  // namespace tts_sandbox::catalog
