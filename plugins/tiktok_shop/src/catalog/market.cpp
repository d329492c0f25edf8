// Market rules per region (reference addendum §2.9 and §2.3; currencies per BASE §10).
#include <algorithm>
#include <initializer_list>

#include "catalog/catalog_context.hpp"

namespace ocean::tiktok::catalog {
namespace {
bool in(const std::string& v, std::initializer_list<const char*> set) {
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return v == s; });
}
}  // namespace

Market market_of(const std::string& region) {
  Market m;
  m.region = region;
  const bool eu = in(region, {"DE", "ES", "FR", "IE", "IT"});
  if (eu)
    m.currency = "EUR";
  else if (region == "US")
    m.currency = "USD";
  else if (region == "GB")
    m.currency = "GBP";
  else if (region == "ID")
    m.currency = "IDR";
  else if (region == "SG")
    m.currency = "SGD";
  else if (region == "MY")
    m.currency = "MYR";
  else if (region == "TH")
    m.currency = "THB";
  else if (region == "VN")
    m.currency = "VND";
  else if (region == "PH")
    m.currency = "PHP";
  else if (region == "MX")
    m.currency = "MXN";
  else if (region == "BR")
    m.currency = "BRL";
  else if (region == "JP")
    m.currency = "JPY";
  m.currency_decimals = in(region, {"ID", "VN", "JP"}) ? 0 : 2;
  if (in(region, {"BR", "MX"})) m.title_max = 300;
  if (!eu && !in(region, {"GB", "JP", "US", "BR", "MX"})) m.title_min = 25;
  m.max_skus = eu || in(region, {"BR", "JP", "MX", "GB", "US"}) ? 300 : 100;
  m.category_version = region == "US" ? "v2" : "v1";
  m.tokopedia = region == "ID";
  return m;
}

Market shop_market(CatalogContext& c) { return market_of(c.ops.config.region); }

}  // namespace ocean::tiktok::catalog
