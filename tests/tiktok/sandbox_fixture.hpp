// An account (ShopAccount, the plugin core) talking to a real tts-sandbox over HTTPS with the
// sandbox's CA, storing into a real SQLite file, on a host clock the test moves in step with
// the sandbox clock. Backoff sleeps are recorded and shortened a thousandfold so retries run
// fast; the order and length of every requested sleep stays visible to the test.
#pragma once
#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "account/shop_account.hpp"
#include "capability/router.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace json = boost::json;

inline const char* kAppKey = "itest_app_key";
inline const char* kAppSecret = "itest-app-secret-NEVER-LOGGED-7f3a";
inline const char* kServiceId = "7123456789";

struct SleepLog {
  std::mutex mutex;
  std::vector<std::int64_t> sleeps_ns;
  std::vector<std::int64_t> taken() {
    std::lock_guard lock(mutex);
    return sleeps_ns;
  }
};

inline ocean::tiktok::Tuning fast_tuning(SleepLog& log, int max_attempts = 4) {
  ocean::tiktok::Tuning t;
  t.timing.monotonic_ns = ocean::tiktok::Timing::real().monotonic_ns;
  t.timing.sleep_ns = [&log](std::int64_t ns) {
    {
      std::lock_guard lock(log.mutex);
      log.sleeps_ns.push_back(ns);
    }
    std::this_thread::sleep_for(std::chrono::nanoseconds(ns / 1000));
  };
  t.retry.max_attempts = max_attempts;
  t.http.connect_timeout_ms = 20'000;
  t.http.total_timeout_ms = 60'000;
  return t;
}

class SandboxAccount {
 public:
  explicit SandboxAccount(std::vector<std::string> sandbox_args = {}, json::object config_extra = {},
                          int max_attempts = 4, bool fast = true)
      : sandbox_(with_app(std::move(sandbox_args))),
        dir_("sandbox-account"),
        host_(dir_.path().string()),
        admin_(sandbox_.ca_file()) {
    host_.set_secret("store_key", "integration-store-key-0123456789");
    sync_host_clock();
    ocean::tiktok::Tuning tuning = fast ? fast_tuning(sleeps_, max_attempts) : ocean::tiktok::Tuning{};
    if (!fast) tuning.retry.max_attempts = max_attempts;
    account_ = std::make_unique<ocean::tiktok::ShopAccount>("acct-itest", host_, tuning);
    json::object cfg{{"app_key", kAppKey},
                     {"app_secret", kAppSecret},
                     {"region", "GB"},
                     {"service_id", kServiceId},
                     {"api_base_url", sandbox_.https_base()},
                     {"auth_base_url", sandbox_.https_base()},
                     {"authorize_base_url", sandbox_.https_base()},
                     {"ca_bundle", sandbox_.ca_file()}};
    for (auto& [k, v] : config_extra) cfg[k] = v;
    const auto c = guarded([&] { account_->configure(cfg); });
    if (!c.ok()) throw std::runtime_error("configure failed: " + c.message);
    const auto s = guarded([&] { account_->start(); });
    if (!s.ok()) throw std::runtime_error("start failed: " + s.message);
  }

  ocean::tiktok::ShopAccount& account() { return *account_; }
  TestHost& host() { return host_; }
  ocean::testing::SandboxProcess& sandbox() { return sandbox_; }
  SleepLog& sleeps() { return sleeps_; }
  std::string db_path() const { return (dir_.path() / ocean::tiktok::store::SqliteStore::kFileName).string(); }

  // Runs a capability through the plugin's router (the account's room only); returns {status,
  // parsed response or null}.
  std::pair<ocean::tiktok::Outcome, json::value> invoke(const std::string& cap, const json::object& req = {}) {
    std::string out;
    const ocean::tiktok::capability::Rooms rooms{account_.get(), nullptr, nullptr};
    const auto o = ocean::tiktok::capability::invoke(rooms, account_->logger(), cap, json::serialize(req), out);
    return {o, out.empty() ? json::value() : json::parse(out)};
  }

  // The account's tick (token refresh), its failure as an Outcome.
  ocean::tiktok::Outcome tick(std::int64_t now_ms) {
    return guarded([&] { account_->tick(now_ms); });
  }

  // Runs `body` with failures returned as an Outcome, as the glue does.
  template <typename Fn>
  ocean::tiktok::Outcome guarded(Fn&& body) {
    return ocean::tiktok::guarded(account_->logger(), body);
  }

  // The seller's consent through the sandbox's page: follows the authorization URL and returns
  // the {code, state} the redirect carries.
  json::object consent(const std::string& authorize_url, const std::string& extra_query = "") {
    const auto r = admin_.request("GET", authorize_url + extra_query);
    if (r.status != 302) throw std::runtime_error("consent answered " + std::to_string(r.status) + ": " + r.body);
    const std::string location = r.headers.at("location");
    const auto q = ocean::url::parse_query(location.substr(location.find('?') + 1));
    json::object out;
    for (const auto& [k, v] : q) out[k] = v;
    return out;
  }

  // authorize_url -> consent -> connect; returns connect's outcome and response.
  std::pair<ocean::tiktok::Outcome, json::value> connect(const json::object& extra = {},
                                                         const std::string& consent_query = "") {
    auto [o, url] = invoke("account.authorize_url");
    if (!o.ok()) throw std::runtime_error("authorize_url failed: " + o.message);
    json::object cb = consent(std::string(url.at("url").as_string()), consent_query);
    for (const auto& [k, v] : extra) cb[k] = v;
    return invoke("account.connect", cb);
  }

  json::value admin(const std::string& method, const std::string& path, const json::object& body = {}) {
    const auto r = admin_.request(method, sandbox_.https_base() + path, method == "GET" ? "" : json::serialize(body),
                                  {"content-type: application/json"});
    return r.json().as_object().at("data");
  }

  // Moves host and sandbox clocks forward together.
  void advance_both(std::int64_t seconds) {
    admin("POST", "/_sandbox/clock", {{"advance", seconds}});
    host_.advance_ms(seconds * 1000);
  }
  void advance_sandbox_only(std::int64_t seconds) { admin("POST", "/_sandbox/clock", {{"advance", seconds}}); }

  // Requests the sandbox saw for `path` (method and path only).
  std::size_t requests_to(const std::string& path) {
    std::size_t n = 0;
    const json::value log = admin("GET", "/_sandbox/requests");
    for (const auto& r : log.at("requests").as_array()) {
      if (r.at("path").as_string() == path) ++n;
    }
    return n;
  }

 private:
  static std::vector<std::string> with_app(std::vector<std::string> args) {
    args.insert(args.begin(), {"--app", std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId +
                                            ":https://erp.example.com/oauth/callback"});
    return args;
  }
  void sync_host_clock() {
    const auto now = admin("GET", "/_sandbox/clock").at("now").to_number<std::int64_t>();
    host_.advance_ms(now * 1000 - host_.wall_ms());
  }

  ocean::testing::SandboxProcess sandbox_;
  TempDir dir_;
  TestHost host_;
  ocean::testing::HttpClient admin_;
  SleepLog sleeps_;
  std::unique_ptr<ocean::tiktok::ShopAccount> account_;
};
