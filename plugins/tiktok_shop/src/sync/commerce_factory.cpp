#include "sync/commerce_factory.hpp"

#include <filesystem>
#include <stdexcept>

namespace ocean::tiktok {

std::unique_ptr<CommerceService> make_commerce_service(ShopAccount& account, Host& host, std::string account_id) {
  try {
    const Config* config = account.config();
    const auto dir = host.data_dir();
    if (config == nullptr || !dir || account.api() == nullptr || account.store() == nullptr) {
      throw std::runtime_error("the account is not started");
    }
    CommerceSettings s;
    s.db_path = (std::filesystem::path(*dir) / store::SqliteStore::kFileName).string();
    s.account_id = std::move(account_id);
    // Webhooks name their shop; before the account is connected any shop is accepted and the
    // signature (app key + secret) is what admits a delivery.
    if (const auto record = account.store()->account()) s.shop_id = record->shop.id;
    s.app_key = config->app_key;
    s.app_secret = config->app_secret;
    s.sync_interval_seconds = config->sync_interval_seconds;
    s.safety_buffer = config->safety_buffer;

    store::Store* st = account.store();
    webhooks::AccountSignals signals;
    signals.deauthorized = [st, &host](const std::string& reason) {
      st->set_link_state(store::LinkState::disconnected, reason, host.wall_ms());
    };
    // The notice comes 30 days ahead while the tokens still work, so the account stays connected;
    // the host gets the account.authorization_expiring event and asks the seller to re-authorize.
    signals.authorization_expiring = [&account](const std::string& reason, std::int64_t expires_at) {
      account.logger().warn(reason + " (refresh token expires at " + std::to_string(expires_at) + ")");
    };
    return std::make_unique<CommerceService>(
        std::move(s), *account.api(), [&account] { return account.accounts()->shop_cipher(); }, host,
        std::move(signals));
  } catch (const std::exception& e) {
    account.logger().error(std::string("orders, products and stock sync are unavailable: ") + e.what());
    return nullptr;
  }
}

}  // namespace ocean::tiktok
