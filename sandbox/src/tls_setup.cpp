#include "tls_setup.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "ocean_common/crypto.hpp"

namespace tts_sandbox {
namespace {

namespace fs = std::filesystem;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("TLS setup failed: ") + what);
}

PkeyPtr make_key() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key generation");
  return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "certificate extension");
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(ok == 1, "adding certificate extension");
}

X509Ptr make_cert(EVP_PKEY* subject_key, const char* common_name, X509* issuer, EVP_PKEY* issuer_key, bool is_ca) {
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  // Random 63-bit serials: a regenerated CA never collides with a cached one in a client.
  const std::string serial_bytes = ocean::crypto::random_bytes(8);
  std::uint64_t serial = 0;
  for (unsigned char c : serial_bytes) serial = (serial << 8) | c;
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial >> 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365 * 5);
  check(X509_set_pubkey(cert.get(), subject_key) == 1, "set public key");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("tts-sandbox"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* issuer_cert = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert));
  if (is_ca) {
    add_ext(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_ext(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  } else {
    add_ext(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), issuer_cert, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_ext(cert.get(), issuer_cert, NID_ext_key_usage, "serverAuth");
    add_ext(cert.get(), issuer_cert, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    add_ext(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  }
  check(X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0, "signing certificate");
  return cert;
}

std::string to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM encode certificate");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string to_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM encode key");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

void write_atomically(const fs::path& target, const std::string& content, bool secret) {
  const fs::path tmp = target.string() + ".tmp" + ocean::crypto::to_hex(ocean::crypto::random_bytes(4));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("TLS setup failed: cannot write " + tmp.string());
    out << content;
    if (!out.flush()) throw std::runtime_error("TLS setup failed: cannot write " + tmp.string());
  }
  if (secret) fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  fs::rename(tmp, target);
}

}  // namespace

TlsFiles ensure_tls_files(const std::string& dir) {
  const fs::path base(dir);
  TlsFiles files{(base / "ca.pem").string(), (base / "server.pem").string(), (base / "server.key").string()};
  std::error_code ec;
  if (fs::exists(files.ca_file, ec) && fs::exists(files.cert_file, ec) && fs::exists(files.key_file, ec)) {
    return files;
  }
  fs::create_directories(base, ec);
  if (ec) throw std::runtime_error("TLS setup failed: cannot create " + dir + ": " + ec.message());

  PkeyPtr ca_key = make_key();
  X509Ptr ca = make_cert(ca_key.get(), "tts-sandbox test CA", nullptr, ca_key.get(), true);
  PkeyPtr server_key = make_key();
  X509Ptr server = make_cert(server_key.get(), "localhost", ca.get(), ca_key.get(), false);

  // The CA key is not kept: nothing else should ever be signed by this CA.
  write_atomically(files.key_file, to_pem(server_key.get()), true);
  write_atomically(files.cert_file, to_pem(server.get()) + to_pem(ca.get()), false);
  write_atomically(files.ca_file, to_pem(ca.get()), false);
  return files;
}

}  // namespace tts_sandbox
