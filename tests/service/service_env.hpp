// One tts-sandbox (HTTPS, its own CA) and an erp-host config with one TikTok Shop account
// ("tts-us") pointed at it, connected through the real OAuth flow by erp-host itself
// (invoke account.authorize_url, the consent page, invoke account.connect). erp-host runs as a
// child process (host_serve/serve_process.hpp); its data directory survives between commands.
#pragma once

#include "host_serve/serve_process.hpp"
#include "ocean_common/url.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace service_test {
namespace fs = std::filesystem;
namespace json = boost::json;

inline const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";
inline constexpr const char* kAppKey = "svcappkey";
inline constexpr const char* kAppSecret = "svc-app-secret-0123456789abcdef";
inline constexpr const char* kStoreKey = "svc-store-key-0123456789abcdefghij";

struct Run {
  int code = -1;
  std::string out, err;
};

class ServiceEnv {
 public:
  ocean::testing::SandboxProcess sb;
  ocean::testing::HttpClient http{sb.ca_file()};
  fs::path dir;
  fs::path config;
  std::string shop_id, region;

  // `account_extra`: more members of the account's plugin config; `with_store_key`: the config's
  // secrets carry the store key (else the host has none).
  explicit ServiceEnv(json::object account_extra = {}, bool with_store_key = true)
      : sb({"--app", std::string(kAppKey) + ":" + kAppSecret + ":7009:https://erp.example.com/cb", "--shops", "1",
            "--seed", "9", "--orders", "20"}) {
    std::string pattern = (fs::temp_directory_path() / "ocean-service-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
    const auto shop = admin("GET", "/_sandbox/shops").at("shops").at(0).as_object();
    shop_id = std::string(shop.at("id").as_string());
    region = std::string(shop.at("region").as_string());
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", region},
                     {"service_id", "7009"},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()}};
    for (const auto& [k, v] : account_extra) cfg[k] = v;
    json::object host{
        {"data_dir", (dir / "data").string()},
        {"accounts", json::array{json::object{{"id", "tts-us"}, {"plugin", "tiktok_shop"}, {"config", cfg}}}}};
    if (with_store_key) host["secrets"] = json::object{{"store_key", kStoreKey}};
    config = dir / "host.json";
    std::ofstream(config) << json::serialize(host);
  }
  ~ServiceEnv() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  ServiceEnv(const ServiceEnv&) = delete;
  ServiceEnv& operator=(const ServiceEnv&) = delete;

  std::vector<std::string> args(const std::vector<std::string>& rest) const {
    std::vector<std::string> a{kHost, "--plugins", OCEAN_PLUGIN_DIR, "--config", config.string()};
    a.insert(a.end(), rest.begin(), rest.end());
    return a;
  }

  // erp-host with these arguments, to completion.
  Run host(const std::vector<std::string>& rest) {
    const fs::path io = dir / ("run" + std::to_string(++runs_));
    fs::create_directories(io);
    serve_test::ServeProcess p(args(rest), io);
    Run r;
    r.code = p.wait_exit(300);
    r.out = p.stdout_text();
    r.err = p.stderr_text();
    return r;
  }

  // The seller authorizes on the sandbox's consent page; erp-host completes the connection.
  void connect() {
    Run r = host({"--json", "invoke", "tts-us", "account.authorize_url"});
    if (r.code != 0) throw std::runtime_error("authorize_url: " + r.out + r.err);
    const std::string url(json::parse(r.out).at("response").at("url").as_string());
    const auto consent = http.request("GET", url);
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    r = host({"invoke", "tts-us", "account.connect", json::serialize(cb)});
    if (r.code != 0) throw std::runtime_error("connect: " + r.out + r.err);
  }

  json::object admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data").as_object();
  }

 private:
  int runs_ = 0;
};

}  // namespace service_test
