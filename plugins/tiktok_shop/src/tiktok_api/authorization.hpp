// Authorization domain of the open API (reference §3): the shops a grant covers, and
// deauthorization. Thin typed calls over ApiClient; only the DELETE takes a shop_cipher.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "transport/api_client.hpp"

namespace ocean::tiktok::tiktok_api {

// GET /authorization/202309/shops. `access_token` overrides the provider's (used while
// connecting, before anything is stored). Throws Failure; a malformed list is PERMANENT.
std::vector<store::ShopInfo> get_authorized_shops(ApiClient& client,
                                                  std::optional<std::string> access_token = std::nullopt);

// DELETE /authorization/202403/shops?shop_cipher=: ends the seller's grant for this app for the
// account's shop. No body. The official SDK marks shop_cipher required here (the one
// /authorization/* path that takes it), so it is always sent.
void deauthorize(ApiClient& client, const std::string& shop_cipher);

// Parses data.shops[]; exposed for tests of malformed answers.
std::vector<store::ShopInfo> parse_shops(const boost::json::value& data);

}  // namespace ocean::tiktok::tiktok_api
