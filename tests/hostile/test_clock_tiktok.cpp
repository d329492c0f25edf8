// Issue 15, item 6: erp-host --clock-offset moves the clock the TikTok Shop plugin lives by, so
// an hour can pass in a test: with the sandbox clock moved by the same hour, `serve` sees the
// auto-sync fall due again and the access token (30 minutes here) refreshed. Without the offset
// neither would happen for another 15 minutes, and the plugin's signed timestamps would be an
// hour behind the sandbox's window.
#include <catch2/catch.hpp>

#include "serve_child.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

#include "ocean_common/url.hpp"

#include <boost/json.hpp>

#include <ctime>

using namespace hostile;
namespace json = boost::json;

namespace {
constexpr const char* kAppKey = "6clockappkey";
constexpr const char* kAppSecret = "clock-test-app-secret-0123456789";
constexpr const char* kServiceId = "7000000000000000042";

struct Scene {
  ocean::testing::SandboxProcess sandbox{
      {"--app", std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/oauth/callback",
       "--shops", "1", "--products", "5", "--orders", "20", "--access-token-ttl", "1800"}};
  ocean::testing::HttpClient admin{sandbox.ca_file()};
  TempDir dir;
  fs::path config = dir.path() / "host.json";

  Scene() {
    json::object account_config{{"app_key", kAppKey},
                                {"app_secret", kAppSecret},
                                {"region", "GB"},
                                {"service_id", kServiceId},
                                {"api_base_url", sandbox.https_base()},
                                {"auth_base_url", sandbox.https_base()},
                                {"authorize_base_url", sandbox.https_base()},
                                {"ca_bundle", sandbox.ca_file()},
                                {"sync_interval", "15m"}};
    json::object host{
        {"data_dir", (dir.path() / "data").string()},
        {"default_account", "tts"},
        {"secrets", json::object{{"store_key", "clock-test-store-key-0000000000001"}}},
        {"accounts", json::array{json::object{{"id", "tts"}, {"plugin", "tiktok_shop"}, {"config", account_config}}}}};
    std::ofstream(config) << json::serialize(host);
  }

  json::value admin_call(const std::string& method, const std::string& path, const json::object& body = {}) {
    const auto r = admin.request(method, sandbox.https_base() + path, method == "GET" ? "" : json::serialize(body),
                                 {"content-type: application/json"});
    return r.json().as_object().at("data");
  }
  // Seconds the sandbox clock is ahead of the system clock.
  std::int64_t sandbox_offset() {
    return admin_call("GET", "/_sandbox/clock").at("now").to_number<std::int64_t>() -
           static_cast<std::int64_t>(std::time(nullptr));
  }

  std::vector<std::string> host_args(std::int64_t offset, const std::vector<std::string>& rest) const {
    std::vector<std::string> a{kHost,           "--plugins",      OCEAN_PLUGIN_DIR,       "--config",
                               config.string(), "--clock-offset", std::to_string(offset), "--json"};
    a.insert(a.end(), rest.begin(), rest.end());
    return a;
  }
  json::value invoke(std::int64_t offset, const std::string& capability, const json::object& request) {
    ChildOptions options;
    ServeChild run(host_args(offset, {"invoke", "tts", capability, json::serialize(request)}), dir.path(), options);
    for (int i = 0; i < 1200 && !run.exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    INFO(capability << ": " << run.stdout_text() << "\n" << run.stderr_text());
    REQUIRE(run.stop() == 0);
    return json::parse(run.stdout_text()).as_object().at("response");
  }

  // authorize_url -> the seller's consent on the sandbox page -> connect.
  void connect(std::int64_t offset) {
    const auto url = invoke(offset, "account.authorize_url", {}).at("url").as_string();
    const auto consent = admin.request("GET", std::string(url));
    REQUIRE(consent.status == 302);
    const std::string location = consent.headers.at("location");
    json::object callback;
    for (const auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) callback[k] = v;
    invoke(offset, "account.connect", callback);
  }

  // Runs serve with the clock `offset` until a sync.finished event is printed; returns stderr.
  std::string serve_until_synced(std::int64_t offset) {
    ServeChild serve(host_args(offset, {"serve", "--tick-interval", "200"}), dir.path());
    serve.wait_port();
    bool synced = false;
    for (int i = 0; i < 1200 && !synced; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      synced = serve.stdout_text().find(R"("type":"sync.finished")") != std::string::npos;
    }
    INFO(serve.stdout_text() << "\n" << serve.stderr_text());
    CHECK(synced);
    CHECK(serve.stdout_text().find(R"("outcome":"ok")") != std::string::npos);
    CHECK(serve.stop() == 0);
    return serve.stderr_text();
  }
};
}  // namespace

TEST_CASE("erp-host --clock-offset: an hour later the auto-sync and the token refresh happen against the sandbox") {
  Scene scene;
  const std::int64_t offset = scene.sandbox_offset();
  scene.connect(offset);
  // The first auto-sync falls due at once; the 30-minute token is fresh, nothing is refreshed.
  const std::string first = scene.serve_until_synced(offset);
  CHECK(first.find("refreshed the access token") == std::string::npos);

  scene.admin_call("POST", "/_sandbox/clock", {{"advance", 3600}});
  const std::string later = scene.serve_until_synced(offset + 3600);
  CHECK(later.find("refreshed the access token") != std::string::npos);
  CHECK(later.find("auto-sync failed") == std::string::npos);
}
