// erp-host serve with the real TikTok Shop plugin: webhook deliveries reach its intake through
// HTTP on loopback, and the host answers what the plugin decided (signature over the exact bytes).
#include <catch2/catch.hpp>

#include "serve_process.hpp"
#include "support/http_client.hpp"

#include "ocean_common/tts_sign.hpp"

#include <cstdlib>

namespace fs = std::filesystem;
using ocean::testing::HttpClient;
using serve_test::ServeProcess;

namespace {
const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";
constexpr const char* kAppKey = "6serveappkey";
constexpr const char* kAppSecret = "serve-test-app-secret-0123456789";

struct TikTokHost {
  fs::path dir;
  fs::path config;
  TikTokHost() {
    std::string pattern = (fs::temp_directory_path() / "ocean-serve-tts-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
    config = dir / "host.json";
    std::ofstream(config) << R"({"data_dir":")" << (dir / "data").string()
                          << R"(","secrets":{"store_key":"serve-test-store-key-000000000001"},"accounts":[)"
                          << R"({"id":"tts-us","plugin":"tiktok_shop","config":{"app_key":")" << kAppKey
                          << R"(","app_secret":")" << kAppSecret << R"(","region":"US"}}]})";
  }
  ~TikTokHost() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};
}  // namespace

TEST_CASE("serve with the TikTok Shop plugin - forged signature 401, signed delivery 200, repeat 200, malformed 400") {
  TikTokHost host;
  ServeProcess serve(
      {kHost, "--plugins", OCEAN_PLUGIN_DIR, "--config", host.config.string(), "serve", "--tick-interval", "500"},
      host.dir);
  const std::string url = serve.wait_listening() + "/webhooks/tts-us";
  INFO("stderr: " << serve.stderr_text());
  HttpClient http;
  const std::string body =
      R"({"type":1,"tts_notification_id":"7330000000000000001","shop_id":"7000000000000000001","timestamp":1764000000,)"
      R"("data":{"order_id":"576000000000000001","order_status":"AWAITING_SHIPMENT","update_time":1764000000}})";
  const std::string signature = ocean::tts::webhook_signature(kAppKey, kAppSecret, body);

  auto forged =
      http.request("POST", url, body, {"Authorization: " + std::string(64, '0'), "Content-Type: application/json"});
  CHECK(forged.status == 401);
  // One byte changed after signing: the signature covers the exact bytes.
  std::string altered = body;
  altered.back() = ' ';
  altered += "}";
  CHECK(http.request("POST", url, altered, {"Authorization: " + signature}).status == 401);

  auto accepted = http.request("POST", url, body, {"Authorization: " + signature, "Content-Type: application/json"});
  CHECK(accepted.status == 200);
  CHECK(accepted.body.empty());
  CHECK(http.request("POST", url, body, {"Authorization: " + signature}).status == 200);  // duplicate, acknowledged

  const std::string malformed = R"({"type":1,"data":{}})";
  CHECK(http.request("POST", url, malformed,
                     {"Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, malformed)})
            .status == 400);

  CHECK(serve.stop() == 0);
  // The app secret never reaches the output or the logs.
  CHECK(serve.stdout_text().find(kAppSecret) == std::string::npos);
  CHECK(serve.stderr_text().find(kAppSecret) == std::string::npos);
  CHECK(serve.stdout_text().find("tts-us  plugin tiktok_shop  state stopped") != std::string::npos);
}
