// A TikTok Shop cluster for the tests and benches: tts-sandbox with several shops, one erp-host
// account per shop on one PostgreSQL database (each connected through erp-host itself: authorize
// URL, the consent page, account.connect), and helpers to compare every mirror with the
// sandbox's truth straight from the accounts' schemas.
#pragma once

#include "cluster_env.hpp"
#include "ocean_common/url.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

#include <boost/json.hpp>

#include <set>

namespace cluster_test {

inline constexpr const char* kAppKey = "clusterappkey";
inline constexpr const char* kAppSecret = "cluster-app-secret-0123456789abcd";
inline constexpr const char* kServiceId = "7011";
inline constexpr const char* kStoreKey = "cluster-store-key-0123456789abcdefgh";
inline constexpr const char* kWebhookBase = "https://erp.example.com";

inline std::vector<std::string> sandbox_args(int shops, int orders, int latency_ms) {
  return {"--app",
          std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb",
          "--shops",
          std::to_string(shops),
          "--orders",
          std::to_string(orders),
          "--products",
          "2",
          "--seed",
          "16",
          "--latency-ms",
          std::to_string(latency_ms),
          "--webhook-time-factor",
          "0.01"};
}

class TikTokCluster {
 public:
  ocean::testing::SandboxProcess sb;
  ocean::testing::HttpClient http{sb.ca_file()};
  std::vector<std::pair<std::string, std::string>> accounts;  // account id, shop id
  std::unique_ptr<ClusterEnv> env;

  TikTokCluster(int shops, int orders, int latency_ms, int lease_seconds, int renew_seconds)
      : sb(sandbox_args(shops, orders, 0)) {
    json::array list;
    const json::object shop_list = admin("GET", "/_sandbox/shops");  // held: the loop walks into it
    for (const auto& s : shop_list.at("shops").as_array()) {
      const std::string id = "shop-" + std::to_string(accounts.size() + 1);
      accounts.emplace_back(id, std::string(s.at("id").as_string()));
      list.push_back(account_entry(id, std::string(s.at("region").as_string())));
    }
    env = std::make_unique<ClusterEnv>(std::move(list), lease_seconds, renew_seconds, OCEAN_PLUGIN_DIR, "");
    env->base["secrets"] = json::object{{"store_key", kStoreKey}};
    for (const auto& [account, shop] : accounts) connect(account, shop);
    if (latency_ms > 0) admin("POST", "/_sandbox/settings", json::object{{"latency_ms", latency_ms}});
  }

  json::object admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data").as_object();
  }

  // The sandbox pushes every shop's webhooks to this node's listener.
  void webhooks_to(const std::string& url) {
    admin("POST", "/_sandbox/settings",
          json::object{{"webhook_redirects", json::array{json::value(std::string(kWebhookBase) + "=" + url)}}});
  }

  // Orders in the account's mirror (its schema's orders table): order id -> raw JSON.
  std::map<std::string, json::value> mirror_orders(ocean::pg::Connection& db, const std::string& account) {
    std::string schema = "acct_";
    for (const char ch : account) schema.push_back(ch == '-' ? '_' : ch);
    std::map<std::string, json::value> out;
    const auto r = db.exec("SELECT order_id, raw_json FROM " + ocean::pg::quote_identifier(schema) + ".orders");
    for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = json::parse(r.text(i, 1));
    return out;
  }

  // The accounts whose mirror differs from the truth (missing, extra or stale orders); empty when
  // every mirror equals it. `why` says the first difference.
  std::vector<std::string> differing(ocean::pg::Connection& db, std::string& why) {
    std::vector<std::string> out;
    for (const auto& [account, shop] : accounts) {
      const json::object truth = admin("GET", "/_sandbox/truth?shop_id=" + shop);
      const auto mirror = mirror_orders(db, account);
      std::size_t equal = 0;
      for (const auto& o : truth.at("orders").as_array()) {
        const auto it = mirror.find(std::string(o.at("id").as_string()));
        if (it != mirror.end() && it->second == o) ++equal;
      }
      const std::size_t want = truth.at("orders").as_array().size();
      if (equal != want || mirror.size() != want) {
        out.push_back(account);
        if (why.empty())
          why = account + ": " + std::to_string(equal) + " of " + std::to_string(want) + " orders equal, " +
                std::to_string(mirror.size()) + " in the mirror";
      }
    }
    return out;
  }

 private:
  json::object account_entry(const std::string& id, const std::string& region) {
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", region},
                     {"service_id", kServiceId},
                     {"sync_interval", "5m"},
                     {"webhook_url", std::string(kWebhookBase) + "/webhooks/" + id},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()}};
    return json::object{{"id", id}, {"plugin", "tiktok_shop"}, {"config", std::move(cfg)}};
  }

  // The seller authorizes on the sandbox's consent page; erp-host completes the connection.
  void connect(const std::string& account, const std::string& shop) {
    Run r = env->host({"--json", "invoke", account, "account.authorize_url"});
    if (r.code != 0) throw std::runtime_error("authorize_url: " + r.out + r.err);
    const std::string url(json::parse(r.out).at("response").at("url").as_string());
    const auto consent = http.request("GET", url);
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    cb["shop_id"] = shop;
    r = env->host({"invoke", account, "account.connect", json::serialize(cb)});
    if (r.code != 0) throw std::runtime_error("connect " + account + ": " + r.out + r.err);
  }
};

}  // namespace cluster_test
