// Cryptographic primitives over OpenSSL 3, shared by the plugin, the sandbox and the tools.
#pragma once
#include <string>
#include <string_view>

namespace ocean::crypto {

// HMAC-SHA256(key, message), lowercase hex (64 characters).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// SHA-256 of data, raw 32 bytes.
std::string sha256_raw(std::string_view data);

// Lowercase hex of arbitrary bytes.
std::string to_hex(std::string_view bytes);

// Compares in time that depends only on the lengths, never on where the inputs differ,
// so a forged signature cannot be guessed byte by byte.
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

// Cryptographically random bytes (OpenSSL RAND_bytes). Throws std::runtime_error on failure.
std::string random_bytes(std::size_t n);

}  // namespace ocean::crypto
