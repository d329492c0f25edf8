// The product as Get Product (202309) and Search Products answer it, with every stored listing field
// (brand, package dimensions, attributes, certifications, size chart, SKU identifier codes, external SKU
// ids, audit and per-platform status), reference §8 and addendum §2.13.
#pragma once
#include <boost/json.hpp>

#include "../model.hpp"

namespace tts_sandbox::catalog {

// NONE, AUDITING, FAILED or APPROVED, from the product's status.
std::string audit_status(const Product& p);
boost::json::object product_detail(const Shop& shop, const Product& p);
boost::json::object product_summary(const Shop& shop, const Product& p);

}  // namespace tts_sandbox::catalog
