// What the core needs from its host, as a C++ interface. The glue implements it over the ABI's
// services table; tests implement it directly (a host whose clock they can move).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok {

enum class LogLevel { trace, debug, info, warn, error };

class Host {
 public:
  virtual ~Host() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;
  // Wall clock, Unix epoch milliseconds (hosts and tests may move it).
  virtual std::int64_t wall_ms() = 0;
  // Monotonic nanoseconds from an arbitrary origin.
  virtual std::int64_t monotonic_ns() = 0;
  // A named secret from the host's secret service; nullopt when the host has none.
  virtual std::optional<std::string> secret(std::string_view name) = 0;
  // The instance's data directory; nullopt when the host gives no storage.
  virtual std::optional<std::string> data_dir() = 0;
  // The module's data directory (the data_dir service of the table given to init), shared by every
  // account of this plugin in the host; nullopt when the host gives none.
  virtual std::optional<std::string> module_data_dir() { return std::nullopt; }
  // A JSON event ("schema":"event.v1") for the host.
  virtual void emit_event(std::string_view json) = 0;
};

}  // namespace ocean::tiktok
