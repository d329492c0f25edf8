#include "session.hpp"

#include "exit_codes.hpp"

#include <boost/json/serialize.hpp>

namespace erp_host {
namespace fs = std::filesystem;

AccountSession::AccountSession(const HostConfig& config, BoundAccount bound, HostRuntime& runtime)
    : config_(config), bound_(std::move(bound)), runtime_(runtime) {
  // bound_.features is already what counts (host_config.cpp: bind_account).
  for (const auto& value : bound_.secret_values) runtime_.secrets().add_sensitive_value(value);
}

AccountSession::~AccountSession() { close(); }

fs::path AccountSession::data_dir() const { return config_.data_dir_for(*bound_.account); }

std::string AccountSession::state() const {
  std::lock_guard lock(state_mutex_);
  return state_;
}

void AccountSession::set_state(const char* state) {
  std::lock_guard lock(state_mutex_);
  state_ = state;
}

bool AccountSession::step(const std::string& name, const ocean::host::Status& status) {
  if (status.ok()) return true;
  failure_ = StepFailure{name, status};  // the command reports it; no log line twice
  // A plugin that could not get a secret (the store key) is told what it lacks; the operator is
  // told where to put it.
  if (const std::string hint = runtime_.secrets().missing_hint(); !hint.empty())
    failure_->status.message += " (" + hint + ")";
  return false;
}

bool AccountSession::open(bool start) {
  const fs::path dir = data_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw HostError(ExitCode::config,
                    "account " + account_id() + ": cannot create data dir " + dir.string() + ": " + ec.message());
  // Tokens and stores live here; nobody else on the machine needs to read them.
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);

  std::unique_lock life(life_);
  try {
    instance_ = ocean::host::Instance::create(bound_.entry->plugin, account_id(), dir.string(), runtime_.hooks());
  } catch (const ocean::host::PluginError& e) {
    set_state("failed");
    return step("create", e.status());
  }
  set_state("created");
  if (!step("configure", instance_->configure(boost::json::serialize(bound_.account->config)))) return false;
  set_state("configured");
  if (!apply_features()) return false;
  if (start) {
    if (!step("start", instance_->start())) return false;
    set_state("started");
    started_ = true;
  }
  return true;
}

// The host's overrides go to the plugin; then every state is read back, since the plugin's config
// may switch features too. A plugin at ABI minor 0 has no read-back: the host then sets every
// feature itself (defaults and overrides), so what it shows is what the plugin runs.
bool AccountSession::apply_features() {
  const bool read_back = instance_->feature_enabled("core").has_value();
  for (const auto& [id, on] : bound_.features)
    if ((!read_back || bound_.account->features.count(id)) &&
        !step("set_feature " + id, instance_->set_feature(id, on)))
      return false;
  if (read_back)
    for (auto& [id, on] : bound_.features)
      if (const auto state = instance_->feature_enabled(id)) {
        std::lock_guard lock(state_mutex_);
        on = *state;
      }
  return true;
}

std::optional<StepFailure> AccountSession::reconfigure(const std::string& config_json) {
  std::unique_lock life(life_);
  if (!instance_) return StepFailure{"reconfigure", {OCEAN_INVALID_STATE, "the account is closed", 0}};
  const bool was_started = started_.exchange(false);
  auto failed = [this](const char* name, ocean::host::Status status) {
    set_state("failed");
    return StepFailure{name, std::move(status)};
  };
  if (was_started)
    if (auto s = instance_->stop(); !s.ok()) return failed("stop", s);
  if (auto s = instance_->configure(config_json); !s.ok()) return failed("configure", s);
  // The features as open() sets them: the host's overrides, then each state read back.
  const bool read_back = instance_->feature_enabled("core").has_value();
  for (const auto& [id, on] : features())
    if (!read_back || bound_.account->features.count(id))
      if (auto s = instance_->set_feature(id, on); !s.ok()) return failed("set_feature", s);
  for (const auto& [id, on] : features())
    if (const auto state = read_back ? instance_->feature_enabled(id) : std::nullopt) {
      std::lock_guard lock(state_mutex_);
      bound_.features[id] = *state;
    }
  set_state("configured");
  if (!was_started) return std::nullopt;
  if (auto s = instance_->start(); !s.ok()) return failed("start", s);
  set_state("started");
  started_ = true;
  return std::nullopt;
}

bool AccountSession::set_feature(const std::string& feature, bool on) {
  std::shared_lock life(life_);
  if (!instance_) return false;
  if (!step("set_feature " + feature, instance_->set_feature(feature, on))) return false;
  std::lock_guard lock(state_mutex_);
  bound_.features[feature] = on;
  return true;
}

ocean::host::Status AccountSession::invoke(std::string_view capability, std::string_view request,
                                           std::string& response) {
  std::shared_lock life(life_);
  if (!instance_) return {OCEAN_INVALID_STATE, "the account is closed", 0};
  ocean::host::Buffer out;
  auto status = instance_->invoke(capability, request, out);
  response.assign(out.view());
  return status;
}

ocean::host::Status AccountSession::tick(std::int64_t now_ms) {
  std::shared_lock life(life_);
  if (!instance_) return {OCEAN_INVALID_STATE, "the account is closed", 0};
  return instance_->tick(now_ms);
}

WebhookOutcome AccountSession::webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
  std::shared_lock life(life_);
  if (!started_) return {503, "account " + account_id() + " is not running", "INVALID_STATE"};
  std::lock_guard serial(webhook_serial_);
  ocean::host::Buffer result;
  const auto status = instance_->handle_webhook(headers, body, received_at_ms, result);
  return webhook_outcome(status, result.view());
}

void AccountSession::close() {
  started_ = false;  // new webhooks are refused from here on
  std::unique_lock life(life_);
  if (!instance_) return;
  if (state() == "started") {
    const auto s = instance_->stop();
    if (!s.ok()) runtime_.log(OCEAN_LOG_WARN, account_id(), "stop failed: " + s.describe());
    set_state("stopped");
  }
  instance_.reset();
}

}  // namespace erp_host
