// Drives one account's plugin instance through the lifecycle: create (with its own data dir and
// services), configure, features, start ... stop, destroy. Every step's status is kept so the
// commands can report exactly which step failed and why.
#pragma once

#include "host_config.hpp"
#include "runtime.hpp"

#include "ocean/host/plugin.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
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
  ocean::host::Status tick(std::int64_t now_ms);
  // stop (when started) and destroy; safe to call twice.
  void close();

  const std::string& account_id() const { return bound_.account->id; }
  const std::string& plugin_id() const { return bound_.account->plugin; }
  const std::string& state() const { return state_; }
  const std::map<std::string, bool>& features() const { return bound_.features; }
  const std::optional<StepFailure>& failure() const { return failure_; }
  std::filesystem::path data_dir() const;

 private:
  bool step(const std::string& name, const ocean::host::Status& status);

  const HostConfig& config_;
  BoundAccount bound_;
  HostRuntime& runtime_;
  std::unique_ptr<ocean::host::Instance> instance_;
  std::string state_ = "new";
  std::optional<StepFailure> failure_;
};

}  // namespace erp_host
