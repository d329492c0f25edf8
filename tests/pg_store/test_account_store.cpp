// The account store on both backends (a real SQLite file, a real PostgreSQL schema): migrations,
// sealed secrets, OAuth states, the account.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "backend.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

using namespace ocean::tiktok;
using namespace ocean::tiktok::store;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("a new store is migrated to the latest schema - reopening keeps it") {
  const auto b = make_backend(BACKEND(), "store-migrate");
  {
    SqliteStore s(b->location, SecretBox::from_host_secret("k"));
    CHECK(s.schema_version() == latest_schema_version());
    s.put_secret("app_secret", "value-1", 1);
  }
  SqliteStore again(b->location, SecretBox::from_host_secret("k"));
  CHECK(again.schema_version() == latest_schema_version());
  CHECK(again.secret("app_secret") == std::optional<std::string>("value-1"));
}

TEST_CASE("a store from a newer plugin is refused") {
  const auto b = make_backend(BACKEND(), "store-newer");
  b->raw()->set_schema_version(999);
  CHECK_THROWS_WITH(SqliteStore(b->location, SecretBox::from_host_secret("k")), Catch::Contains("newer"));
}

TEST_CASE("secrets are sealed on disk and need the same key to open") {
  const auto b = make_backend("sqlite", "store-secrets");
  const auto path = b->location.sqlite_path;
  const std::string secret = "SUPER-SECRET-APP-SECRET-42";
  {
    SqliteStore s(path, SecretBox::from_host_secret("key-A"));
    s.put_secret("app_secret", secret, 1);
    s.put_secret("app_secret", secret + "-rotated", 2);
  }
  for (const char* suffix : {"", "-wal"}) {
    const auto raw = slurp(path + suffix);
    CHECK(raw.find(secret) == std::string::npos);
  }
  SqliteStore wrong(path, SecretBox::from_host_secret("key-B"));
  CHECK_THROWS_WITH(wrong.secret("app_secret"), Catch::Contains("cannot be decrypted"));
  CHECK_FALSE(wrong.secret("missing").has_value());
}

TEST_CASE("OAuth states are single use and expire") {
  const auto b = make_backend(BACKEND(), "store-states");
  SqliteStore s(b->location, SecretBox::from_host_secret("k"));
  s.remember_oauth_state("abc", 1'000);
  CHECK_FALSE(s.take_oauth_state("forged", 2'000, 60'000));
  CHECK(s.take_oauth_state("abc", 2'000, 60'000));
  CHECK_FALSE(s.take_oauth_state("abc", 2'000, 60'000));  // used
  s.remember_oauth_state("old", 1'000);
  CHECK_FALSE(s.take_oauth_state("old", 1'000 + 60'001, 60'000));  // too old
}

TEST_CASE("connection - token refresh - state changes and forgetting") {
  const auto b = make_backend(BACKEND(), "store-account");
  SqliteStore s(b->location, SecretBox::from_host_secret("k"));
  CHECK_FALSE(s.account().has_value());
  CHECK_FALSE(s.tokens().has_value());
  CHECK_THROWS(s.save_tokens(TokenSet{"a", "r", 1, 2, 0}, 5));

  AccountRecord r;
  r.state = LinkState::connected;
  r.shop = {"7495", "My Shop", "GB", "LOCAL", "ROW_cipher", "GBLC1"};
  r.seller_name = "Seller";
  r.granted_scopes = {"seller.order.read"};
  r.authorized_shops = {r.shop, {"7496", "Other", "GB", "LOCAL", "ROW_other", "GBLC2"}};
  r.updated_at_ms = 10;
  s.save_connection(r, TokenSet{"ACCESS-1", "REFRESH-1", 1000, 2000, 100});

  auto got = s.account();
  REQUIRE(got.has_value());
  CHECK(got->state == LinkState::connected);
  CHECK(got->shop.cipher == "ROW_cipher");
  CHECK(got->authorized_shops.size() == 2);
  CHECK(got->granted_scopes == std::vector<std::string>{"seller.order.read"});
  CHECK(got->access_expires_at == 1000);
  auto t = s.tokens();
  REQUIRE(t.has_value());
  CHECK(t->access_token == "ACCESS-1");
  CHECK(t->refresh_token == "REFRESH-1");

  s.set_link_state(LinkState::needs_reauth, "refresh token expired", 20);
  CHECK(s.account()->state == LinkState::needs_reauth);
  s.save_tokens(TokenSet{"ACCESS-2", "REFRESH-2", 3000, 4000, 200}, 30);
  CHECK(s.account()->state == LinkState::connected);
  CHECK(s.tokens()->access_token == "ACCESS-2");
  CHECK(s.account()->access_expires_at == 3000);

  s.forget_account();
  CHECK_FALSE(s.account().has_value());
  CHECK_FALSE(s.tokens().has_value());
  CHECK_FALSE(s.secret("access_token").has_value());
}
