// One account's plugin instance as `erp-host serve` drives it: the same lifecycle as
// AccountSession (create, configure, features, start ... stop, destroy), plus webhook intake.
// Locking follows the ABI: tick and handle_webhook may overlap (a long sync never blocks
// intake), webhooks are serialized among themselves, and close() waits for both to finish.
#pragma once

#include "host_config.hpp"
#include "runtime.hpp"
#include "session.hpp"

#include "ocean/host/plugin.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace erp_host {

// What to answer the marketplace for one delivery.
struct WebhookOutcome {
  int http_status = 200;
  std::string message;  // the plugin's explanation (empty when accepted)
  std::string status;   // the plugin call's status name
};

// The answer a webhook_result.v1 asks for; the call status decides only when the plugin gave
// no usable result (RETRY/RATE_LIMITED/INVALID_STATE -> 503, INVALID_ARGUMENT -> 400,
// UNSUPPORTED/NOT_FOUND -> 404, anything else failing -> 500, OK -> 200).
WebhookOutcome webhook_outcome(const ocean::host::Status& status, std::string_view result_json);

class ServeAccount {
 public:
  ServeAccount(const HostConfig& config, BoundAccount bound, HostRuntime& runtime);
  ~ServeAccount();
  ServeAccount(const ServeAccount&) = delete;
  ServeAccount& operator=(const ServeAccount&) = delete;

  // create + configure + features + start; false on the first failing step (see failure()).
  bool open();
  bool started() const { return started_.load(); }
  ocean::host::Status tick(std::int64_t now_ms);
  // 503 when the instance is not (or no longer) started.
  WebhookOutcome webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms);
  // Refuses new calls, waits for running ones, then stop + destroy. Safe to call twice.
  void close();

  const std::string& account_id() const { return bound_.account->id; }
  const std::string& plugin_id() const { return bound_.account->plugin; }
  std::string state() const;
  const std::optional<StepFailure>& failure() const { return failure_; }

 private:
  bool step(const std::string& name, const ocean::host::Status& status);

  const HostConfig& config_;
  BoundAccount bound_;
  HostRuntime& runtime_;
  std::unique_ptr<ocean::host::Instance> instance_;
  std::shared_mutex life_;     // shared: tick, webhook; exclusive: close
  std::mutex webhook_serial_;  // one delivery at a time per instance
  std::atomic<bool> started_{false};
  mutable std::mutex state_mutex_;
  std::string state_ = "new";
  std::optional<StepFailure> failure_;
};

}  // namespace erp_host
