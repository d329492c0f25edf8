// AES-256-GCM sealing for secrets at rest (tokens, the app secret). Each value gets a fresh
// random 96-bit nonce; the slot name is bound in as associated data so a sealed value copied
// into another slot fails to open instead of silently becoming a different secret.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok {

class SecretBox {
 public:
  // `host_secret` is whatever the host's secret service returned for "store_key" (any length,
  // any bytes); the AES key is its SHA-256, so hosts need not produce exactly 32 bytes.
  static SecretBox from_host_secret(std::string_view host_secret);

  // Layout: 0x01 | nonce(12) | ciphertext | tag(16).
  std::string seal(std::string_view plaintext, std::string_view aad) const;

  // nullopt when the value was tampered with, sealed under another key, or for another slot.
  std::optional<std::string> open(std::string_view sealed, std::string_view aad) const;

  SecretBox(const SecretBox&) = default;
  SecretBox& operator=(const SecretBox&) = default;
  ~SecretBox();

 private:
  explicit SecretBox(std::string key) : key_(std::move(key)) {}
  std::string key_;  // 32 bytes
};

}  // namespace ocean::tiktok
