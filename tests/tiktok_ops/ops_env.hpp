// One tts-sandbox (HTTPS, its own CA) and the TikTok Shop plugin loaded through its C ABI, shared
// by the test cases of this binary; accounts are plugin instances connected through the real
// OAuth flow (consent redirect -> account.connect). Each account's data dir is <root>/<account>,
// as erp-host lays them out, so the host-wide LIVE calendar lives in <root>.
#pragma once
#include <boost/json.hpp>

#include <map>
#include <set>
#include <memory>
#include <stdexcept>
#include <string>

#include "ocean_common/url.hpp"
#include "plugin_module.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace ops_test {
namespace json = boost::json;

inline constexpr const char* kAppKey = "ops-app-key";
inline constexpr const char* kAppSecret = "ops-app-secret-0123456789abcdef";
inline constexpr const char* kServiceId = "7001";

struct Reply {
  ocean_status_t status;
  json::value body;  // null unless OK
  std::string message;
};

inline json::object all_ops_features(bool on) {
  json::object f;
  for (const char* id : {"logistics", "promotions", "returns", "live_shopping", "affiliate_program", "shop_analytics"})
    f[id] = on;
  return f;
}

class OpsEnv {
 public:
  static OpsEnv& get() {
    static OpsEnv env;
    return env;
  }

  ocean::testing::SandboxProcess sb{
      {"--app", std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb", "--shops",
       "1", "--seed", "11", "--orders", "400"}};
  // The module data dir erp-host would give init: where the host-wide LIVE calendar lives.
  TempDir module_root{"ops-module"};
  TestHost module_host{module_root.path().string()};
  PluginModule module{module_host.table()};
  TempDir root{"ops"};
  ocean::testing::HttpClient http{sb.ca_file()};
  std::string shop_id, region;

  ~OpsEnv() {
    for (auto& [id, a] : accounts_) module.api().destroy(a.instance);
  }

  // A started (and, unless `connect` is false, connected) account with the given features.
  ocean_instance* account(const std::string& id, const json::object& features = all_ops_features(true),
                          bool connect = true) {
    auto it = accounts_.find(id);
    if (it != accounts_.end()) return it->second.instance;
    auto host = std::make_unique<TestHost>((root.path() / id).string());
    host->set_secret("store_key", "ops-store-key-0123456789");
    ocean_instance* inst = module.create(id.c_str(), host->table());
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", region},
                     {"service_id", kServiceId},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()},
                     {"features", features}};
    if (module.configure(inst, json::serialize(cfg)) != OCEAN_OK)
      throw std::runtime_error("configure: " + module.last_message(inst));
    if (module.api().start(inst) != OCEAN_OK) throw std::runtime_error("start: " + module.last_message(inst));
    if (connect) {
      auto [s, body] = module.invoke(inst, "account.authorize_url", "{}");
      if (s != OCEAN_OK) throw std::runtime_error("authorize_url: " + module.last_message(inst));
      const auto consent = http.request("GET", std::string(json::parse(body).at("url").as_string()));
      const std::string location = consent.headers.at("location");
      json::object cb;
      for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
      auto [s2, body2] = module.invoke(inst, "account.connect", json::serialize(cb));
      if (s2 != OCEAN_OK) throw std::runtime_error("connect: " + module.last_message(inst));
    }
    accounts_.emplace(id, Account{std::move(host), inst});
    return inst;
  }
  TestHost& host_of(const std::string& id) { return *accounts_.at(id).host; }

  Reply call(ocean_instance* inst, const std::string& capability, const json::value& request) {
    auto [s, body] = module.invoke(inst, capability, json::serialize(request));
    Reply r{s, nullptr, s == OCEAN_OK ? "" : module.last_message(inst)};
    if (s == OCEAN_OK) r.body = json::parse(body);
    return r;
  }
  // OK or a test failure carrying the plugin's message.
  json::object ok(ocean_instance* inst, const std::string& capability, const json::value& request) {
    Reply r = call(inst, capability, request);
    if (r.status != OCEAN_OK)
      throw std::runtime_error(capability + " failed (" + std::to_string(r.status) + "): " + r.message);
    return r.body.as_object();
  }

  json::value admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data");
  }
  json::object truth() { return admin("GET", "/_sandbox/truth?shop_id=" + shop_id).as_object(); }
  // An owned copy of one list of the truth (safe to iterate in a range-for).
  json::array truth_list(const char* key) { return truth().at(key).as_array(); }
  std::int64_t now() { return admin("GET", "/_sandbox/clock").as_object().at("now").to_number<std::int64_t>(); }

  // The sandbox's request log: the highest sequence number, and the API calls (not /_sandbox/,
  // not OAuth) logged after `seq`.
  std::uint64_t last_seq() {
    std::uint64_t seq = 0;
    const json::value log = admin("GET", "/_sandbox/requests");
    for (const auto& e : log.as_object().at("requests").as_array()) {
      seq = std::max<std::uint64_t>(seq, e.as_object().at("seq").to_number<std::uint64_t>());
    }
    return seq;
  }
  json::array api_calls_since(std::uint64_t seq) {
    json::array out;
    const json::value log = admin("GET", "/_sandbox/requests?since=" + std::to_string(seq));
    for (const auto& e : log.as_object().at("requests").as_array()) {
      const auto& o = e.as_object();
      const std::string path(o.at("path").as_string());
      if (o.at("seq").to_number<std::uint64_t>() <= seq || path.rfind("/_sandbox", 0) == 0) continue;
      out.push_back(e);
    }
    return out;
  }

 private:
  OpsEnv() {
    const auto shops = admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
    shop_id = std::string(shops.at(0).as_object().at("id").as_string());
    region = std::string(shops.at(0).as_object().at("region").as_string());
  }
  struct Account {
    std::unique_ptr<TestHost> host;
    ocean_instance* instance;
  };
  std::map<std::string, Account> accounts_;
};

inline std::string str(const json::value& v, const char* key) { return std::string(v.as_object().at(key).as_string()); }

}  // namespace ops_test

namespace ops_test {

// A new order of the given shipping type (TIKTOK or SELLER), moved to AWAITING_SHIPMENT and frozen
// there (the sandbox's own flow would otherwise move it on).
inline json::object awaiting_shipment_order(OpsEnv& env, const std::string& shipping_type) {
  // Generated orders ship both ways (about one in five by the seller); each is used once.
  // New orders (UNPAID) get their shipping assigned by the sandbox on its next request.
  static std::set<std::string> used;
  for (int round = 0; round < 6; ++round) {
    for (const auto& o : env.truth_list("orders")) {
      const std::string id = str(o, "id");
      const std::string st = str(o, "status");
      if (str(o, "shipping_type") != shipping_type || used.count(id) || o.at("packages").as_array().empty()) continue;
      if (st != "AWAITING_SHIPMENT" && st != "UNPAID" && st != "ON_HOLD") continue;
      used.insert(id);
      return env
          .admin("POST", "/_sandbox/orders/" + id + "/status",
                 json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}})
          .as_object();
    }
    env.admin("POST", "/_sandbox/orders", json::object{{"shop_id", env.shop_id}, {"count", 20}});
  }
  throw std::runtime_error("the sandbox has no unshipped " + shipping_type + " order left");
}

inline bool is_rfc3339_utc(const std::string& s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace ops_test
