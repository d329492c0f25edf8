#include "store/secret_box.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "ocean_common/crypto.hpp"

namespace ocean::tiktok {
namespace {

constexpr unsigned char kVersion = 0x01;
constexpr std::size_t kNonceLen = 12;
constexpr std::size_t kTagLen = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

}  // namespace

SecretBox SecretBox::from_host_secret(std::string_view host_secret) {
  return SecretBox(crypto::sha256_raw(host_secret));
}

SecretBox::~SecretBox() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string SecretBox::seal(std::string_view plaintext, std::string_view aad) const {
  const std::string nonce = crypto::random_bytes(kNonceLen);
  auto ctx = new_ctx();
  std::string ct(plaintext.size(), '\0');
  int len = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes(ct), &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed");
  }
  int final_len = 0;
  unsigned char scratch[16];
  std::string tag(kTagLen, '\0');
  if (EVP_EncryptFinal_ex(ctx.get(), scratch, &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagLen), bytes(tag)) != 1) {
    throw std::runtime_error("AES-256-GCM finalisation failed");
  }
  std::string out;
  out.reserve(1 + kNonceLen + ct.size() + kTagLen);
  out.push_back(static_cast<char>(kVersion));
  out += nonce;
  out += ct;
  out += tag;
  return out;
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view aad) const {
  if (sealed.size() < 1 + kNonceLen + kTagLen || static_cast<unsigned char>(sealed[0]) != kVersion) {
    return std::nullopt;
  }
  const std::string_view nonce = sealed.substr(1, kNonceLen);
  const std::string_view ct = sealed.substr(1 + kNonceLen, sealed.size() - 1 - kNonceLen - kTagLen);
  std::string tag(sealed.substr(sealed.size() - kTagLen));
  auto ctx = new_ctx();
  std::string pt(ct.size(), '\0');
  int len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), bytes(pt), &len, bytes(ct), static_cast<int>(ct.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagLen), bytes(tag)) != 1) {
    return std::nullopt;
  }
  unsigned char scratch[16];
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), scratch, &final_len) != 1) {
    OPENSSL_cleanse(pt.data(), pt.size());
    return std::nullopt;
  }
  return pt;
}

}  // namespace ocean::tiktok
