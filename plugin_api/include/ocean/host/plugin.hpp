// Host side, part 4: RAII handles for a negotiated plugin, its instances and their output.
//
// Ownership chain (each arrow is a shared_ptr, so destruction order is automatic):
//   Instance --> Plugin --> Library        Buffer --> Plugin --> Library
// Plugin inits the module once and deinits it when the last Instance/Buffer is gone; the
// library is unmapped only after that. A Buffer may outlive the Instance that produced it.
#pragma once

#include "ocean/host/descriptor.hpp"
#include "ocean/host/library.hpp"
#include "ocean/host/services.hpp"

#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ocean::host {

// Outcome of one call on an instance: the status plus the instance's last_error detail.
struct Status {
  ocean_status_t code = OCEAN_OK;
  std::string message;
  std::int64_t retry_after_ms = 0;

  bool ok() const noexcept { return code == OCEAN_OK; }
  const char* name() const noexcept { return ocean_status_name(code); }
  // "INVALID_CONFIG: /region: must be one of ..." (or just the name when there is no detail).
  std::string describe() const { return message.empty() ? std::string(name()) : std::string(name()) + ": " + message; }
};

// For hosts that prefer exceptions: Status::throw_if_failed / Instance::create throw this.
class PluginError : public std::runtime_error {
 public:
  explicit PluginError(Status status) : std::runtime_error(status.describe()), status_(std::move(status)) {}
  const Status& status() const noexcept { return status_; }

 private:
  Status status_;
};

inline void throw_if_failed(const Status& s) {
  if (!s.ok()) throw PluginError(s);
}

class Plugin {
 public:
  // Inits the module with module-scoped services (account id "") and takes ownership of both.
  // Throws LoadError(init_failed) when init refuses.
  static std::shared_ptr<Plugin> init(std::shared_ptr<Library> library, const Negotiated& negotiated,
                                      std::shared_ptr<const HostHooks> hooks = {}, std::string module_data_dir = {}) {
    auto self = std::shared_ptr<Plugin>(new Plugin(std::move(library), negotiated));
    self->info_ = read_descriptor(negotiated.table->descriptor);
    self->module_services_ =
        std::make_unique<ServiceContext>(std::move(hooks), std::string(), std::move(module_data_dir));
    const ocean_status_t status = negotiated.table->init(self->module_services_->table());
    if (status != OCEAN_OK)
      throw LoadError(LoadError::Kind::init_failed, self->library_->path().filename().string() +
                                                        ": module init failed: " + ocean_status_name(status));
    self->initialized_ = true;
    return self;
  }

  ~Plugin() {
    if (initialized_) table_->deinit();
  }
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const ocean_plugin_v1& table() const noexcept { return *table_; }
  const DescriptorInfo& descriptor() const noexcept { return info_; }
  const Negotiated& negotiated() const noexcept { return negotiated_; }
  const std::shared_ptr<Library>& library() const noexcept { return library_; }

 private:
  Plugin(std::shared_ptr<Library> library, const Negotiated& negotiated)
      : library_(std::move(library)), negotiated_(negotiated), table_(negotiated.table) {}

  std::shared_ptr<Library> library_;
  Negotiated negotiated_;
  const ocean_plugin_v1* table_;
  DescriptorInfo info_;
  std::unique_ptr<ServiceContext> module_services_;
  bool initialized_ = false;
};

// A plugin-owned output buffer, freed through the plugin's free_buffer exactly once.
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(std::shared_ptr<const Plugin> plugin) : plugin_(std::move(plugin)) {}
  Buffer(Buffer&& other) noexcept : plugin_(std::move(other.plugin_)), raw_(std::exchange(other.raw_, {})) {}
  Buffer& operator=(Buffer&& other) noexcept {
    if (this != &other) {
      reset();
      plugin_ = std::move(other.plugin_);
      raw_ = std::exchange(other.raw_, {});
    }
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { reset(); }

  std::string_view view() const noexcept {
    return raw_.data ? std::string_view(raw_.data, raw_.size) : std::string_view();
  }
  bool empty() const noexcept { return raw_.size == 0; }
  // For the call that fills it; the previous content is released first.
  ocean_buffer* out() noexcept {
    release_data();
    return &raw_;
  }
  // Frees the content and lets go of the plugin (which may then unload).
  void reset() noexcept {
    release_data();
    plugin_.reset();
  }

 private:
  void release_data() noexcept {
    if (raw_.data && plugin_) plugin_->table().free_buffer(&raw_);
    raw_ = {};
  }

  std::shared_ptr<const Plugin> plugin_;
  ocean_buffer raw_{};
};

// One plugin instance (one shop account). As the ABI says: the caller serializes the calls on it,
// except handle_webhook, which may run on another thread beside invoke/tick (never beside
// configure/start/stop/set_feature or the destructor). That is safe here because each call's
// Status is read right after it on the calling thread, and handle_webhook never reads last_error.
class Instance {
 public:
  // Creates the instance with its own service context. Throws PluginError when create fails
  // (there is no instance to ask last_error, so the status name is the detail).
  static std::unique_ptr<Instance> create(std::shared_ptr<Plugin> plugin, std::string account_id, std::string data_dir,
                                          std::shared_ptr<const HostHooks> hooks) {
    auto self = std::unique_ptr<Instance>(new Instance(std::move(plugin)));
    self->services_ = std::make_unique<ServiceContext>(std::move(hooks), account_id, std::move(data_dir));
    ocean_instance_params_v1 params{};
    params.struct_size = sizeof(params);
    params.account_id = self->services_->account_id().c_str();
    params.services = self->services_->table();
    ocean_instance* handle = nullptr;
    const ocean_status_t status = self->table().create(&params, &handle);
    if (status != OCEAN_OK || handle == nullptr)
      throw PluginError(
          Status{status == OCEAN_OK ? OCEAN_INTERNAL : status, "create failed for account " + account_id, 0});
    self->handle_ = handle;
    return self;
  }

  ~Instance() {
    if (handle_) table().destroy(handle_);
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  Status configure(std::string_view config_json) {
    return result(table().configure(handle_, config_json.data(), config_json.size()));
  }
  Status start() { return result(table().start(handle_)); }
  Status stop() { return result(table().stop(handle_)); }
  Status set_feature(std::string_view feature, bool enabled) {
    return result(table().set_feature(handle_, feature.data(), feature.size(), enabled ? 1 : 0));
  }
  // The plugin's own view of a feature (ABI 1.1 get_feature): nullopt when the plugin runs at
  // minor 0 (no read-back) or the call fails (undeclared feature, not configured yet).
  std::optional<bool> feature_enabled(std::string_view feature) const {
    if (plugin_->negotiated().abi_minor < 1 || !OCEAN_HAS_FIELD(&table(), ocean_plugin_v1, get_feature) ||
        table().get_feature == nullptr)
      return std::nullopt;
    std::int32_t enabled = 0;
    if (table().get_feature(handle_, feature.data(), feature.size(), &enabled) != OCEAN_OK) return std::nullopt;
    return enabled == 1;
  }
  Status invoke(std::string_view capability, std::string_view request_json, Buffer& response) {
    response = Buffer(plugin_);
    return result(table().invoke(handle_, capability.data(), capability.size(), request_json.data(),
                                 request_json.size(), response.out()));
  }
  Status tick(std::int64_t now_ms) { return result(table().tick(handle_, now_ms)); }
  // The Status has the code only; the detail is the webhook_result in `response`.
  Status handle_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms,
                        Buffer& response) {
    ocean_webhook_v1 hook{};
    hook.struct_size = sizeof(hook);
    hook.headers = headers.data();
    hook.headers_len = headers.size();
    hook.body = body.data();
    hook.body_len = body.size();
    hook.received_at_ms = received_at_ms;
    response = Buffer(plugin_);
    return webhook_result(table().handle_webhook(handle_, &hook, response.out()));
  }

  const std::string& account_id() const noexcept { return services_->account_id(); }
  const std::shared_ptr<Plugin>& plugin() const noexcept { return plugin_; }

 private:
  explicit Instance(std::shared_ptr<Plugin> plugin) : plugin_(std::move(plugin)) {}
  const ocean_plugin_v1& table() const noexcept { return plugin_->table(); }

  // Unknown status values are treated as INTERNAL, as the ABI asks.
  Status result(ocean_status_t code) const {
    Status s;
    s.code = (code >= OCEAN_OK && code <= OCEAN_INTERNAL) ? code : OCEAN_INTERNAL;
    if (code == OCEAN_OK) return s;
    ocean_error_info_v1 info{};
    info.struct_size = sizeof(info);
    if (table().last_error(handle_, &info) == OCEAN_OK) {
      if (OCEAN_HAS_FIELD(&info, ocean_error_info_v1, retry_after_ms)) s.retry_after_ms = info.retry_after_ms;
      if (OCEAN_HAS_FIELD(&info, ocean_error_info_v1, message) && info.message)
        s.message.assign(info.message, strnlen(info.message, kMaxMessage));
    }
    if (s.code != code)
      s.message = "unknown status " + std::to_string(code) + (s.message.empty() ? "" : ": " + s.message);
    return s;
  }
  // handle_webhook writes no last_error (a concurrent invoke owns it); its detail is the
  // webhook_result JSON in the response buffer, so the Status carries the code alone.
  static Status webhook_result(ocean_status_t code) {
    Status s;
    s.code = (code >= OCEAN_OK && code <= OCEAN_INTERNAL) ? code : OCEAN_INTERNAL;
    if (s.code != code) s.message = "unknown status " + std::to_string(code);
    return s;
  }
  // A runaway message from a broken plugin is cut rather than read without end.
  static constexpr std::size_t kMaxMessage = 64 * 1024;

  std::shared_ptr<Plugin> plugin_;
  std::unique_ptr<ServiceContext> services_;
  ocean_instance* handle_ = nullptr;
};

}  // namespace ocean::host
