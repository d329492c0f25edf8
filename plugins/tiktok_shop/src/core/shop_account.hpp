// One TikTok Shop account (one plugin instance), without any ABI type: configuration, the
// started machinery (store, HTTP, rate limiter, API and token clients, account service) and
// capability dispatch. The glue forwards the ABI calls here; tests drive it directly.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/account_service.hpp"
#include "auth/token_client.hpp"
#include "config/config.hpp"
#include "core/capabilities.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/sqlite_store.hpp"
#include "transport/api_client.hpp"
#include "transport/http_client.hpp"
#include "util/host.hpp"
#include "util/logger.hpp"
#include "util/status.hpp"
#include "util/timing.hpp"

namespace ocean::tiktok {

struct Outcome {
  Status status = Status::ok;
  std::string message;  // never contains a secret (passed through Logger::redact)
  std::int64_t retry_after_ms = 0;
  bool ok() const { return status == Status::ok; }
};

struct Tuning {
  Timing timing = Timing::real();  // pacing and backoff sleeps
  RetryPolicy retry;
  HttpSettings http;  // ca_bundle is taken from the config
};

class ShopAccount {
 public:
  // The host secret that keys the store's AES-256-GCM.
  static constexpr const char* kStoreKeySecret = "store_key";

  ShopAccount(std::string account_id, Host& host, Tuning tuning = {});
  ~ShopAccount();

  // Validates and keeps a configuration; on failure the previous one stays.
  Outcome configure(std::string_view config_json);
  const Config* config() const { return config_ ? &*config_ : nullptr; }

  // Opens the store (needs the host's data dir and store_key) and builds the clients. No network.
  Outcome start();
  void stop();
  bool started() const { return started_ != nullptr; }

  // Runs a capability; `response` is a JSON object text on success.
  Outcome invoke(std::string_view capability, std::string_view request_json, std::string& response);
  Outcome tick(std::int64_t now_ms);

  // For other services built on top (sync, products, ...) and for tests. Null unless started.
  ApiClient* api();
  AccountService* accounts();
  store::SqliteStore* store();
  RateLimiter* rate_limiter();
  Logger& logger() { return log_; }

 private:
  struct Started;
  Outcome guard(const std::function<void()>& body);
  void register_capabilities(Started& s);

  std::string account_id_;
  Host& host_;
  Tuning tuning_;
  Logger log_;
  std::optional<Config> config_;
  std::unique_ptr<Started> started_;
};

}  // namespace ocean::tiktok
