// Signed TikTok Shop calls for tests: builds the common query (app_key, timestamp, shop_cipher), signs
// path + query + body with ocean_common's 202309 signer, and sends the token header. Also wraps the
// sandbox admin surface. Header-only; link ocean_common, ocean_boost and CURL::libcurl.
#pragma once
#include <boost/json.hpp>
#include <ctime>
#include <string>

#include "http_client.hpp"
#include "ocean_common/tts_sign.hpp"
#include "ocean_common/url.hpp"

namespace ocean::testing {

struct TtsCall {
  std::string method = "GET";
  std::string path;
  ocean::url::QueryParams query;  // endpoint parameters (page_size, ids, ...)
  std::string body;
  std::string content_type = "application/json";
  std::int64_t timestamp = 0;  // 0: the sandbox time the client tracks (see TtsClient::sync_clock)
  bool include_shop_cipher = true;
};

class TtsClient {
 public:
  TtsClient(std::string base_url, std::string ca_file, std::string app_key, std::string app_secret)
      : base_(std::move(base_url)),
        http_(std::move(ca_file)),
        app_key_(std::move(app_key)),
        app_secret_(std::move(app_secret)) {}

  std::string access_token;
  std::string shop_cipher;

  // Learns the sandbox clock so default timestamps fall inside its window after a clock change.
  void sync_clock() {
    const auto now = admin("GET", "/_sandbox/clock").as_object().at("now").to_number<std::int64_t>();
    clock_offset_ = now - static_cast<std::int64_t>(std::time(nullptr));
  }
  std::int64_t sandbox_now() const { return static_cast<std::int64_t>(std::time(nullptr)) + clock_offset_; }

  // The full URL (with sign) for a call; exposed so tests can tamper with bytes after signing.
  std::string signed_target(const TtsCall& c) const {
    ocean::url::QueryParams q{{"app_key", app_key_},
                              {"timestamp", std::to_string(c.timestamp ? c.timestamp : sandbox_now())}};
    if (c.include_shop_cipher && !shop_cipher.empty()) q.emplace_back("shop_cipher", shop_cipher);
    q.insert(q.end(), c.query.begin(), c.query.end());
    const bool multipart = ocean::tts::is_multipart(c.content_type);
    const ocean::tts::SignInput in{c.path, &q, c.body, !multipart};
    q.emplace_back("sign", ocean::tts::sign_request(app_secret_, in));
    return c.path + "?" + ocean::url::build_query(q);
  }

  HttpResponse call(const TtsCall& c) { return send(c.method, signed_target(c), c.body, c.content_type); }

  // Sends an already built target (path?query) with the token header.
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& content_type = "application/json") {
    std::vector<std::string> headers;
    if (!content_type.empty()) headers.push_back("Content-Type: " + content_type);
    if (!access_token.empty()) headers.push_back("x-tts-access-token: " + access_token);
    return http_.request(method, base_ + target, body, headers);
  }

  HttpResponse raw(const std::string& method, const std::string& target, const std::string& body = "",
                   const std::vector<std::string>& headers = {}) {
    return http_.request(method, base_ + target, body, headers);
  }

  // Calls the admin surface and returns `data`; throws when the envelope code is not 0.
  boost::json::value admin(const std::string& method, const std::string& path,
                           const boost::json::value& body = nullptr) {
    const std::string text = body.is_null() ? std::string() : boost::json::serialize(body);
    auto r = http_.request(method, base_ + path, text, {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0) {
      throw std::runtime_error("admin " + path + " failed: " + r.body);
    }
    return v.as_object().at("data");
  }

  const std::string& app_key() const { return app_key_; }

 private:
  std::string base_;
  HttpClient http_;
  std::string app_key_;
  std::string app_secret_;
  std::int64_t clock_offset_ = 0;
};

}  // namespace ocean::testing
