// The plugin's persistent state, behind an interface narrow enough for another backend
// (e.g. PostgreSQL for hosts on several machines). Secrets go in through put_secret / tokens
// in plaintext and are sealed (AES-256-GCM) by the implementation before they touch storage.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocean::tiktok::store {

struct ShopInfo {
  std::string id;
  std::string name;
  std::string region;
  std::string seller_type;  // CROSS_BORDER or LOCAL
  std::string cipher;       // shop_cipher for shop-scoped calls
  std::string code;
};

struct TokenSet {
  std::string access_token;
  std::string refresh_token;
  std::int64_t access_expires_at = 0;  // absolute Unix seconds (reference §3)
  std::int64_t refresh_expires_at = 0;
  std::int64_t obtained_at = 0;  // host wall clock, Unix seconds
};

enum class LinkState { connected, needs_reauth, disconnected };
const char* link_state_name(LinkState s);

// Everything about the connected account except the token values.
struct AccountRecord {
  LinkState state = LinkState::disconnected;
  std::string reason;  // why needs_reauth / disconnected
  ShopInfo shop;
  std::string open_id;
  std::string seller_name;
  std::string seller_base_region;
  std::vector<std::string> granted_scopes;
  std::vector<ShopInfo> authorized_shops;  // every shop the authorization covers
  std::int64_t access_expires_at = 0;
  std::int64_t refresh_expires_at = 0;
  std::int64_t tokens_obtained_at = 0;
  std::int64_t updated_at_ms = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;

  // Named secrets (the app secret, ...), sealed at rest.
  virtual void put_secret(std::string_view name, std::string_view plaintext, std::int64_t now_ms) = 0;
  virtual std::optional<std::string> secret(std::string_view name) = 0;
  virtual void erase_secret(std::string_view name) = 0;

  // OAuth `state` values this instance issued. take_oauth_state consumes one: true only when it
  // exists and is younger than max_age_ms (single use, like the auth code it travels with).
  virtual void remember_oauth_state(std::string_view state, std::int64_t now_ms) = 0;
  virtual bool take_oauth_state(std::string_view state, std::int64_t now_ms, std::int64_t max_age_ms) = 0;

  // The connected account. save_connection writes record and tokens in one transaction.
  virtual std::optional<AccountRecord> account() = 0;
  virtual void save_connection(const AccountRecord& record, const TokenSet& tokens) = 0;
  virtual void save_tokens(const TokenSet& tokens, std::int64_t now_ms) = 0;
  virtual std::optional<TokenSet> tokens() = 0;
  virtual void set_link_state(LinkState state, std::string_view reason, std::int64_t now_ms) = 0;
  // Deletes the account row and its tokens (local disconnect).
  virtual void forget_account() = 0;
};

}  // namespace ocean::tiktok::store
