// HTTPS over libcurl with one easy handle per instance, reused so connections stay alive (and
// HTTP/2 is negotiated where the server offers it). TLS verification is always on; a CA bundle
// may replace the system store but never disable checking. Responses are capped in size.
// Knows nothing about TikTok: envelopes and signing live in api_client.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ocean::tiktok {

struct HttpSettings {
  std::string ca_bundle;  // "" = system store
  std::int64_t connect_timeout_ms = 10'000;
  std::int64_t total_timeout_ms = 30'000;
  std::size_t max_response_bytes = 16u * 1024u * 1024u;
  std::string user_agent = "ocean-tiktok-shop";
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;                                           // full URL including query
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given
  std::string body;                                          // exact bytes ("" = none)
};

enum class TransportError {
  none,
  not_sent,   // DNS, connect or TLS handshake failed: the server never saw the request
  timeout,    // no complete answer in time: the server may have acted
  reset,      // connection dropped mid-exchange: the server may have acted
  tls,        // certificate verification failed (or the CA bundle is unusable)
  too_large,  // response over the cap
  other,
};

struct HttpResult {
  TransportError error = TransportError::none;
  std::string error_message;  // safe to show: never contains the URL's query
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::string http_version;                    // "1.1" or "2"
};

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult perform(const HttpRequest& request);

  // libcurl global setup, thread-safe and idempotent (curl >= 7.84 reports it so; earlier
  // versions are serialised by a once-flag here).
  static void global_init();

 private:
  HttpSettings settings_;
  std::mutex mutex_;  // one transfer at a time on the shared handle
  void* curl_;        // CURL*, kept opaque so this header stays libcurl-free
};

}  // namespace ocean::tiktok
