// The core's Host interface over the SDK's NULL-safe view of the ABI services table.
#pragma once
#include "ocean/sdk/host_services.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::glue {

class HostAdapter final : public Host {
 public:
  // `module` is the view of the table given to init (its data_dir is the module data dir).
  HostAdapter(const sdk::HostServices& services, const sdk::HostServices& module)
      : services_(services), module_(module) {}

  void log(LogLevel level, std::string_view message) override {
    ocean_log_level l = OCEAN_LOG_INFO;
    switch (level) {
      case LogLevel::trace: l = OCEAN_LOG_TRACE; break;
      case LogLevel::debug: l = OCEAN_LOG_DEBUG; break;
      case LogLevel::info: l = OCEAN_LOG_INFO; break;
      case LogLevel::warn: l = OCEAN_LOG_WARN; break;
      case LogLevel::error: l = OCEAN_LOG_ERROR; break;
    }
    services_.log(l, message);
  }
  std::int64_t wall_ms() override { return services_.wall_clock_ms(); }
  std::int64_t monotonic_ns() override { return services_.monotonic_ns(); }
  std::optional<std::string> secret(std::string_view name) override { return services_.secret(name); }
  std::optional<std::string> data_dir() override { return services_.data_dir(); }
  std::optional<std::string> module_data_dir() override { return module_.data_dir(); }
  void emit_event(std::string_view json) override { services_.emit_event(json); }

 private:
  const sdk::HostServices& services_;
  const sdk::HostServices& module_;
};

}  // namespace ocean::tiktok::glue
