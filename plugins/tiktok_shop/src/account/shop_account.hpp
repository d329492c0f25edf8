// One TikTok Shop account (one plugin instance), without any ABI type: its configuration and the
// started machinery (store, HTTP, rate limiter, API and token clients, account service). The glue
// builds the other rooms (mirror, ops) on top of it; its capabilities are in account_capabilities.
// Failures are thrown (Failure); the glue and the router turn them into statuses.
// Thread-safety: configure/start/stop/tick are called by one thread at a time (the ABI's rule).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "account/account_service.hpp"
#include "tiktok_api/token_client.hpp"
#include "config/config.hpp"
#include "ratelimit/rate_limiter.hpp"
#include "store/location.hpp"
#include "store/sqlite_store.hpp"
#include "transport/api_client.hpp"
#include "transport/http_client.hpp"
#include "util/host.hpp"
#include "util/logger.hpp"
#include "util/metrics.hpp"
#include "util/status.hpp"
#include "util/timing.hpp"

namespace ocean::tiktok {

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

  // Validates and keeps a configuration; on failure (Failure: INVALID_ARGUMENT for text that is not
  // a JSON object, INVALID_CONFIG naming each bad field) the previous one stays.
  void configure(const boost::json::object& config);
  const Config* config() const { return config_ ? &*config_ : nullptr; }

  // Opens the store (needs the host's data dir and store_key) and builds the clients. No network.
  // Throws Failure.
  void start();
  void stop();
  bool started() const { return started_ != nullptr; }

  // Token refresh when due. Throws Failure (AUTH_REQUIRED once the account needs re-authorization).
  void tick(std::int64_t now_ms);

  // For other services built on top (sync, products, ...) and for tests. Null unless started.
  ApiClient* api();
  AccountService* accounts();
  store::SqliteStore* store();
  // Where the account's store lives: the config's PostgreSQL schema, else the SQLite file in the
  // host's data dir. Throws Failure when the host gives no data dir.
  store::Location store_location() const;
  RateLimiter* rate_limiter();
  Logger& logger() { return log_; }
  // The account's counters for metrics.read; they live as long as the instance (across restarts).
  Metrics& metrics() { return metrics_; }

 private:
  struct Started;

  std::string account_id_;
  Host& host_;
  Tuning tuning_;
  Logger log_;
  Metrics metrics_;
  std::optional<Config> config_;
  std::unique_ptr<Started> started_;
};

}  // namespace ocean::tiktok
