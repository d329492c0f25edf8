// A host for tests: captures logs and events, lends a data directory and secrets, and owns a
// wall clock the test moves. Usable as the core's Host and as an ABI services table.
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "ocean/ocean_plugin.h"
#include "util/host.hpp"

class TestHost final : public ocean::tiktok::Host {
 public:
  explicit TestHost(std::string data_dir) : data_dir_(std::move(data_dir)) {
    wall_ms_ =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    table_.struct_size = sizeof(table_);
    table_.host_ctx = this;
    table_.log = [](void* ctx, int32_t level, const char* m, size_t n) {
      static_cast<TestHost*>(ctx)->log(static_cast<ocean::tiktok::LogLevel>(level), std::string_view(m, n));
    };
    table_.wall_clock_ms = [](void* ctx) { return static_cast<TestHost*>(ctx)->wall_ms(); };
    table_.monotonic_ns = [](void* ctx) { return static_cast<TestHost*>(ctx)->monotonic_ns(); };
    table_.get_secret = [](void* ctx, const char* name, size_t len, char* out, size_t cap,
                           size_t* needed) -> ocean_status_t {
      auto s = static_cast<TestHost*>(ctx)->secret(std::string_view(name, len));
      if (!s) return OCEAN_NOT_FOUND;
      *needed = s->size();
      if (out != nullptr && cap >= s->size()) std::copy(s->begin(), s->end(), out);
      return OCEAN_OK;
    };
    table_.data_dir = [](void* ctx) -> const char* { return static_cast<TestHost*>(ctx)->data_dir_.c_str(); };
    table_.emit_event = [](void* ctx, const char* json, size_t n) {
      static_cast<TestHost*>(ctx)->emit_event(std::string_view(json, n));
    };
  }

  // ---- ocean::tiktok::Host ----
  void log(ocean::tiktok::LogLevel, std::string_view message) override {
    std::lock_guard lock(mutex_);
    logs_.emplace_back(message);
  }
  std::int64_t wall_ms() override {
    std::lock_guard lock(mutex_);
    return wall_ms_;
  }
  std::int64_t monotonic_ns() override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::optional<std::string> secret(std::string_view name) override {
    std::lock_guard lock(mutex_);
    const auto it = secrets_.find(std::string(name));
    if (it == secrets_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> data_dir() override { return data_dir_; }
  void emit_event(std::string_view json) override {
    std::lock_guard lock(mutex_);
    events_.emplace_back(json);
  }

  // ---- test controls ----
  void set_secret(const std::string& name, const std::string& value) {
    std::lock_guard lock(mutex_);
    secrets_[name] = value;
  }
  void advance_ms(std::int64_t ms) {
    std::lock_guard lock(mutex_);
    wall_ms_ += ms;
  }
  std::vector<std::string> logs() {
    std::lock_guard lock(mutex_);
    return logs_;
  }
  std::vector<std::string> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::string all_logs() {
    std::string out;
    for (const auto& l : logs()) out += l + "\n";
    return out;
  }
  const ocean_host_services_v1* table() const { return &table_; }

 private:
  std::mutex mutex_;
  std::string data_dir_;
  std::int64_t wall_ms_ = 0;
  std::map<std::string, std::string> secrets_;
  std::vector<std::string> logs_;
  std::vector<std::string> events_;
  ocean_host_services_v1 table_{};
};
