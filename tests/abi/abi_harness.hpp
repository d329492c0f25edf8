// Test harness for the ABI conformance suite: loads plugin libraries with plain dlopen/dlsym (no
// host helper, so the suite tests the C ABI exactly as any C host sees it), lends them a host
// services table backed by a temp directory and an in-memory secret store, and offers small
// helpers to drive an instance into a given state.
#ifndef OCEAN_TESTS_ABI_HARNESS_HPP
#define OCEAN_TESTS_ABI_HARNESS_HPP

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ocean/ocean_plugin.h"

namespace abi_test {

// Every plugin library in the real plugin directory, sorted by path.
std::vector<std::string> plugin_paths();
std::string test_plugin_path(const std::string& file_name);  // <build>/test_plugins/<file>
std::string file_name_of(const std::string& path);
std::string read_file(const std::string& path);

// dlopen'ed library, closed on destruction.
class Library {
 public:
  explicit Library(const std::string& path);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  ocean_plugin_entry_fn entry() const { return entry_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
  ocean_plugin_entry_fn entry_ = nullptr;
};

struct Negotiation {
  ocean_status_t status;
  ocean_negotiation_v1 data;
  const ocean_plugin_v1* api;
};
Negotiation negotiate(const Library& library, std::uint32_t host_major = OCEAN_ABI_MAJOR,
                      std::uint32_t host_minor = OCEAN_ABI_MINOR);

// A host services table backed by this object: fresh temp data dir, a random 32-byte "store_key"
// (hex), captured log lines and events, a wall clock the test sets.
class TestHost {
 public:
  TestHost();
  ~TestHost();
  TestHost(const TestHost&) = delete;
  TestHost& operator=(const TestHost&) = delete;

  const ocean_host_services_v1* services() const { return &table_; }
  const std::string& data_dir() const { return data_dir_; }
  void set_secret(const std::string& name, const std::string& value);
  std::vector<std::string> log_lines() const;
  std::vector<std::string> events() const;
  std::int64_t wall_ms = 1'700'000'000'000;
  const std::string& store_key() const { return secrets_.at("store_key"); }

 private:
  static void log(void* ctx, std::int32_t level, const char* message, std::size_t len);
  static std::int64_t wall_clock(void* ctx);
  static std::int64_t monotonic(void* ctx);
  static ocean_status_t get_secret(void* ctx, const char* name, std::size_t name_len, char* out, std::size_t capacity,
                                   std::size_t* needed);
  static const char* data_dir_fn(void* ctx);
  static void emit_event(void* ctx, const char* json, std::size_t len);

  ocean_host_services_v1 table_{};
  std::string data_dir_;
  std::map<std::string, std::string> secrets_;
  mutable std::mutex mutex_;
  std::vector<std::string> logs_;
  std::vector<std::string> events_;
  std::int64_t monotonic_ns_ = 1'000;
};

enum class State { created, configured, started };
const char* state_name(State s);

struct ErrorInfo {
  ocean_status_t status;
  std::int64_t retry_after_ms;
  std::string message;
};

// A negotiated and initialised plugin; destroys what it created and deinits on destruction.
class Plugin {
 public:
  explicit Plugin(const std::string& path, bool with_module_services = true);
  ~Plugin();
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const ocean_plugin_v1& api() const { return *api_; }
  const ocean_plugin_descriptor_v1& descriptor() const { return *api_->descriptor; }
  std::string id() const { return descriptor().id; }
  const std::string& path() const { return library_.path(); }
  TestHost& module_host() { return module_host_; }

  // The conformance configuration for this plugin (tests/abi/configs/<id>.json).
  const std::string& config() const { return config_; }

  // Creates an instance with its own TestHost (REQUIREs success) and drives it to `state`.
  ocean_instance* make(State state, const std::string& account = "conformance-account");
  ocean_instance* create_with(const ocean_host_services_v1* services, const std::string& account);
  TestHost& host_of(ocean_instance* instance);
  void destroy(ocean_instance* instance);

  // Reads the state without changing it: set_feature and invoke of an undeclared id answer
  // INVALID_STATE before UNSUPPORTED, so their pair of answers identifies the state.
  State probe(ocean_instance* instance) const;
  ErrorInfo error(const ocean_instance* instance) const;

  // First declared feature / capability, or an id the plugin does not declare.
  std::string some_feature() const;
  std::string some_capability() const;

 private:
  Library library_;
  const ocean_plugin_v1* api_ = nullptr;
  TestHost module_host_;
  std::string config_;
  std::map<ocean_instance*, std::unique_ptr<TestHost>> instances_;
};

// Checks that `out` holds the webhook_result a failed handle_webhook must leave (ocean_plugin.h:
// http_status, "accepted":false, the status name, a message), frees it, and returns the message.
std::string webhook_failure_message(const ocean_plugin_v1& api, ocean_buffer& out, int http_status,
                                    ocean_status_t status);

inline constexpr const char* kUndeclared = "conformance.undeclared";

}  // namespace abi_test

#endif  // OCEAN_TESTS_ABI_HARNESS_HPP
