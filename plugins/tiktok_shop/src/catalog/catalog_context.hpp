// What the catalogue capabilities (product listing, issue 11) are lent: the operations context (signed
// shop-scoped calls, the account, the host) and the mirror (whose store keeps products and the ERP SKU <->
// TikTok id map). The capability adapter holds the mirror's work mutex for the whole call.
#pragma once
#include <string>

#include "mirror/mirror.hpp"
#include "ops/context.hpp"

namespace ocean::tiktok::catalog {

struct CatalogContext {
  ops::OpsContext& ops;
  mirror::Mirror& mirror;
};

// What the shop's market allows (reference addendum §2.9): currency and its minor digits, title limits,
// SKU count, the category tree version it must use, and whether Tokopedia and COD exist there.
struct Market {
  std::string region;
  std::string currency;
  int currency_decimals = 2;
  std::size_t title_min = 1, title_max = 255;
  std::size_t max_skus = 100;
  std::string category_version = "v1";
  bool tokopedia = false;
};

Market market_of(const std::string& region);
// The connected shop's market (from the account's stored shop).
Market shop_market(CatalogContext& c);

}  // namespace ocean::tiktok::catalog
