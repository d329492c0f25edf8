#include "runtime.hpp"

#include <chrono>
#include <iostream>
#include <utility>

namespace erp_host {

HostRuntime::HostRuntime(std::int32_t min_level) : min_level_(min_level) {}

std::shared_ptr<const ocean::host::HostHooks> HostRuntime::hooks() {
  if (!hooks_) {
    hooks_ = std::make_shared<ocean::host::HostHooks>();
    hooks_->log = [this](std::int32_t level, std::string_view account, std::string_view message) {
      const auto [component, text] = split_component(message, "plugin");
      log(level, account, component, text);
    };
    hooks_->wall_clock_ms = [this] { return wall_ms(); };
    hooks_->secret = [this](std::string_view, std::string_view name) { return secrets_.lookup(name); };
    hooks_->event = [this](std::string_view account, std::string_view json) {
      std::lock_guard lock(mutex_);
      const bool shown = live_ && live_(account, json);
      events_.push_back({std::string(account), std::string(json), shown});
    };
  }
  return hooks_;
}

void HostRuntime::log(std::int32_t level, std::string_view account, std::string_view message) {
  log(level, account, "host", message);
}

void HostRuntime::log(std::int32_t level, std::string_view account, std::string_view component,
                      std::string_view message) {
  if (level < min_level_) return;
  // One record per line whatever the plugin sent: control characters become spaces.
  std::string text(message);
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  using namespace std::chrono;
  const LogRecord record{duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count(), level,
                         std::string(account), std::string(component), secrets_.redact(std::move(text))};
  std::string line = format_log_line(record, format_);
  std::lock_guard lock(mutex_);
  if (sink_)
    sink_(std::move(line));
  else
    std::cerr << line << std::flush;
}

std::int64_t HostRuntime::wall_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + clock_offset_ms_.load();
}

void HostRuntime::set_log_sink(LogSink sink) {
  std::lock_guard lock(mutex_);
  sink_ = std::move(sink);
}

void HostRuntime::set_live_listener(LiveListener listener) {
  std::lock_guard lock(mutex_);
  live_ = std::move(listener);
}

std::vector<CollectedEvent> HostRuntime::take_events() {
  std::lock_guard lock(mutex_);
  return std::exchange(events_, {});
}

}  // namespace erp_host
