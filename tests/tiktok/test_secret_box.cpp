// AES-256-GCM sealing of secrets at rest.
#include <catch2/catch.hpp>

#include "store/secret_box.hpp"

using ocean::tiktok::SecretBox;

TEST_CASE("sealed secrets open with the same key and slot only") {
  const auto box = SecretBox::from_host_secret("host-store-key-1");
  const std::string token = "ROW_access_token_value_123456";
  const auto sealed = box.seal(token, "access_token");
  CHECK(sealed.find(token) == std::string::npos);
  CHECK(sealed.size() == 1 + 12 + token.size() + 16);
  REQUIRE(box.open(sealed, "access_token").has_value());
  CHECK(*box.open(sealed, "access_token") == token);

  CHECK_FALSE(box.open(sealed, "refresh_token").has_value());                                 // other slot
  CHECK_FALSE(SecretBox::from_host_secret("host-store-key-2").open(sealed, "access_token"));  // other key
  auto tampered = sealed;
  tampered[20] = static_cast<char>(tampered[20] ^ 0x01);
  CHECK_FALSE(box.open(tampered, "access_token").has_value());
  CHECK_FALSE(box.open(sealed.substr(0, 10), "access_token").has_value());
  CHECK_FALSE(box.open("", "access_token").has_value());
}

TEST_CASE("every seal uses a fresh nonce - empty values round-trip") {
  const auto box = SecretBox::from_host_secret("k");
  CHECK(box.seal("same", "n") != box.seal("same", "n"));
  const auto empty = box.seal("", "n");
  REQUIRE(box.open(empty, "n").has_value());
  CHECK(box.open(empty, "n")->empty());
}
