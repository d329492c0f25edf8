// Process-wide host state lent to plugins through the services table: the stderr logger, the
// secret source and the collected events. Lives for the whole command, longer than any plugin.
#pragma once

#include "log_line.hpp"
#include "secrets.hpp"

#include "ocean/host/services.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace erp_host {

struct CollectedEvent {
  std::string account;
  std::string json;         // as the plugin sent it
  bool shown_live = false;  // a live listener printed it already
};

// Sees each event as the plugin emits it, on the plugin's thread, under the runtime's lock (so
// calls never overlap, and none comes after it is removed); returns true when it printed it.
using LiveListener = std::function<bool(std::string_view account, std::string_view json)>;

class HostRuntime {
 public:
  // Lines below `min_level` (an ocean_log_level) are dropped.
  explicit HostRuntime(std::int32_t min_level = OCEAN_LOG_INFO);

  // Hooks for ServiceContext; they point back at this runtime, which must outlive every plugin.
  std::shared_ptr<const ocean::host::HostHooks> hooks();

  // One line (log_line.hpp: timestamp, level, account, component), secrets masked, to the sink:
  // stderr by default. The host's own lines are component "host" unless it names another.
  void log(std::int32_t level, std::string_view account, std::string_view message);
  void log(std::int32_t level, std::string_view account, std::string_view component, std::string_view message);
  void set_log_format(LogFormat format) { format_ = format; }

  SecretSource& secrets() { return secrets_; }

  // The host's wall clock, Unix epoch ms: the system clock moved by the --clock-offset. The
  // plugins read the same clock through the wall_clock_ms service, and ticks are given it.
  std::int64_t wall_ms() const;
  void set_clock_offset_ms(std::int64_t offset_ms) { clock_offset_ms_ = offset_ms; }
  std::int64_t clock_offset_ms() const { return clock_offset_ms_; }

  // Where log lines go; stderr (blocking) when none is set. serve sets a non-blocking queue.
  using LogSink = std::function<void(std::string line)>;
  void set_log_sink(LogSink sink);
  std::vector<CollectedEvent> take_events();
  // At most one; an empty function removes it. Events are collected whether it shows them or not.
  void set_live_listener(LiveListener listener);

 private:
  std::int32_t min_level_;
  LogFormat format_ = LogFormat::text;
  std::atomic<std::int64_t> clock_offset_ms_{0};
  LogSink sink_;
  SecretSource secrets_;
  std::mutex mutex_;
  std::vector<CollectedEvent> events_;
  LiveListener live_;
  std::shared_ptr<ocean::host::HostHooks> hooks_;
};

}  // namespace erp_host
