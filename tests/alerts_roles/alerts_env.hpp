// One tts-sandbox per scene and one TikTok Shop plugin instance on it, loaded through the C ABI,
// connected through the real OAuth flow, with alert rules in its config. The host clock (TestHost)
// and the sandbox clock are moved together, so signed timestamps stay in the sandbox's window.
#pragma once
#include <boost/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "ocean_common/url.hpp"
#include "plugin_module.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace alerts_test {
namespace json = boost::json;

inline constexpr const char* kAppKey = "alerts-app-key";
inline constexpr const char* kAppSecret = "alerts-app-secret-0123456789abcdef";
inline constexpr const char* kServiceId = "7019";

class Scene {
 public:
  // `alerts` is the config's "alerts" object; `sandbox_args` are extra tts-sandbox flags.
  explicit Scene(const json::object& alerts, std::vector<std::string> sandbox_args = {})
      : sb(args(std::move(sandbox_args))), http(sb.ca_file()) {
    const auto shops = admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
    shop_id = std::string(shops.at(0).as_object().at("id").as_string());
    // The host clock starts where the sandbox clock is.
    host.advance_ms(sandbox_now() * 1000 - host.wall_ms());
    host.set_secret("store_key", "alerts-store-key-0123456789");
    inst = module.create("acct-alerts", host.table());
    json::object features;
    for (const char* f : {"logistics", "promotions", "returns", "live_shopping", "affiliate_program", "shop_analytics"})
      features[f] = true;
    const json::object cfg{{"app_key", kAppKey},
                           {"app_secret", kAppSecret},
                           {"region", std::string(shops.at(0).as_object().at("region").as_string())},
                           {"service_id", kServiceId},
                           {"api_base_url", sb.https_base()},
                           {"auth_base_url", sb.https_base()},
                           {"authorize_base_url", sb.https_base()},
                           {"ca_bundle", sb.ca_file()},
                           {"sync_interval", "manual"},
                           {"features", features},
                           {"alerts", alerts}};
    if (module.configure(inst, json::serialize(cfg)) != OCEAN_OK)
      throw std::runtime_error("configure: " + module.last_message(inst));
    if (module.api().start(inst) != OCEAN_OK) throw std::runtime_error("start: " + module.last_message(inst));
    const auto url = ok("account.authorize_url", json::object{}).at("url").as_string();
    const auto consent = http.request("GET", std::string(url));
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    ok("account.connect", cb);
  }
  ~Scene() { module.api().destroy(inst); }
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;

  json::object ok(const std::string& capability, const json::value& request) {
    auto [s, body] = module.invoke(inst, capability, json::serialize(request));
    if (s != OCEAN_OK) throw std::runtime_error(capability + " failed: " + module.last_message(inst));
    return json::parse(body).as_object();
  }
  ocean_status_t call_status(const std::string& capability, const json::value& request) {
    return module.invoke(inst, capability, json::serialize(request)).first;
  }
  json::value admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data");
  }
  std::int64_t sandbox_now() { return admin("GET", "/_sandbox/clock").as_object().at("now").to_number<std::int64_t>(); }
  json::object truth() { return admin("GET", "/_sandbox/truth?shop_id=" + shop_id).as_object(); }

  // Both clocks move by `seconds`.
  void advance(std::int64_t seconds) {
    admin("POST", "/_sandbox/clock", json::object{{"advance", seconds}});
    host.advance_ms(seconds * 1000);
  }
  std::int64_t now() { return host.wall_ms() / 1000; }

  // A tick at the host's time, a minute after the previous one (the rules run at most once a minute).
  void tick() {
    advance(61);
    if (module.api().tick(inst, host.wall_ms()) != OCEAN_OK)
      throw std::runtime_error("tick: " + module.last_message(inst));
  }

  // The alert.v1 objects raised so far for `rule` (every rule when empty).
  std::vector<json::object> alerts(const std::string& rule = "") {
    std::vector<json::object> out;
    for (const auto& e : host.events()) {
      const json::value v = json::parse(e);
      if (v.at("type") != "alert.raised") continue;
      const json::object& a = v.at("data").as_object();
      if (rule.empty() || a.at("rule") == rule.c_str()) out.push_back(a);
    }
    return out;
  }

  ocean::testing::SandboxProcess sb;
  ocean::testing::HttpClient http;
  TempDir module_root{"alerts-module"};
  TestHost module_host{module_root.path().string()};
  PluginModule module{module_host.table()};
  TempDir root{"alerts"};
  TestHost host{(root.path() / "acct-alerts").string()};
  ocean_instance* inst = nullptr;
  std::string shop_id;

 private:
  static std::vector<std::string> args(std::vector<std::string> extra) {
    std::vector<std::string> a{
        "--app",   std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb",
        "--shops", "1",
        "--seed",  "19"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
};

inline std::string str(const json::value& v, const char* key) { return std::string(v.as_object().at(key).as_string()); }

}  // namespace alerts_test
