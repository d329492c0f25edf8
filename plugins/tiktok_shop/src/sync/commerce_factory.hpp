// Builds the CommerceService for a started ShopAccount: settings from the account's config and
// store, the account's API client, and account signals that turn deauthorization and
// authorization-expiry webhooks into the account's link state. No ABI here.
#pragma once
#include <memory>
#include <string>

#include "core/shop_account.hpp"
#include "sync/commerce_service.hpp"

namespace ocean::tiktok {

// nullptr (with the reason logged) when the mirror cannot be opened; the account's own
// capabilities keep working without it.
std::unique_ptr<CommerceService> make_commerce_service(ShopAccount& account, Host& host, std::string account_id);

}  // namespace ocean::tiktok
