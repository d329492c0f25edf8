// Module-level contract: reference-counted init/deinit, a host that lends no services (or an
// older, shorter services table), and secrets that never reach logs or error messages.
#include <catch2/catch.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

ocean_status_t create(const ocean_plugin_v1* api, const ocean_host_services_v1* services, ocean_instance** out) {
  ocean_instance_params_v1 params{sizeof(params), "refcount-account", services};
  return api->create(&params, out);
}

// Drives a full lifecycle with whatever services are given. Without storage or secrets a plugin
// may refuse to start, but only with a real status and a message, never INTERNAL or a crash.
void lifecycle_without_full_services(const ocean_plugin_v1* api, const std::string& config,
                                     const ocean_host_services_v1* services) {
  ocean_instance* instance = nullptr;
  REQUIRE(create(api, services, &instance) == OCEAN_OK);
  REQUIRE(api->configure(instance, config.data(), config.size()) == OCEAN_OK);
  const ocean_status_t started = api->start(instance);
  ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
  REQUIRE(api->last_error(instance, &info) == OCEAN_OK);
  INFO("start: " << ocean_status_name(started) << " " << info.message);
  CHECK(started != OCEAN_INTERNAL);
  if (started == OCEAN_OK) {
    CHECK(api->tick(instance, 1'700'000'000'000) != OCEAN_INTERNAL);
    CHECK(api->stop(instance) == OCEAN_OK);
  } else {
    CHECK(std::string(info.message).size() > 0);
  }
  api->destroy(instance);
}

}  // namespace

TEST_CASE("init and deinit are reference-counted", "[abi][module]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    const ocean_plugin_v1* api = n.api;
    TestHost host;
    ocean_instance* instance = nullptr;
    api->deinit();  // unbalanced deinit before any init: ignored
    CHECK(create(api, host.services(), &instance) == OCEAN_INVALID_STATE);
    REQUIRE(api->init(host.services()) == OCEAN_OK);
    REQUIRE(api->init(host.services()) == OCEAN_OK);
    api->deinit();  // one init left
    REQUIRE(create(api, host.services(), &instance) == OCEAN_OK);
    api->destroy(instance);
    api->deinit();  // the last one
    instance = nullptr;
    CHECK(create(api, host.services(), &instance) == OCEAN_INVALID_STATE);
    CHECK(instance == nullptr);
    api->deinit();                            // extra: ignored
    REQUIRE(api->init(nullptr) == OCEAN_OK);  // and the module can start over
    REQUIRE(create(api, nullptr, &instance) == OCEAN_OK);
    api->destroy(instance);
    api->deinit();
  }
}

TEST_CASE("a host that passes no services table at all still works", "[abi][module]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path, /*with_module_services=*/false);
    lifecycle_without_full_services(&plugin.api(), plugin.config(), nullptr);
  }
}

TEST_CASE("an older, shorter services table and NULL entries are tolerated", "[abi][module]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    TestHost host;
    // A table whose struct_size stops after `log`: later fields hold garbage the plugin must not read.
    ocean_host_services_v1 short_table = *host.services();
    short_table.struct_size = static_cast<std::uint32_t>(offsetof(ocean_host_services_v1, wall_clock_ms));
    short_table.wall_clock_ms = reinterpret_cast<std::int64_t (*)(void*)>(0x10);
    short_table.monotonic_ns = reinterpret_cast<std::int64_t (*)(void*)>(0x10);
    short_table.get_secret = nullptr;
    short_table.data_dir = reinterpret_cast<const char* (*)(void*)>(0x10);
    short_table.emit_event = reinterpret_cast<void (*)(void*, const char*, std::size_t)>(0x10);
    lifecycle_without_full_services(&plugin.api(), plugin.config(), &short_table);
    // A full-size table whose entries are all NULL.
    ocean_host_services_v1 empty_table{};
    empty_table.struct_size = sizeof(empty_table);
    lifecycle_without_full_services(&plugin.api(), plugin.config(), &empty_table);
  }
}

TEST_CASE("secrets never appear in logs, events or error messages", "[abi][module][secrets]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* instance = plugin.make(State::started);
    TestHost& host = plugin.host_of(instance);
    std::vector<std::string> messages;
    auto remember = [&] { messages.push_back(plugin.error(instance).message); };
    // Provoke failures of every kind the ABI checks, then a reconfigure and restart.
    const std::string capability = plugin.some_capability();
    ocean_buffer out{nullptr, 0};
    api.invoke(instance, capability.data(), capability.size(), "{bad", 4, &out);
    remember();
    api.invoke(instance, kUndeclared, std::string(kUndeclared).size(), "{}", 2, &out);
    remember();
    api.free_buffer(&out);
    CHECK(api.tick(instance, host.wall_ms) != OCEAN_INTERNAL);
    remember();
    REQUIRE(api.stop(instance) == OCEAN_OK);
    CHECK(api.configure(instance, plugin.config().data(), plugin.config().size()) == OCEAN_OK);
    remember();
    CHECK(api.start(instance) == OCEAN_OK);
    remember();

    std::vector<std::string> secrets = {host.store_key(), "conformance_secret"};
    std::vector<std::string> texts = messages;
    for (const auto& line : host.log_lines()) texts.push_back(line);
    for (const auto& line : plugin.module_host().log_lines()) texts.push_back(line);
    for (const auto& event : host.events()) texts.push_back(event);
    for (const auto& text : texts)
      for (const auto& secret : secrets) {
        INFO("text: " << text);
        CHECK(text.find(secret) == std::string::npos);
      }
  }
}
