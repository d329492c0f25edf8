// The TikTok Shop plugin as any host drives it: dlopen + the one entry symbol, a host services table
// per instance (and optionally one for the module), and an account connected to tts-sandbox through
// the consent redirect. Only the C ABI is used, so these tests do not depend on the plugin's insides.
#pragma once
#include <dlfcn.h>
#include <stdlib.h>

#include <atomic>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "ocean/ocean_plugin.h"
#include "ocean_common/url.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

namespace tiktok_abi {

namespace json = boost::json;
namespace fs = std::filesystem;

inline const char* const kAppKey = "abi_app_key";
inline const char* const kAppSecret = "abi-app-secret-0123456789abcdef";
inline const char* const kServiceId = "7123456780";

// The sandbox arguments that register this app.
inline std::string sandbox_app() {
  return std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb";
}

// Host services for an instance or the module: a data dir (a fresh temp dir unless given, then
// removed with it), the store key, events counted. Clocks are left to the plugin's fallbacks.
class Host {
 public:
  Host() : Host(fresh_dir(), true) {}
  explicit Host(fs::path dir, bool owned = false) : dir_(dir.string()), owned_(owned) {
    fs::create_directories(dir);
    table_.struct_size = sizeof(table_);
    table_.host_ctx = this;
    table_.get_secret = [](void*, const char* name, size_t len, char* out, size_t cap, size_t* needed) {
      static const std::string key = "abi-store-key-0123456789abcdef";
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
    if (owned_) fs::remove_all(dir_, ec);
  }
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;
  const ocean_host_services_v1* table() const { return &table_; }
  int events() const { return events_.load(); }

  static fs::path fresh_dir() {
    std::string pattern = (fs::temp_directory_path() / "ocean-tiktok-abi-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

 private:
  std::string dir_;
  bool owned_;
  ocean_host_services_v1 table_{};
  std::atomic<int> events_{0};
};

// libocean_tiktok_shop.so through its one exported symbol.
class Plugin {
 public:
  // `module` (may be NULL) is what init gets: the module-level services, with their data dir.
  explicit Plugin(const ocean_host_services_v1* module = nullptr) {
    const std::string path = std::string(OCEAN_PLUGIN_DIR) + "/libocean_tiktok_shop.so";
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    REQUIRE(handle_ != nullptr);
    ocean_plugin_entry_fn entry = nullptr;
    void* symbol = dlsym(handle_, OCEAN_PLUGIN_ENTRY_SYMBOL);
    REQUIRE(symbol != nullptr);
    std::memcpy(&entry, &symbol, sizeof(entry));
    ocean_negotiation_v1 n{sizeof(n), OCEAN_ABI_MAJOR, OCEAN_ABI_MINOR, 0, 0, 0};
    REQUIRE(entry(&n, &api_) == OCEAN_OK);
    REQUIRE(api_->init(module) == OCEAN_OK);
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

inline json::value admin(ocean::testing::HttpClient& http, const ocean::testing::SandboxProcess& sb,
                         const std::string& method, const std::string& path) {
  const auto r = http.request(method, sb.https_base() + path, "", {"Content-Type: application/json"});
  return r.json().as_object().at("data");
}

// A started account connected to the sandbox's first shop through the consent redirect.
inline ocean_instance* connected(Plugin& plugin, Host& host, ocean::testing::SandboxProcess& sb,
                                 ocean::testing::HttpClient& http, const std::string& region,
                                 const std::string& account_id = "abi-account") {
  ocean_instance_params_v1 params{sizeof(params), account_id.c_str(), host.table()};
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

}  // namespace tiktok_abi
