// The shop account's authorization life cycle (reference §3): the seller authorization URL with
// a single-use `state`, code exchange, shop selection, token refresh ahead of expiry from tick,
// the needs-re-auth state (with an event to the host) and disconnection. Implements
// TokenProvider for ApiClient. Capabilities account.* are thin wrappers over these methods.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tiktok_api/token_client.hpp"
#include "config/config.hpp"
#include "store/commerce_store.hpp"
#include "store/store.hpp"
#include "transport/api_client.hpp"
#include "util/host.hpp"
#include "util/logger.hpp"

namespace ocean::tiktok {

class AccountService final : public TokenProvider {
 public:
  // How long an issued `state` stays acceptable (the consent page plus the 30-minute auth code).
  static constexpr std::int64_t kStateMaxAgeMs = 60LL * 60 * 1000;
  // After a transient refresh failure, tick waits this long before trying again.
  static constexpr std::int64_t kRefreshRetryMs = 60'000;

  AccountService(const Config& config, std::string account_id, store::Store& store, ApiClient& api, TokenClient& tokens,
                 Logger& log, Host& host);

  // The seller's consent page comes back to the host's redirect URL with these.
  struct Callback {
    std::string state;
    std::string code;     // "" (or "null") when the seller did not authorize
    std::string error;    // e.g. "auth_denied"
    std::string shop_id;  // which of the authorized shops this account is ("" = config's, or the only one)
  };

  boost::json::object authorize_url();
  boost::json::object connect(const Callback& callback);
  boost::json::object status();
  boost::json::object disconnect(bool revoke);

  // Refreshes tokens ahead of expiry; marks needs_reauth (and emits the event) when the refresh
  // token has expired or the service refuses it. Throws Failure(auth_required) in that case.
  void tick(std::int64_t now_ms);

  // The cipher of the connected shop; throws Failure(auth_required) when not connected.
  std::string shop_cipher();

  std::string access_token() override;
  bool refresh_after_rejection() override;
  void token_rejected(const std::string& reason) override;

  // When tick will next refresh (Unix seconds), for status and tests; 0 when not connected.
  std::int64_t refresh_due_at() const;

  // Where background actions (token refreshes) are written to the integration log; empty: nowhere.
  void set_audit(std::function<void(const store::LogEntry&)> audit) { audit_ = std::move(audit); }

 private:
  std::int64_t now_ms() { return host_.wall_ms(); }
  store::AccountRecord connected_account();
  const store::ShopInfo* choose_shop(const std::vector<store::ShopInfo>& shops,
                                     const std::string& callback_shop_id) const;
  boost::json::object subscribe_webhooks(const std::string& shop_cipher);
  // Refreshes now. Returns normally on success; throws Failure otherwise (after marking
  // needs_reauth for credential failures).
  void refresh_now(const char* why);
  void mark_needs_reauth(const std::string& reason);
  void remember_secrets(const store::TokenSet& t);

  const Config& config_;
  std::string account_id_;
  store::Store& store_;
  ApiClient& api_;
  TokenClient& tokens_;
  Logger& log_;
  Host& host_;
  std::int64_t next_refresh_attempt_ms_ = 0;
  std::function<void(const store::LogEntry&)> audit_;
};

}  // namespace ocean::tiktok
