// Drives one account's plugin instance through the lifecycle: create (with its own data dir and
// services), configure, features, start ... stop, destroy. Every step's status is kept so the
// commands can report exactly which step failed and why. The one-shot commands and `serve` use
// the same session; serve also delivers webhooks through it.
//
// Locking follows the ABI: tick, invoke and handle_webhook may overlap (a long sync never
// blocks webhook intake), webhooks are serialized among themselves, and close() refuses new
// calls and waits for running ones before stop + destroy.
#pragma once

#include "host_config.hpp"
#include "runtime.hpp"
#include "webhook_outcome.hpp"

#include "ocean/host/plugin.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace erp_host {

struct StepFailure {
  std::string step;  // "create", "configure", "set_feature reports", "start", "invoke", ...
  ocean::host::Status status;
  std::string describe() const { return step + " failed: " + status.describe(); }
};

class AccountSession {
 public:
  AccountSession(const HostConfig& config, BoundAccount bound, HostRuntime& runtime);
  ~AccountSession();
  AccountSession(const AccountSession&) = delete;
  AccountSession& operator=(const AccountSession&) = delete;

  // create + configure + every feature at its effective state (+ start). False on the first
  // failing step (see failure()). Throws HostError(config) when the data dir cannot be made.
  bool open(bool start);
  // set_feature on the live instance; false (and failure()) when the plugin refuses.
  bool set_feature(const std::string& feature, bool on);
  ocean::host::Status invoke(std::string_view capability, std::string_view request, std::string& response);
  // INVALID_STATE once closed (or before open).
  ocean::host::Status tick(std::int64_t now_ms);
  // One delivery; 503 when the instance is not (or no longer) started.
  WebhookOutcome webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms);
  // A new plugin config on the live instance (the web console's Save): waits for running calls,
  // then stop (when started), configure, the features again, start. The failed step, if any
  // (failure() is left as open() set it: the health monitor reads it from another thread); the
  // instance is then not started and its state is "failed".
  std::optional<StepFailure> reconfigure(const std::string& config_json);
  // Refuses new calls, waits for running ones, then stop (when started) and destroy. Safe to
  // call twice.
  void close();

  bool started() const { return started_.load(); }
  const std::string& account_id() const { return bound_.account->id; }
  const std::string& plugin_id() const { return bound_.account->plugin; }
  std::string state() const;
  // A copy: the console's reconfigure() may read the states back while others look.
  std::map<std::string, bool> features() const {
    std::lock_guard lock(state_mutex_);
    return bound_.features;
  }
  // The plugin's manifest (null when the binding has none).
  const Manifest* manifest() const {
    return bound_.entry && bound_.entry->manifest ? &*bound_.entry->manifest : nullptr;
  }
  const std::optional<StepFailure>& failure() const { return failure_; }
  std::filesystem::path data_dir() const;

 private:
  bool apply_features();
  bool step(const std::string& name, const ocean::host::Status& status);
  void set_state(const char* state);

  const HostConfig& config_;
  BoundAccount bound_;
  HostRuntime& runtime_;
  std::unique_ptr<ocean::host::Instance> instance_;
  std::shared_mutex life_;     // shared: calls into the instance; exclusive: open, close
  std::mutex webhook_serial_;  // one delivery at a time per instance
  std::atomic<bool> started_{false};
  mutable std::mutex state_mutex_;
  std::string state_ = "new";
  std::optional<StepFailure> failure_;
};

}  // namespace erp_host
