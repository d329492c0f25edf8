// A private CA and a server certificate for 127.0.0.1/localhost, made with the OpenSSL API so that
// clients can keep TLS verification on against the sandbox (they trust ca.pem only).
#pragma once
#include <string>

namespace tts_sandbox {

struct TlsFiles {
  std::string ca_file;    // PEM CA certificate that clients trust
  std::string cert_file;  // PEM server certificate followed by the CA (a chain)
  std::string key_file;   // PEM server private key
};

// Reuses the files in `dir` when all of them exist; otherwise creates `dir` and writes fresh ones
// (each file is written to a temporary name and renamed, so a reader never sees half a file).
// Throws std::runtime_error with the reason on failure.
TlsFiles ensure_tls_files(const std::string& dir);

}  // namespace tts_sandbox
