// Webhook intake beside a running sync on ONE instance of the TikTok Shop plugin, as ocean_plugin.h
// allows (handle_webhook may overlap invoke/tick): a connected account runs sync.run on the main
// thread while another thread delivers signed order webhooks, each twice. Every delivery must be
// acknowledged (200, the repeat as a duplicate), the sync must finish with every order, the stored
// deliveries must all be applied by the next tick, and last_error must stay the sync's.
#include <dlfcn.h>
#include <stdlib.h>

#include <atomic>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ocean/ocean_plugin.h"
#include "ocean_common/tts_sign.hpp"
#include "ocean_common/url.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const char* const kAppKey = "threads_app_key";
const char* const kAppSecret = "threads-app-secret-0123456789abcdef";
const char* const kServiceId = "7123456780";

// Host services for one instance: a temp data dir, the store key, the real clocks, events counted.
class Host {
 public:
  Host() {
    std::string pattern = (fs::temp_directory_path() / "ocean-threads-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    table_.struct_size = sizeof(table_);
    table_.host_ctx = this;
    table_.get_secret = [](void*, const char* name, size_t len, char* out, size_t cap, size_t* needed) {
      static const std::string key = "threads-store-key-0123456789abcdef";
      if (std::string_view(name, len) != "store_key") return static_cast<ocean_status_t>(OCEAN_NOT_FOUND);
      *needed = key.size();
      if (out != nullptr && cap >= key.size()) key.copy(out, key.size());
      return static_cast<ocean_status_t>(OCEAN_OK);
    };
    table_.data_dir = [](void* ctx) { return static_cast<Host*>(ctx)->dir_.c_str(); };
    table_.emit_event = [](void* ctx, const char*, size_t) { ++static_cast<Host*>(ctx)->events_; };
  }
  ~Host() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const ocean_host_services_v1* table() const { return &table_; }

 private:
  std::string dir_;
  ocean_host_services_v1 table_{};
  std::atomic<int> events_{0};
};

// libocean_tiktok_shop.so through its one exported symbol.
class Plugin {
 public:
  Plugin() {
    const std::string path = std::string(OCEAN_PLUGIN_DIR) + "/libocean_tiktok_shop.so";
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    REQUIRE(handle_ != nullptr);
    ocean_plugin_entry_fn entry = nullptr;
    void* symbol = dlsym(handle_, OCEAN_PLUGIN_ENTRY_SYMBOL);
    REQUIRE(symbol != nullptr);
    std::memcpy(&entry, &symbol, sizeof(entry));
    ocean_negotiation_v1 n{sizeof(n), OCEAN_ABI_MAJOR, OCEAN_ABI_MINOR, 0, 0, 0};
    REQUIRE(entry(&n, &api_) == OCEAN_OK);
    REQUIRE(api_->init(nullptr) == OCEAN_OK);
  }
  ~Plugin() {
    api_->deinit();
    dlclose(handle_);
  }
  const ocean_plugin_v1& api() const { return *api_; }

  // {status, answer}; the answer is last_error's message when the call failed.
  std::pair<ocean_status_t, std::string> invoke(ocean_instance* i, const std::string& cap, const json::value& req) {
    const std::string text = json::serialize(req);
    ocean_buffer out{nullptr, 0};
    const ocean_status_t s = api_->invoke(i, cap.data(), cap.size(), text.data(), text.size(), &out);
    std::string answer = out.data ? std::string(out.data, out.size) : std::string();
    api_->free_buffer(&out);
    if (s != OCEAN_OK) answer = error(i).second;
    return {s, answer};
  }
  std::pair<ocean_status_t, std::string> error(ocean_instance* i) {
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    REQUIRE(api_->last_error(i, &info) == OCEAN_OK);
    return {info.status, info.message ? info.message : ""};
  }

 private:
  void* handle_ = nullptr;
  const ocean_plugin_v1* api_ = nullptr;
};

json::value admin(ocean::testing::HttpClient& http, const ocean::testing::SandboxProcess& sb, const std::string& method,
                  const std::string& path) {
  const auto r = http.request(method, sb.https_base() + path, "", {"Content-Type: application/json"});
  return r.json().as_object().at("data");
}

// A started account connected to the sandbox's first shop through the consent redirect.
ocean_instance* connected(Plugin& plugin, Host& host, ocean::testing::SandboxProcess& sb,
                          ocean::testing::HttpClient& http, const std::string& region) {
  ocean_instance_params_v1 params{sizeof(params), "threads-account", host.table()};
  ocean_instance* inst = nullptr;
  REQUIRE(plugin.api().create(&params, &inst) == OCEAN_OK);
  const std::string config = json::serialize(json::object{{"app_key", kAppKey},
                                                          {"app_secret", kAppSecret},
                                                          {"region", region},
                                                          {"service_id", kServiceId},
                                                          {"api_base_url", sb.https_base()},
                                                          {"auth_base_url", sb.https_base()},
                                                          {"authorize_base_url", sb.https_base()},
                                                          {"ca_bundle", sb.ca_file()}});
  REQUIRE(plugin.api().configure(inst, config.data(), config.size()) == OCEAN_OK);
  REQUIRE(plugin.api().start(inst) == OCEAN_OK);
  const auto [s, url] = plugin.invoke(inst, "account.authorize_url", json::object{});
  REQUIRE(s == OCEAN_OK);
  const auto consent = http.request("GET", std::string(json::parse(url).at("url").as_string()));
  const std::string location = consent.headers.at("location");
  json::object callback;
  for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) callback[k] = v;
  const auto [c, answer] = plugin.invoke(inst, "account.connect", callback);
  INFO(answer);
  REQUIRE(c == OCEAN_OK);
  return inst;
}

struct Delivery {
  std::string headers, body;
};

std::vector<Delivery> order_webhooks(const std::string& shop_id, const json::array& orders, std::int64_t now) {
  std::vector<Delivery> out;
  std::int64_t n = 0;
  for (const auto& o : orders) {
    const json::object& order = o.as_object();
    const std::string body =
        json::serialize(json::object{{"type", 1},
                                     {"tts_notification_id", "73300000000" + std::to_string(100000 + ++n)},
                                     {"shop_id", shop_id},
                                     {"timestamp", now},
                                     {"data", json::object{{"order_id", order.at("id")},
                                                           {"order_status", order.at("status")},
                                                           {"update_time", order.at("update_time")}}}});
    out.push_back({"Authorization: " + ocean::tts::webhook_signature(kAppKey, kAppSecret, body) +
                       "\r\nContent-Type: application/json\r\n",
                   body});
  }
  return out;
}

// Delivers every webhook twice; returns what went wrong (empty when every answer was a 200).
std::vector<std::string> deliver(const ocean_plugin_v1& api, ocean_instance* inst, const std::vector<Delivery>& all) {
  std::vector<std::string> problems;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& d : all) {
      ocean_webhook_v1 hook{sizeof(hook), d.headers.data(), d.headers.size(), d.body.data(), d.body.size(), 0};
      ocean_buffer out{nullptr, 0};
      const ocean_status_t s = api.handle_webhook(inst, &hook, &out);
      const std::string answer = out.data ? std::string(out.data, out.size) : std::string();
      api.free_buffer(&out);
      boost::system::error_code ec;
      const json::value v = json::parse(answer, ec);
      if (s != OCEAN_OK || ec || !v.is_object() || v.as_object().at("http_status") != 200)
        problems.push_back(std::string(ocean_status_name(s)) + " " + answer);
    }
  }
  return problems;
}

}  // namespace

TEST_CASE("webhook intake runs beside a sync on one instance - every delivery acknowledged and applied") {
  ocean::testing::SandboxProcess sb(
      {"--app", std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb", "--shops",
       "1", "--seed", "23", "--orders", "300", "--products", "10"});
  ocean::testing::HttpClient http(sb.ca_file());
  const auto shop = admin(http, sb, "GET", "/_sandbox/shops").as_object().at("shops").as_array().at(0).as_object();
  const std::string shop_id(shop.at("id").as_string());
  Plugin plugin;
  Host host;
  ocean_instance* inst = connected(plugin, host, sb, http, std::string(shop.at("region").as_string()));
  const json::object truth = admin(http, sb, "GET", "/_sandbox/truth?shop_id=" + shop_id).as_object();
  const json::array& orders = truth.at("orders").as_array();
  const auto deliveries = order_webhooks(
      shop_id, orders,
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());

  std::vector<std::string> problems;
  std::thread webhooks([&] { problems = deliver(plugin.api(), inst, deliveries); });
  const auto [status, answer] = plugin.invoke(inst, "sync.run", json::object{{"kinds", json::array{"orders"}}});
  const auto after_sync = plugin.error(inst);  // read while the webhooks may still be arriving
  webhooks.join();

  INFO(answer);
  REQUIRE(status == OCEAN_OK);
  CHECK(after_sync.first == OCEAN_OK);
  CHECK(after_sync.second.empty());
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
  std::int64_t records = 0;
  const json::value result = json::parse(answer);
  for (const auto& run : result.at("runs").as_array()) records += run.at("records").as_int64();
  CHECK(records >= static_cast<std::int64_t>(orders.size()));

  // The stored deliveries are applied by the next tick (each once), and the account stays usable.
  const std::int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  REQUIRE(plugin.api().tick(inst, now_ms) == OCEAN_OK);
  const auto [st, status_text] = plugin.invoke(inst, "sync.status", json::object{});
  REQUIRE(st == OCEAN_OK);
  INFO(status_text);
  const json::value report = json::parse(status_text);
  const json::object& inbox = report.at("webhooks").as_object();
  CHECK(inbox.at("pending").as_int64() == 0);
  CHECK(inbox.at("failed").as_int64() == 0);
  CHECK(inbox.at("applied").as_int64() == static_cast<std::int64_t>(deliveries.size()));  // once each
  CHECK(report.at("orders").as_int64() >= static_cast<std::int64_t>(orders.size()));
  plugin.api().destroy(inst);
}
