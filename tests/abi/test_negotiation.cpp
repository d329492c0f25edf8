// Version negotiation through the one exported symbol.
#include <algorithm>
#include <catch2/catch.hpp>

#include "abi_harness.hpp"

using namespace abi_test;

TEST_CASE("same version negotiates and returns the table", "[abi][negotiation]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    REQUIRE(n.api != nullptr);
    CHECK(n.data.plugin_abi_major == OCEAN_ABI_MAJOR);
    CHECK(n.data.plugin_abi_minor == OCEAN_ABI_MINOR);
    CHECK(n.data.abi_minor == OCEAN_ABI_MINOR);
    CHECK(n.api->struct_size >= sizeof(ocean_plugin_v1));
    CHECK(n.api->descriptor != nullptr);
    const ocean_plugin_v1& t = *n.api;
    CHECK((t.init && t.deinit && t.create && t.destroy && t.configure && t.start && t.stop && t.set_feature &&
           t.invoke && t.tick && t.handle_webhook && t.free_buffer && t.last_error));
    // Negotiating twice gives the same static table.
    CHECK(negotiate(library).api == n.api);
  }
}

TEST_CASE("a host with another minor runs at the lower minor", "[abi][negotiation]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    // An older host minor (when the plugin's is above 0), the same, and newer ones.
    for (std::uint32_t host_minor : {0u, OCEAN_ABI_MINOR, OCEAN_ABI_MINOR + 1u, OCEAN_ABI_MINOR + 7u}) {
      INFO("host minor " << host_minor);
      const Negotiation n = negotiate(library, OCEAN_ABI_MAJOR, host_minor);
      REQUIRE(n.status == OCEAN_OK);
      CHECK(n.api != nullptr);
      CHECK(n.data.plugin_abi_minor == OCEAN_ABI_MINOR);
      CHECK(n.data.abi_minor == std::min<std::uint32_t>(host_minor, OCEAN_ABI_MINOR));
    }
  }
}

TEST_CASE("a different major is refused with UNSUPPORTED and a NULL table", "[abi][negotiation]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    for (std::uint32_t major : {0u, OCEAN_ABI_MAJOR + 1u, 99u}) {
      INFO("host major " << major);
      const Negotiation n = negotiate(library, major, 0);
      CHECK(n.status == OCEAN_UNSUPPORTED);
      CHECK(n.api == nullptr);
      // The plugin still tells the host what it is, so the host can say why it refused.
      CHECK(n.data.plugin_abi_major == OCEAN_ABI_MAJOR);
      CHECK(n.data.plugin_abi_minor == OCEAN_ABI_MINOR);
    }
  }
}

TEST_CASE("NULL or short negotiation arguments are INVALID_ARGUMENT", "[abi][negotiation]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    const ocean_plugin_v1* api = reinterpret_cast<const ocean_plugin_v1*>(&library);
    CHECK(library.entry()(nullptr, &api) == OCEAN_INVALID_ARGUMENT);
    CHECK(api == nullptr);
    ocean_negotiation_v1 n{sizeof(n), OCEAN_ABI_MAJOR, OCEAN_ABI_MINOR, 0, 0, 0};
    CHECK(library.entry()(&n, nullptr) == OCEAN_INVALID_ARGUMENT);
    for (std::uint32_t size : {0u, 4u, static_cast<std::uint32_t>(sizeof(n) - 4)}) {
      INFO("struct_size " << size);
      ocean_negotiation_v1 short_n{size, OCEAN_ABI_MAJOR, OCEAN_ABI_MINOR, 0xDEAD, 0xDEAD, 0xDEAD};
      api = reinterpret_cast<const ocean_plugin_v1*>(&library);
      CHECK(library.entry()(&short_n, &api) == OCEAN_INVALID_ARGUMENT);
      CHECK(api == nullptr);
      CHECK(short_n.abi_minor == 0xDEAD);  // nothing written past what the host declared
    }
  }
}

TEST_CASE("negotiation does not init the module: create before init is INVALID_STATE", "[abi][negotiation]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Library library(path);
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    ocean_instance_params_v1 params{sizeof(params), "acct", nullptr};
    ocean_instance* instance = reinterpret_cast<ocean_instance*>(&params);
    CHECK(n.api->create(&params, &instance) == OCEAN_INVALID_STATE);
    CHECK(instance == nullptr);
  }
}
