// Host side, part 3: the services table the host lends a plugin (log, clocks, secrets, data
// directory, events), with one context per instance (plus one for the module) so every callback
// knows which account is speaking.
//
// Every callback is noexcept and catches everything: an exception thrown by a host hook must
// never unwind into the plugin's C frames.
#pragma once

#include "ocean/ocean_plugin.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ocean::host {

// What the host does when a plugin calls a service. Any hook may be empty: logs and events are
// then dropped, secrets are not found, clocks fall back to the system clocks.
struct HostHooks {
  std::function<void(std::int32_t level, std::string_view account, std::string_view message)> log;
  std::function<std::optional<std::string>(std::string_view account, std::string_view name)> secret;
  std::function<void(std::string_view account, std::string_view event_json)> event;
  std::function<std::int64_t()> wall_clock_ms;
  std::function<std::int64_t()> monotonic_ns;
};

inline const char* log_level_name(std::int32_t level) {
  switch (level) {
    case OCEAN_LOG_TRACE: return "trace";
    case OCEAN_LOG_DEBUG: return "debug";
    case OCEAN_LOG_INFO: return "info";
    case OCEAN_LOG_WARN: return "warn";
    case OCEAN_LOG_ERROR: return "error";
    default: return "log";
  }
}

// Owns one ocean_host_services_v1 whose host_ctx points back at this object, so it must stay
// at one address: not copyable, not movable, held by unique_ptr.
class ServiceContext {
 public:
  ServiceContext(std::shared_ptr<const HostHooks> hooks, std::string account_id, std::string data_dir)
      : hooks_(std::move(hooks)), account_id_(std::move(account_id)), data_dir_(std::move(data_dir)) {
    table_.struct_size = sizeof(table_);
    table_.host_ctx = this;
    table_.log = &ServiceContext::log;
    table_.wall_clock_ms = &ServiceContext::wall_clock_ms;
    table_.monotonic_ns = &ServiceContext::monotonic_ns;
    table_.get_secret = &ServiceContext::get_secret;
    table_.data_dir = &ServiceContext::data_dir;
    table_.emit_event = &ServiceContext::emit_event;
  }
  ServiceContext(const ServiceContext&) = delete;
  ServiceContext& operator=(const ServiceContext&) = delete;

  const ocean_host_services_v1* table() const noexcept { return &table_; }
  const std::string& account_id() const noexcept { return account_id_; }
  const std::string& data_directory() const noexcept { return data_dir_; }

 private:
  static ServiceContext* self(void* ctx) noexcept { return static_cast<ServiceContext*>(ctx); }

  static void log(void* ctx, std::int32_t level, const char* message, std::size_t len) noexcept {
    try {
      auto* s = self(ctx);
      if (s && s->hooks_ && s->hooks_->log && (message || len == 0))
        s->hooks_->log(level, s->account_id_, std::string_view(message ? message : "", len));
    } catch (...) {
      // A failing log sink loses one line; it must not take the plugin down.
    }
  }

  static std::int64_t wall_clock_ms(void* ctx) noexcept {
    try {
      auto* s = self(ctx);
      if (s && s->hooks_ && s->hooks_->wall_clock_ms) return s->hooks_->wall_clock_ms();
    } catch (...) {
    }
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }

  static std::int64_t monotonic_ns(void* ctx) noexcept {
    try {
      auto* s = self(ctx);
      if (s && s->hooks_ && s->hooks_->monotonic_ns) return s->hooks_->monotonic_ns();
    } catch (...) {
    }
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
  }

  static ocean_status_t get_secret(void* ctx, const char* name, std::size_t name_len, char* out, std::size_t capacity,
                                   std::size_t* needed) noexcept {
    try {
      auto* s = self(ctx);
      if (!s || !needed || (!name && name_len > 0) || (!out && capacity > 0)) return OCEAN_INVALID_ARGUMENT;
      *needed = 0;
      if (!s->hooks_ || !s->hooks_->secret) return OCEAN_NOT_FOUND;
      const auto value = s->hooks_->secret(s->account_id_, std::string_view(name ? name : "", name_len));
      if (!value) return OCEAN_NOT_FOUND;
      *needed = value->size();
      if (capacity > 0) std::memcpy(out, value->data(), value->size() < capacity ? value->size() : capacity);
      return OCEAN_OK;
    } catch (...) {
      return OCEAN_NOT_FOUND;
    }
  }

  static const char* data_dir(void* ctx) noexcept {
    auto* s = self(ctx);
    return (s && !s->data_dir_.empty()) ? s->data_dir_.c_str() : nullptr;
  }

  static void emit_event(void* ctx, const char* json, std::size_t len) noexcept {
    try {
      auto* s = self(ctx);
      if (s && s->hooks_ && s->hooks_->event && (json || len == 0))
        s->hooks_->event(s->account_id_, std::string_view(json ? json : "", len));
    } catch (...) {
      // The event is lost for this host; the plugin keeps its own record of what it did.
    }
  }

  std::shared_ptr<const HostHooks> hooks_;
  std::string account_id_;
  std::string data_dir_;
  ocean_host_services_v1 table_{};
};

}  // namespace ocean::host
