// One tts-sandbox (HTTPS, its own CA; webhooks redirected to a local receiver) and the TikTok Shop
// plugin loaded through its C ABI, with one account connected through the real OAuth flow. Each test
// case of this binary runs in its own process, so each gets a fresh sandbox and a fresh account.
// Webhooks the sandbox sends reach the receiver and are handed to the plugin's handle_webhook with
// their exact bytes and headers, as erp-host would.
#pragma once
#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "ocean_common/url.hpp"
#include "plugin_module.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "support/webhook_receiver.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace life_test {
namespace json = boost::json;

inline constexpr const char* kAppKey = "life-app-key";
inline constexpr const char* kAppSecret = "life-app-secret-0123456789abcdef";
inline constexpr const char* kServiceId = "7002";

struct Reply {
  ocean_status_t status;
  json::value body;  // null unless OK
  std::string message;
};

inline std::string str(const json::value& v, const char* key) { return std::string(v.as_object().at(key).as_string()); }

class LifeEnv {
 public:
  ocean::testing::WebhookReceiver receiver;
  ocean::testing::SandboxProcess sb;
  PluginModule module;
  TempDir root{"life"};
  ocean::testing::HttpClient http{sb.ca_file()};
  std::string shop_id, region;
  std::unique_ptr<TestHost> host;
  ocean_instance* inst = nullptr;

  explicit LifeEnv(std::vector<std::string> extra = {}) : sb(sandbox_args(receiver, std::move(extra))) {
    const auto shops = admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
    shop_id = std::string(shops.at(0).as_object().at("id").as_string());
    region = std::string(shops.at(0).as_object().at("region").as_string());
    host = std::make_unique<TestHost>((root.path() / "acct").string());
    host->set_secret("store_key", "life-store-key-0123456789");
    inst = module.create("acct", host->table());
    json::object features;
    for (const char* id : {"logistics", "promotions", "returns"}) features[id] = true;
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", region},
                     {"service_id", kServiceId},
                     {"api_base_url", sb.https_base()},
                     {"auth_base_url", sb.https_base()},
                     {"authorize_base_url", sb.https_base()},
                     {"ca_bundle", sb.ca_file()},
                     {"webhook_url", "https://erp.example.com/hooks"},  // subscribed on connect
                     {"features", features}};
    if (module.configure(inst, json::serialize(cfg)) != OCEAN_OK)
      throw std::runtime_error("configure: " + module.last_message(inst));
    if (module.api().start(inst) != OCEAN_OK) throw std::runtime_error("start: " + module.last_message(inst));
    auto [s, body] = module.invoke(inst, "account.authorize_url", "{}");
    if (s != OCEAN_OK) throw std::runtime_error("authorize_url: " + module.last_message(inst));
    const auto consent = http.request("GET", std::string(json::parse(body).at("url").as_string()));
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    auto [s2, body2] = module.invoke(inst, "account.connect", json::serialize(cb));
    if (s2 != OCEAN_OK) throw std::runtime_error("connect: " + module.last_message(inst));
  }
  ~LifeEnv() { module.api().destroy(inst); }

  Reply call(const std::string& capability, const json::value& request) {
    auto [s, body] = module.invoke(inst, capability, json::serialize(request));
    Reply r{s, nullptr, s == OCEAN_OK ? "" : module.last_message(inst)};
    if (s == OCEAN_OK) r.body = json::parse(body);
    return r;
  }
  json::object ok(const std::string& capability, const json::value& request) {
    Reply r = call(capability, request);
    if (r.status != OCEAN_OK)
      throw std::runtime_error(capability + " failed (" + std::to_string(r.status) + "): " + r.message);
    return r.body.as_object();
  }

  // The mirrored order as order.v1 (orders.get).
  json::object order_v1(const std::string& id) {
    return ok("orders.get", json::object{{"id", id}}).at("order").as_object();
  }
  // An incremental order sync. The clocks move on a few seconds first: TikTok leaves orders changed
  // within the current second to the next window, so a change made just now would not be seen yet.
  void sync_orders() {
    advance(3);
    ok("sync.run", json::object{{"kinds", json::array{"orders"}}});
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
  // Moves the sandbox and the host clocks together (requests are signed with the host's).
  void advance(std::int64_t seconds) {
    admin("POST", "/_sandbox/clock", json::object{{"advance", seconds}});
    host->advance_ms(seconds * 1000);
    admin("GET", "/_sandbox/clock");  // the sandbox world catches up
  }
  void tick() { module.api().tick(inst, host->wall_ms()); }
  // The host events of one type seen so far, as objects.
  std::vector<json::object> events(const std::string& type) {
    std::vector<json::object> out;
    for (const auto& e : host->events()) {
      auto v = json::parse(e).as_object();
      if (v.at("type").as_string() == type) out.push_back(std::move(v));
    }
    return out;
  }

  // Hands every webhook received so far (and not handed yet) to the plugin, then ticks to apply them.
  std::size_t relay_webhooks() {
    std::size_t n = 0;
    for (const auto& req : receiver.received()) {
      if (!relayed_.insert(req.body + req.headers.at("authorization")).second) continue;
      std::string headers;
      for (const auto& [k, v] : req.headers) headers += k + ": " + v + "\r\n";
      ocean_webhook_v1 w{sizeof(ocean_webhook_v1), headers.data(),  headers.size(),
                         req.body.data(),          req.body.size(), host->wall_ms()};
      ocean_buffer out{};
      module.api().handle_webhook(inst, &w, &out);
      module.api().free_buffer(&out);
      ++n;
    }
    tick();
    return n;
  }

  // A new order moved to AWAITING_SHIPMENT and frozen there, shipped by `shipping_type`, with at least
  // `min_skus` distinct SKUs.
  json::object awaiting_shipment(const std::string& shipping_type, std::size_t min_skus = 1) {
    for (int i = 0; i < 60; ++i) {
      const auto created = admin("POST", "/_sandbox/orders", json::object{{"shop_id", shop_id}, {"count", 1}});
      const std::string id = str(created.as_object().at("orders").as_array().at(0), "id");
      admin("GET", "/_sandbox/clock");  // the sandbox gives the new order its delivery option
      admin("POST", "/_sandbox/orders/" + id + "/status",
            json::object{{"status", "AWAITING_SHIPMENT"}, {"freeze", true}});
      const auto o =
          admin("POST", "/_sandbox/orders/" + id + "/shipping_type", json::object{{"shipping_type", shipping_type}});
      (void)o;
      const auto order = order_truth(id);
      std::set<std::string> skus;
      for (const auto& li : order.at("line_items").as_array()) skus.insert(str(li, "sku_id"));
      if (skus.size() >= min_skus) return order;
    }
    throw std::runtime_error("no order with enough distinct SKUs");
  }
  json::object order_truth(const std::string& id) {
    for (const auto& o : truth_list("orders"))
      if (str(o, "id") == id) return o.as_object();
    throw std::runtime_error("order " + id + " is not in the truth");
  }
  // The shipping providers of the order's delivery option: [{id, name}].
  json::array providers_of(const json::object& order) {
    for (const auto& d : truth_list("delivery_options")) {
      if (str(d, "id") != str(order, "delivery_option_id")) continue;
      return d.as_object().at("shipping_provider_ids").as_array();
    }
    throw std::runtime_error("no delivery option for the order");
  }

 private:
  static std::vector<std::string> sandbox_args(const ocean::testing::WebhookReceiver& r,
                                               std::vector<std::string> extra) {
    std::vector<std::string> a{
        "--app",
        std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb",
        "--shops",
        "1",
        "--seed",
        "21",
        "--orders",
        "60",
        "--webhook-redirect",
        "https://erp.example.com=" + r.base()};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  std::set<std::string> relayed_;
};

}  // namespace life_test
