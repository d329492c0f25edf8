#include "abi_harness.hpp"

#include <dlfcn.h>
#include <stdlib.h>

#include <algorithm>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace abi_test {

namespace fs = std::filesystem;

std::vector<std::string> plugin_paths() {
  std::vector<std::string> paths;
  if (!fs::is_directory(OCEAN_PLUGIN_DIR)) return paths;
  for (const auto& entry : fs::directory_iterator(OCEAN_PLUGIN_DIR))
    if (entry.is_regular_file() && entry.path().extension() == ".so") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string test_plugin_path(const std::string& file_name) {
  return std::string(OCEAN_BINARY_DIR) + "/test_plugins/" + file_name;
}

std::string file_name_of(const std::string& path) { return fs::path(path).filename().string(); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- Library --------------------------------------------------------------------------------

Library::Library(const std::string& path) : path_(path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) throw std::runtime_error("dlopen " + path + ": " + dlerror());
  void* symbol = dlsym(handle_, OCEAN_PLUGIN_ENTRY_SYMBOL);
  if (symbol == nullptr) {
    dlclose(handle_);
    throw std::runtime_error(path + " has no " OCEAN_PLUGIN_ENTRY_SYMBOL);
  }
  std::memcpy(&entry_, &symbol, sizeof(entry_));  // object-to-function pointer, as POSIX allows
}

Library::~Library() { dlclose(handle_); }

Negotiation negotiate(const Library& library, std::uint32_t host_major, std::uint32_t host_minor) {
  Negotiation result{};
  result.data.struct_size = sizeof(ocean_negotiation_v1);
  result.data.host_abi_major = host_major;
  result.data.host_abi_minor = host_minor;
  result.data.plugin_abi_major = 0xDEADu;  // sentinels: the plugin must overwrite them
  result.data.plugin_abi_minor = 0xDEADu;
  result.data.abi_minor = 0xDEADu;
  result.api = reinterpret_cast<const ocean_plugin_v1*>(&result);  // non-NULL sentinel
  result.status = library.entry()(&result.data, &result.api);
  return result;
}

// ---- TestHost -------------------------------------------------------------------------------

namespace {
std::string random_hex(std::size_t bytes) {
  std::random_device device;
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (std::size_t i = 0; i < bytes; ++i) {
    const unsigned value = device() & 0xFFu;
    hex += digits[value >> 4];
    hex += digits[value & 0xFu];
  }
  return hex;
}
}  // namespace

TestHost::TestHost() {
  std::string pattern = (fs::temp_directory_path() / "ocean-abi-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  data_dir_ = pattern;
  secrets_["store_key"] = random_hex(32);
  table_.struct_size = sizeof(table_);
  table_.host_ctx = this;
  table_.log = &TestHost::log;
  table_.wall_clock_ms = &TestHost::wall_clock;
  table_.monotonic_ns = &TestHost::monotonic;
  table_.get_secret = &TestHost::get_secret;
  table_.data_dir = &TestHost::data_dir_fn;
  table_.emit_event = &TestHost::emit_event;
}

TestHost::~TestHost() {
  std::error_code ignored;
  fs::remove_all(data_dir_, ignored);
}

void TestHost::set_secret(const std::string& name, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  secrets_[name] = value;
}

std::vector<std::string> TestHost::log_lines() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return logs_;
}

std::vector<std::string> TestHost::events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return events_;
}

void TestHost::log(void* ctx, std::int32_t level, const char* message, std::size_t len) {
  auto* self = static_cast<TestHost*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->logs_.push_back(std::to_string(level) + " " + std::string(message, len));
}

std::int64_t TestHost::wall_clock(void* ctx) { return static_cast<TestHost*>(ctx)->wall_ms; }

std::int64_t TestHost::monotonic(void* ctx) {
  auto* self = static_cast<TestHost*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  return self->monotonic_ns_ += 1'000;
}

ocean_status_t TestHost::get_secret(void* ctx, const char* name, std::size_t name_len, char* out, std::size_t capacity,
                                    std::size_t* needed) {
  auto* self = static_cast<TestHost*>(ctx);
  if (name == nullptr || needed == nullptr || (out == nullptr && capacity > 0)) return OCEAN_INVALID_ARGUMENT;
  std::lock_guard<std::mutex> lock(self->mutex_);
  const auto found = self->secrets_.find(std::string(name, name_len));
  if (found == self->secrets_.end()) {
    *needed = 0;
    return OCEAN_NOT_FOUND;
  }
  *needed = found->second.size();
  if (capacity > 0) std::memcpy(out, found->second.data(), std::min(capacity, found->second.size()));
  return OCEAN_OK;
}

const char* TestHost::data_dir_fn(void* ctx) { return static_cast<TestHost*>(ctx)->data_dir_.c_str(); }

void TestHost::emit_event(void* ctx, const char* json, std::size_t len) {
  auto* self = static_cast<TestHost*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->events_.emplace_back(json, len);
}

// ---- Plugin ---------------------------------------------------------------------------------

const char* state_name(State s) {
  switch (s) {
    case State::created: return "CREATED";
    case State::configured: return "CONFIGURED";
    case State::started: return "STARTED";
  }
  return "?";
}

Plugin::Plugin(const std::string& path, bool with_module_services) : library_(path) {
  const Negotiation n = negotiate(library_);
  REQUIRE(n.status == OCEAN_OK);
  REQUIRE(n.api != nullptr);
  api_ = n.api;
  REQUIRE(api_->struct_size >= sizeof(ocean_plugin_v1));
  REQUIRE(api_->descriptor != nullptr);
  REQUIRE(api_->init(with_module_services ? module_host_.services() : nullptr) == OCEAN_OK);
  const std::string config_path = std::string(OCEAN_SOURCE_DIR) + "/tests/abi/configs/" + id() + ".json";
  INFO("every plugin needs a conformance config: " << config_path);
  REQUIRE(fs::exists(config_path));
  config_ = read_file(config_path);
}

Plugin::~Plugin() {
  for (auto& [instance, host] : instances_) api_->destroy(instance);
  instances_.clear();
  api_->deinit();
}

ocean_instance* Plugin::create_with(const ocean_host_services_v1* services, const std::string& account) {
  ocean_instance_params_v1 params{sizeof(params), account.c_str(), services};
  ocean_instance* instance = nullptr;
  REQUIRE(api_->create(&params, &instance) == OCEAN_OK);
  REQUIRE(instance != nullptr);
  instances_[instance] = nullptr;
  return instance;
}

ocean_instance* Plugin::make(State state, const std::string& account) {
  auto host = std::make_unique<TestHost>();
  ocean_instance* instance = create_with(host->services(), account);
  instances_[instance] = std::move(host);
  if (state == State::created) return instance;
  INFO("configure: " << error(instance).message);
  REQUIRE(api_->configure(instance, config_.data(), config_.size()) == OCEAN_OK);
  if (state == State::configured) return instance;
  const ocean_status_t started = api_->start(instance);
  INFO("start: " << error(instance).message);
  REQUIRE(started == OCEAN_OK);
  return instance;
}

TestHost& Plugin::host_of(ocean_instance* instance) { return *instances_.at(instance); }

void Plugin::destroy(ocean_instance* instance) {
  api_->destroy(instance);
  instances_.erase(instance);
}

State Plugin::probe(ocean_instance* instance) const {
  const std::string undeclared = kUndeclared;
  const ocean_status_t feature = api_->set_feature(instance, undeclared.data(), undeclared.size(), 1);
  ocean_buffer out{nullptr, 0};
  const ocean_status_t invoke = api_->invoke(instance, undeclared.data(), undeclared.size(), "{}", 2, &out);
  api_->free_buffer(&out);
  if (feature == OCEAN_INVALID_STATE && invoke == OCEAN_INVALID_STATE) return State::created;
  REQUIRE(feature == OCEAN_UNSUPPORTED);
  if (invoke == OCEAN_INVALID_STATE) return State::configured;
  REQUIRE(invoke == OCEAN_UNSUPPORTED);
  return State::started;
}

ErrorInfo Plugin::error(const ocean_instance* instance) const {
  ocean_error_info_v1 info{};
  info.struct_size = sizeof(info);
  REQUIRE(api_->last_error(instance, &info) == OCEAN_OK);
  REQUIRE(info.message != nullptr);
  return ErrorInfo{info.status, info.retry_after_ms, info.message};
}

std::string webhook_failure_message(const ocean_plugin_v1& api, ocean_buffer& out, int http_status,
                                    ocean_status_t status) {
  REQUIRE(out.data != nullptr);
  const std::string text(out.data, out.size);
  api.free_buffer(&out);
  INFO("webhook_result: " << text);
  boost::system::error_code ec;
  const boost::json::value answer = boost::json::parse(text, ec);
  REQUIRE_FALSE(ec);
  REQUIRE(answer.is_object());
  const boost::json::object& o = answer.get_object();
  CHECK(o.at("schema") == "webhook_result.v1");
  CHECK(o.at("http_status") == http_status);
  CHECK(o.at("accepted") == false);
  CHECK(o.at("status") == ocean_status_name(status));
  const std::string message(o.at("message").as_string());
  CHECK_FALSE(message.empty());
  return message;
}

std::string Plugin::some_feature() const {
  return descriptor().feature_count > 0 ? descriptor().feature_ids[0] : kUndeclared;
}

std::string Plugin::some_capability() const {
  return descriptor().capability_count > 0 ? descriptor().capability_ids[0] : kUndeclared;
}

}  // namespace abi_test
