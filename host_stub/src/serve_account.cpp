#include "serve_account.hpp"

#include "exit_codes.hpp"
#include "json_io.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace fs = std::filesystem;
namespace json = boost::json;

WebhookOutcome webhook_outcome(const ocean::host::Status& status, std::string_view result_json) {
  WebhookOutcome out;
  out.status = status.name();
  out.message = status.message;
  std::string error;
  if (auto parsed = parse_json(result_json, error); parsed && parsed->is_object()) {
    const auto& o = parsed->get_object();
    if (const auto* m = o.if_contains("message"); m && m->is_string()) out.message = std::string(m->get_string());
    if (const auto* h = o.if_contains("http_status");
        h && h->is_int64() && h->get_int64() >= 200 && h->get_int64() <= 599) {
      out.http_status = static_cast<int>(h->get_int64());
      return out;
    }
  }
  switch (status.code) {
    case OCEAN_OK: out.http_status = 200; break;
    case OCEAN_RETRY:
    case OCEAN_RATE_LIMITED:
    case OCEAN_INVALID_STATE: out.http_status = 503; break;
    case OCEAN_INVALID_ARGUMENT: out.http_status = 400; break;
    case OCEAN_UNSUPPORTED:
    case OCEAN_NOT_FOUND: out.http_status = 404; break;
    default: out.http_status = 500; break;
  }
  return out;
}

ServeAccount::ServeAccount(const HostConfig& config, BoundAccount bound, HostRuntime& runtime)
    : config_(config), bound_(std::move(bound)), runtime_(runtime) {
  // bound_.features is already what counts (host_config.cpp: bind_account).
  for (const auto& value : bound_.secret_values) runtime_.secrets().add_sensitive_value(value);
}

ServeAccount::~ServeAccount() { close(); }

std::string ServeAccount::state() const {
  std::lock_guard lock(state_mutex_);
  return state_;
}

bool ServeAccount::step(const std::string& name, const ocean::host::Status& status) {
  if (status.ok()) return true;
  failure_ = StepFailure{name, status};
  return false;
}

bool ServeAccount::open() {
  const fs::path dir = config_.data_dir_for(*bound_.account);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw HostError(ExitCode::config,
                    "account " + account_id() + ": cannot create data dir " + dir.string() + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);  // tokens and stores live here

  std::unique_lock life(life_);
  auto set_state = [this](const char* s) {
    std::lock_guard lock(state_mutex_);
    state_ = s;
  };
  try {
    instance_ = ocean::host::Instance::create(bound_.entry->plugin, account_id(), dir.string(), runtime_.hooks());
  } catch (const ocean::host::PluginError& e) {
    set_state("failed");
    return step("create", e.status());
  }
  set_state("created");
  if (!step("configure", instance_->configure(json::serialize(bound_.account->config)))) return false;
  set_state("configured");
  for (const auto& [id, on] : bound_.features)
    if (!step("set_feature " + id, instance_->set_feature(id, on))) return false;
  if (!step("start", instance_->start())) return false;
  set_state("started");
  started_ = true;
  return true;
}

ocean::host::Status ServeAccount::tick(std::int64_t now_ms) {
  std::shared_lock life(life_);
  if (!started_) return {OCEAN_INVALID_STATE, "the instance is not started", 0};
  return instance_->tick(now_ms);
}

WebhookOutcome ServeAccount::webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms) {
  std::shared_lock life(life_);
  if (!started_) return {503, "account " + account_id() + " is not running", "INVALID_STATE"};
  std::lock_guard serial(webhook_serial_);
  ocean::host::Buffer result;
  const auto status = instance_->handle_webhook(headers, body, received_at_ms, result);
  return webhook_outcome(status, result.view());
}

void ServeAccount::close() {
  started_ = false;  // new webhooks and ticks are refused from here on
  std::unique_lock life(life_);
  if (!instance_) return;
  if (state() == "started") {
    const auto s = instance_->stop();
    if (!s.ok()) runtime_.log(OCEAN_LOG_WARN, account_id(), "stop failed: " + s.describe());
    std::lock_guard lock(state_mutex_);
    state_ = "stopped";
  }
  instance_.reset();
}

}  // namespace erp_host
