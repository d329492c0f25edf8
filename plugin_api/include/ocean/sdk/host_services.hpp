// ocean/sdk/host_services.hpp: a NULL-safe view of an ocean_host_services_v1 table.
//
// The host may pass no table, a table from an older minor (smaller struct_size) or a table with
// NULL entries. Every accessor here checks both the size and the pointer and falls back to a
// sensible default (no log, system clocks, no secrets, no data dir, events dropped), so plugin
// code never has to.
#ifndef OCEAN_SDK_HOST_SERVICES_HPP
#define OCEAN_SDK_HOST_SERVICES_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ocean/ocean_plugin.h"

namespace ocean::sdk {

class HostServices {
 public:
  HostServices() noexcept = default;
  explicit HostServices(const ocean_host_services_v1* table) noexcept : table_(table) {}

  // The raw table (may be NULL). Valid as long as the host promised (until destroy / deinit).
  const ocean_host_services_v1* raw() const noexcept { return table_; }

  bool has_log() const noexcept { return log_fn() != nullptr; }
  bool has_wall_clock() const noexcept { return wall_fn() != nullptr; }
  bool has_monotonic_clock() const noexcept { return mono_fn() != nullptr; }
  bool has_secrets() const noexcept { return secret_fn() != nullptr; }
  bool has_data_dir() const noexcept { return data_dir_fn() != nullptr; }
  bool has_event_sink() const noexcept { return event_fn() != nullptr; }

  // One log line. Never pass secrets. Without a host logger the line is dropped.
  void log(ocean_log_level level, std::string_view message) const {
    if (auto fn = log_fn()) fn(table_->host_ctx, static_cast<std::int32_t>(level), message.data(), message.size());
  }
  void trace(std::string_view m) const { log(OCEAN_LOG_TRACE, m); }
  void debug(std::string_view m) const { log(OCEAN_LOG_DEBUG, m); }
  void info(std::string_view m) const { log(OCEAN_LOG_INFO, m); }
  void warn(std::string_view m) const { log(OCEAN_LOG_WARN, m); }
  void error(std::string_view m) const { log(OCEAN_LOG_ERROR, m); }

  // Unix epoch milliseconds from the host (tests move it), else the system clock.
  std::int64_t wall_clock_ms() const {
    if (auto fn = wall_fn()) return fn(table_->host_ctx);
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }

  // Monotonic nanoseconds from the host, else std::chrono::steady_clock.
  std::int64_t monotonic_ns() const {
    if (auto fn = mono_fn()) return fn(table_->host_ctx);
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
  }

  // Looks a secret up with the two-call idiom. OCEAN_OK fills `out`; OCEAN_NOT_FOUND when the
  // host has no such secret or no secret service; OCEAN_INVALID_ARGUMENT when the host refused
  // the name; OCEAN_INTERNAL when the host's answers are inconsistent. `out` is cleared on
  // failure. The value is a secret: never log it or put it in a message.
  ocean_status get_secret(std::string_view name, std::string& out) const {
    out.clear();
    auto fn = secret_fn();
    if (fn == nullptr) return OCEAN_NOT_FOUND;
    // The secret may change between the sizing call and the filling call; try a few times.
    std::size_t capacity = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      out.assign(capacity, '\0');
      std::size_t needed = 0;
      const ocean_status_t status =
          fn(table_->host_ctx, name.data(), name.size(), capacity == 0 ? nullptr : out.data(), capacity, &needed);
      if (status != OCEAN_OK) {
        out.clear();
        return status == OCEAN_NOT_FOUND || status == OCEAN_INVALID_ARGUMENT ? static_cast<ocean_status>(status)
                                                                             : OCEAN_INTERNAL;
      }
      if (needed > kMaxSecretBytes) break;
      if (needed <= capacity) {
        out.resize(needed);
        return OCEAN_OK;
      }
      capacity = needed;
    }
    out.clear();
    return OCEAN_INTERNAL;
  }

  // The secret, or nullopt for any failure (see get_secret for the distinction).
  std::optional<std::string> secret(std::string_view name) const {
    std::string value;
    if (get_secret(name, value) != OCEAN_OK) return std::nullopt;
    return value;
  }

  // The directory the host lends for files, or nullopt when it gives no storage.
  std::optional<std::string> data_dir() const {
    auto fn = data_dir_fn();
    if (fn == nullptr) return std::nullopt;
    const char* dir = fn(table_->host_ctx);
    if (dir == nullptr || *dir == '\0') return std::nullopt;
    return std::string(dir);
  }

  // Sends an event ({"schema":"event.v1",...}) to the host; dropped when there is no sink.
  void emit_event(std::string_view json) const {
    if (auto fn = event_fn()) fn(table_->host_ctx, json.data(), json.size());
  }

 private:
  // A larger secret is a host bug, not a key; refusing it bounds the allocation.
  static constexpr std::size_t kMaxSecretBytes = 1u << 20;

  decltype(ocean_host_services_v1::log) log_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, log) ? table_->log : nullptr;
  }
  decltype(ocean_host_services_v1::wall_clock_ms) wall_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, wall_clock_ms) ? table_->wall_clock_ms : nullptr;
  }
  decltype(ocean_host_services_v1::monotonic_ns) mono_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, monotonic_ns) ? table_->monotonic_ns : nullptr;
  }
  decltype(ocean_host_services_v1::get_secret) secret_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, get_secret) ? table_->get_secret : nullptr;
  }
  decltype(ocean_host_services_v1::data_dir) data_dir_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, data_dir) ? table_->data_dir : nullptr;
  }
  decltype(ocean_host_services_v1::emit_event) event_fn() const noexcept {
    return OCEAN_HAS_FIELD(table_, ocean_host_services_v1, emit_event) ? table_->emit_event : nullptr;
  }

  const ocean_host_services_v1* table_ = nullptr;
};

}  // namespace ocean::sdk

#endif  // OCEAN_SDK_HOST_SERVICES_HPP
