// Capabilities and features: undeclared ids are UNSUPPORTED, "core" cannot be switched, and a
// capability whose feature is off answers FEATURE_DISABLED without reaching the marketplace.
#include <catch2/catch.hpp>
#include <string>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {
ocean_status_t invoke(Plugin& plugin, ocean_instance* instance, const std::string& capability) {
  ocean_buffer out{nullptr, 0};
  const ocean_status_t status = plugin.api().invoke(instance, capability.data(), capability.size(), "{}", 2, &out);
  plugin.api().free_buffer(&out);
  return status;
}
}  // namespace

TEST_CASE("set_feature of an undeclared feature is UNSUPPORTED - core and bad values are refused", "[abi][features]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    for (State state : {State::configured, State::started}) {
      INFO(state_name(state));
      ocean_instance* instance = plugin.make(state);
      const std::string undeclared = kUndeclared;
      CHECK(plugin.api().set_feature(instance, undeclared.data(), undeclared.size(), 0) == OCEAN_UNSUPPORTED);
      ErrorInfo error = plugin.error(instance);
      CHECK(error.status == OCEAN_UNSUPPORTED);
      CHECK(error.message.find(undeclared) != std::string::npos);
      CHECK(plugin.api().set_feature(instance, "core", 4, 0) == OCEAN_INVALID_ARGUMENT);
      const std::string feature = plugin.some_feature();
      for (std::int32_t bad : {2, -1}) {
        CHECK(plugin.api().set_feature(instance, feature.data(), feature.size(), bad) == OCEAN_INVALID_ARGUMENT);
        CHECK_FALSE(plugin.error(instance).message.empty());
      }
    }
  }
}

TEST_CASE("invoke of an undeclared capability is UNSUPPORTED and says so", "[abi][features]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    ocean_instance* instance = plugin.make(State::started);
    for (const std::string& capability : {std::string(kUndeclared), std::string("orders.search.v999"), std::string()}) {
      INFO("capability: '" << capability << "'");
      CHECK(invoke(plugin, instance, capability) == OCEAN_UNSUPPORTED);
      const ErrorInfo error = plugin.error(instance);
      CHECK(error.status == OCEAN_UNSUPPORTED);
      CHECK(error.message.find("capability") != std::string::npos);
    }
  }
}

TEST_CASE("every capability whose feature is switched off answers FEATURE_DISABLED", "[abi][features]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const ocean_plugin_descriptor_v1& d = plugin.descriptor();
    ocean_instance* instance = plugin.make(State::started);
    for (std::size_t i = 0; i < d.feature_count; ++i) {
      const std::string feature = d.feature_ids[i];
      REQUIRE(plugin.api().set_feature(instance, feature.data(), feature.size(), 0) == OCEAN_OK);
    }
    std::size_t disabled = 0;
    for (std::size_t i = 0; i < d.capability_count; ++i) {
      if (std::string(d.capability_features[i]) == "core") continue;
      const std::string capability = d.capability_ids[i];
      INFO("capability " << capability);
      CHECK(invoke(plugin, instance, capability) == OCEAN_FEATURE_DISABLED);
      const ErrorInfo error = plugin.error(instance);
      CHECK(error.status == OCEAN_FEATURE_DISABLED);
      CHECK(error.message.find(d.capability_features[i]) != std::string::npos);
      ++disabled;
    }
    INFO(disabled << " capabilities checked");
    // Switching back on is accepted (the capabilities themselves are exercised by plugin tests).
    for (std::size_t i = 0; i < d.feature_count; ++i) {
      const std::string feature = d.feature_ids[i];
      CHECK(plugin.api().set_feature(instance, feature.data(), feature.size(), 1) == OCEAN_OK);
    }
  }
}

TEST_CASE("features start from the descriptor's defaults and can be set before start", "[abi][features]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const ocean_plugin_descriptor_v1& d = plugin.descriptor();
    ocean_instance* fresh = plugin.make(State::started);
    for (std::size_t i = 0; i < d.capability_count; ++i) {
      const std::string feature = d.capability_features[i];
      for (std::size_t f = 0; f < d.feature_count; ++f) {
        if (feature != d.feature_ids[f] || d.feature_defaults[f] != 0) continue;
        INFO("default-off capability " << d.capability_ids[i]);
        CHECK(invoke(plugin, fresh, d.capability_ids[i]) == OCEAN_FEATURE_DISABLED);
      }
    }
    // Switched off while CONFIGURED, it is off once STARTED.
    ocean_instance* configured = plugin.make(State::configured);
    for (std::size_t f = 0; f < d.feature_count; ++f)
      REQUIRE(plugin.api().set_feature(configured, d.feature_ids[f], std::string(d.feature_ids[f]).size(), 0) ==
              OCEAN_OK);
    REQUIRE(plugin.api().start(configured) == OCEAN_OK);
    for (std::size_t i = 0; i < d.capability_count; ++i)
      if (std::string(d.capability_features[i]) != "core")
        CHECK(invoke(plugin, configured, d.capability_ids[i]) == OCEAN_FEATURE_DISABLED);
  }
}

TEST_CASE("get_feature reads back what the plugin runs with - never writes last_error", "[abi][features]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    REQUIRE(OCEAN_HAS_FIELD(&plugin.api(), ocean_plugin_v1, get_feature));
    REQUIRE(plugin.api().get_feature != nullptr);
    const auto read = [&](ocean_instance* instance, const std::string& id, std::int32_t& on) {
      return plugin.api().get_feature(instance, id.data(), id.size(), &on);
    };
    std::int32_t on = -1;
    ocean_instance* created = plugin.make(State::created);
    CHECK(read(created, "core", on) == OCEAN_INVALID_STATE);
    for (State state : {State::configured, State::started}) {
      INFO(state_name(state));
      ocean_instance* instance = plugin.make(state);
      // A failure recorded first: no get_feature outcome may replace it.
      const std::string undeclared = kUndeclared;
      REQUIRE(plugin.api().set_feature(instance, undeclared.data(), undeclared.size(), 0) == OCEAN_UNSUPPORTED);
      const std::string recorded = plugin.error(instance).message;
      CHECK(read(instance, "core", on) == OCEAN_OK);
      CHECK(on == 1);
      CHECK(read(instance, undeclared, on) == OCEAN_UNSUPPORTED);
      CHECK(plugin.api().get_feature(instance, nullptr, 0, &on) == OCEAN_INVALID_ARGUMENT);
      CHECK(plugin.api().get_feature(instance, "core", 4, nullptr) == OCEAN_INVALID_ARGUMENT);
      CHECK(plugin.api().get_feature(nullptr, "core", 4, &on) == OCEAN_INVALID_ARGUMENT);
      CHECK(plugin.error(instance).status == OCEAN_UNSUPPORTED);
      CHECK(plugin.error(instance).message == recorded);
      const ocean_plugin_descriptor_v1& d = plugin.descriptor();
      for (std::size_t f = 0; f < d.feature_count; ++f) {
        const std::string id = d.feature_ids[f];
        INFO("feature " << id);
        for (std::int32_t wanted : {0, 1}) {
          REQUIRE(plugin.api().set_feature(instance, id.data(), id.size(), wanted) == OCEAN_OK);
          CHECK(read(instance, id, on) == OCEAN_OK);
          CHECK(on == wanted);
        }
      }
    }
  }
}
