#include "store/sqlite_store.hpp"

#include <boost/json.hpp>

#include <stdexcept>

#include "store/migrations.hpp"
#include "store/open.hpp"

namespace json = boost::json;

namespace ocean::tiktok::store {
namespace {

constexpr std::string_view kAccessToken = "access_token";
constexpr std::string_view kRefreshToken = "refresh_token";

LinkState parse_link_state(std::string_view s) {
  if (s == "connected") return LinkState::connected;
  if (s == "needs_reauth") return LinkState::needs_reauth;
  return LinkState::disconnected;
}

std::string shops_to_json(const std::vector<ShopInfo>& shops) {
  json::array a;
  for (const auto& s : shops) {
    a.push_back(json::object{{"id", s.id},
                             {"name", s.name},
                             {"region", s.region},
                             {"seller_type", s.seller_type},
                             {"cipher", s.cipher},
                             {"code", s.code}});
  }
  return json::serialize(a);
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<ShopInfo> shops_from_json(const std::string& text) {
  std::vector<ShopInfo> out;
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    out.push_back(
        {str(o, "id"), str(o, "name"), str(o, "region"), str(o, "seller_type"), str(o, "cipher"), str(o, "code")});
  }
  return out;
}

std::string strings_to_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return json::serialize(a);
}

std::vector<std::string> strings_from_json(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

}  // namespace

const char* link_state_name(LinkState s) {
  switch (s) {
    case LinkState::connected: return "connected";
    case LinkState::needs_reauth: return "needs_reauth";
    case LinkState::disconnected: return "disconnected";
  }
  return "disconnected";
}

SqliteStore::SqliteStore(const Location& where, SecretBox box) : db_(open_database(where)), box_(std::move(box)) {
  migrate(*db_);
}

int SqliteStore::schema_version() { return store::schema_version(*db_); }

void SqliteStore::put_secret_unlocked(std::string_view name, std::string_view plaintext, std::int64_t now_ms) {
  auto st = db_->prepare(
      "INSERT INTO secrets(name, sealed, updated_at_ms) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(name) DO UPDATE SET sealed = excluded.sealed, updated_at_ms = excluded.updated_at_ms");
  st.bind(1, name).bind_blob(2, box_.seal(plaintext, name)).bind(3, now_ms);
  st.run();
}

void SqliteStore::put_secret(std::string_view name, std::string_view plaintext, std::int64_t now_ms) {
  put_secret_unlocked(name, plaintext, now_ms);
}

std::optional<std::string> SqliteStore::secret(std::string_view name) {
  auto st = db_->prepare("SELECT sealed FROM secrets WHERE name = ?1");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  auto plain = box_.open(st.blob(0), name);
  if (!plain) {
    // Wrong store_key or a tampered file: refuse loudly instead of acting on garbage.
    throw std::runtime_error("stored secret '" + std::string(name) +
                             "' cannot be decrypted: the host's store_key differs from the one it was sealed with, "
                             "or the file was modified");
  }
  return plain;
}

void SqliteStore::erase_secret(std::string_view name) {
  auto st = db_->prepare("DELETE FROM secrets WHERE name = ?1");
  st.bind(1, name);
  st.run();
}

void SqliteStore::remember_oauth_state(std::string_view state, std::int64_t now_ms) {
  db_->transaction([&] {
    // Old, never-used states are pruned as new ones are issued (a day is far past any consent).
    auto prune = db_->prepare("DELETE FROM oauth_states WHERE created_at_ms < ?1");
    prune.bind(1, now_ms - 24LL * 3600 * 1000);
    prune.run();
    auto st = db_->prepare(
        "INSERT INTO oauth_states(state, created_at_ms) VALUES(?1, ?2) "
        "ON CONFLICT (state) DO UPDATE SET created_at_ms = excluded.created_at_ms");
    st.bind(1, state).bind(2, now_ms);
    st.run();
  });
}

bool SqliteStore::take_oauth_state(std::string_view state, std::int64_t now_ms, std::int64_t max_age_ms) {
  bool ok = false;
  db_->transaction([&] {
    auto st = db_->prepare("SELECT created_at_ms FROM oauth_states WHERE state = ?1");
    st.bind(1, state);
    if (!st.step()) return;
    const std::int64_t created = st.int64(0);
    auto del = db_->prepare("DELETE FROM oauth_states WHERE state = ?1");
    del.bind(1, state);
    del.run();
    ok = now_ms - created <= max_age_ms && now_ms >= created - 60'000;
  });
  return ok;
}

std::optional<AccountRecord> SqliteStore::account() {
  auto st = db_->prepare(
      "SELECT link_state, reason, shop_id, shop_name, shop_region, shop_seller_type, shop_cipher, shop_code, "
      "open_id, seller_name, seller_base_region, granted_scopes_json, authorized_shops_json, "
      "access_expires_at, refresh_expires_at, tokens_obtained_at, updated_at_ms FROM account WHERE id = 1");
  if (!st.step()) return std::nullopt;
  AccountRecord r;
  r.state = parse_link_state(st.text(0));
  r.reason = st.text(1);
  r.shop = {st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)};
  r.open_id = st.text(8);
  r.seller_name = st.text(9);
  r.seller_base_region = st.text(10);
  r.granted_scopes = strings_from_json(st.text(11));
  r.authorized_shops = shops_from_json(st.text(12));
  r.access_expires_at = st.int64(13);
  r.refresh_expires_at = st.int64(14);
  r.tokens_obtained_at = st.int64(15);
  r.updated_at_ms = st.int64(16);
  return r;
}

void SqliteStore::save_connection(const AccountRecord& r, const TokenSet& t) {
  db_->transaction([&] {
    auto st = db_->prepare(
        "INSERT INTO account(id, link_state, reason, shop_id, shop_name, shop_region, shop_seller_type, "
        "shop_cipher, shop_code, open_id, seller_name, seller_base_region, granted_scopes_json, "
        "authorized_shops_json, access_expires_at, refresh_expires_at, tokens_obtained_at, updated_at_ms) "
        "VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT (id) DO UPDATE SET link_state = excluded.link_state, reason = excluded.reason, "
        "shop_id = excluded.shop_id, shop_name = excluded.shop_name, shop_region = excluded.shop_region, "
        "shop_seller_type = excluded.shop_seller_type, shop_cipher = excluded.shop_cipher, "
        "shop_code = excluded.shop_code, open_id = excluded.open_id, seller_name = excluded.seller_name, "
        "seller_base_region = excluded.seller_base_region, granted_scopes_json = excluded.granted_scopes_json, "
        "authorized_shops_json = excluded.authorized_shops_json, access_expires_at = excluded.access_expires_at, "
        "refresh_expires_at = excluded.refresh_expires_at, tokens_obtained_at = excluded.tokens_obtained_at, "
        "updated_at_ms = excluded.updated_at_ms");
    st.bind(1, link_state_name(r.state)).bind(2, r.reason).bind(3, r.shop.id).bind(4, r.shop.name);
    st.bind(5, r.shop.region).bind(6, r.shop.seller_type).bind(7, r.shop.cipher).bind(8, r.shop.code);
    st.bind(9, r.open_id).bind(10, r.seller_name).bind(11, r.seller_base_region);
    st.bind(12, strings_to_json(r.granted_scopes)).bind(13, shops_to_json(r.authorized_shops));
    st.bind(14, t.access_expires_at).bind(15, t.refresh_expires_at).bind(16, t.obtained_at).bind(17, r.updated_at_ms);
    st.run();
    put_secret_unlocked(kAccessToken, t.access_token, r.updated_at_ms);
    put_secret_unlocked(kRefreshToken, t.refresh_token, r.updated_at_ms);
  });
}

void SqliteStore::save_tokens(const TokenSet& t, std::int64_t now_ms) {
  db_->transaction([&] {
    auto st = db_->prepare(
        "UPDATE account SET access_expires_at = ?1, refresh_expires_at = ?2, tokens_obtained_at = ?3, "
        "link_state = 'connected', reason = '', updated_at_ms = ?4 WHERE id = 1");
    st.bind(1, t.access_expires_at).bind(2, t.refresh_expires_at).bind(3, t.obtained_at).bind(4, now_ms);
    st.run();
    if (db_->changes() == 0) throw std::runtime_error("no connected account to store tokens for");
    put_secret_unlocked(kAccessToken, t.access_token, now_ms);
    put_secret_unlocked(kRefreshToken, t.refresh_token, now_ms);
  });
}

std::optional<TokenSet> SqliteStore::tokens() {
  auto st = db_->prepare("SELECT access_expires_at, refresh_expires_at, tokens_obtained_at FROM account WHERE id = 1");
  if (!st.step()) return std::nullopt;
  TokenSet t;
  t.access_expires_at = st.int64(0);
  t.refresh_expires_at = st.int64(1);
  t.obtained_at = st.int64(2);
  auto access = secret(kAccessToken);
  auto refresh = secret(kRefreshToken);
  if (!access || !refresh) return std::nullopt;
  t.access_token = std::move(*access);
  t.refresh_token = std::move(*refresh);
  return t;
}

void SqliteStore::set_link_state(LinkState state, std::string_view reason, std::int64_t now_ms) {
  auto st = db_->prepare("UPDATE account SET link_state = ?1, reason = ?2, updated_at_ms = ?3 WHERE id = 1");
  st.bind(1, link_state_name(state)).bind(2, reason).bind(3, now_ms);
  st.run();
}

void SqliteStore::forget_account() {
  db_->transaction([&] {
    db_->exec("DELETE FROM account");
    erase_secret(kAccessToken);
    erase_secret(kRefreshToken);
  });
}

}  // namespace ocean::tiktok::store
