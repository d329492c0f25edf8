// A plugin whose hooks throw std::runtime_error, an int or std::bad_alloc: every entry point must
// answer OCEAN_INTERNAL with a message, keep its state machine consistent, and the process must
// survive (an escaping exception would terminate this test binary).
#include <catch2/catch.hpp>
#include <string>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

const char* const kKinds[] = {"runtime_error", "int", "bad_alloc"};

struct ThrowingPlugin {
  Library library{test_plugin_path("libocean_abi_throwing_plugin.so")};
  const ocean_plugin_v1* api = nullptr;
  TestHost host;

  ThrowingPlugin() {
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    api = n.api;
    REQUIRE(api->init(host.services()) == OCEAN_OK);
  }
  ~ThrowingPlugin() { api->deinit(); }

  ocean_instance* create(const std::string& account) {
    ocean_instance_params_v1 params{sizeof(params), account.c_str(), host.services()};
    ocean_instance* instance = nullptr;
    REQUIRE(api->create(&params, &instance) == OCEAN_OK);
    return instance;
  }
  ocean_instance* started(const std::string& account) {
    ocean_instance* instance = create(account);
    REQUIRE(api->configure(instance, "{}", 2) == OCEAN_OK);
    REQUIRE(api->start(instance) == OCEAN_OK);
    return instance;
  }
  void expect_internal(ocean_instance* instance, ocean_status_t status, const std::string& call,
                       const std::string& kind) {
    CHECK(status == OCEAN_INTERNAL);
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    REQUIRE(api->last_error(instance, &info) == OCEAN_OK);
    CHECK(info.status == OCEAN_INTERNAL);
    const std::string message = info.message;
    INFO("message: " << message);
    CHECK(message.find(call) != std::string::npos);
    if (kind == "runtime_error") CHECK(message.find("thrown on purpose") != std::string::npos);
    if (kind == "bad_alloc") CHECK(message.find("out of memory") != std::string::npos);
  }
  ocean_status_t invoke(ocean_instance* instance, ocean_buffer* out) {
    return api->invoke(instance, "throw.now", 9, "{}", 2, out);
  }
};

}  // namespace

TEST_CASE("a throwing instance constructor makes create INTERNAL", "[abi][throwing]") {
  for (const char* kind : kKinds) {
    INFO(kind);
    ThrowingPlugin plugin;
    const std::string account = std::string(kind) + "/create";
    ocean_instance_params_v1 params{sizeof(params), account.c_str(), plugin.host.services()};
    ocean_instance* instance = reinterpret_cast<ocean_instance*>(&params);
    CHECK(plugin.api->create(&params, &instance) == OCEAN_INTERNAL);
    CHECK(instance == nullptr);
  }
}

TEST_CASE("throwing lifecycle hooks give INTERNAL and keep the state machine consistent", "[abi][throwing]") {
  for (const char* kind_text : kKinds) {
    const std::string kind = kind_text;
    INFO(kind);
    ThrowingPlugin plugin;
    const auto& api = *plugin.api;

    ocean_instance* configure = plugin.create(kind + "/configure");
    plugin.expect_internal(configure, api.configure(configure, "{}", 2), "configure", kind);
    CHECK(api.start(configure) == OCEAN_INVALID_STATE);  // still CREATED

    ocean_instance* start = plugin.create(kind + "/start");
    REQUIRE(api.configure(start, "{}", 2) == OCEAN_OK);
    plugin.expect_internal(start, api.start(start), "start", kind);
    CHECK(api.stop(start) == OCEAN_INVALID_STATE);  // still CONFIGURED
    CHECK(api.configure(start, "{}", 2) == OCEAN_OK);

    ocean_instance* stop = plugin.started(kind + "/stop");
    plugin.expect_internal(stop, api.stop(stop), "stop", kind);
    CHECK(api.stop(stop) == OCEAN_INVALID_STATE);  // CONFIGURED whatever stop reported
    CHECK(api.configure(stop, "{}", 2) == OCEAN_OK);

    // destroy of a STARTED instance whose stop throws: destroy has no status; surviving is the test.
    ocean_instance* destroy_started = plugin.started(kind + "/stop");
    api.destroy(destroy_started);

    for (ocean_instance* instance : {configure, start, stop}) api.destroy(instance);
  }
}

TEST_CASE("throwing work hooks give INTERNAL and no output", "[abi][throwing]") {
  for (const char* kind_text : kKinds) {
    const std::string kind = kind_text;
    INFO(kind);
    ThrowingPlugin plugin;
    const auto& api = *plugin.api;

    ocean_instance* feature = plugin.create(kind + "/set_feature");
    REQUIRE(api.configure(feature, "{}", 2) == OCEAN_OK);
    plugin.expect_internal(feature, api.set_feature(feature, "toggles", 7, 0), "set_feature", kind);
    REQUIRE(api.start(feature) == OCEAN_OK);
    ocean_buffer out{nullptr, 0};
    CHECK(plugin.invoke(feature, &out) == OCEAN_OK);  // the throwing veto left the feature on
    api.free_buffer(&out);

    ocean_instance* invoke = plugin.started(kind + "/invoke");
    out = ocean_buffer{reinterpret_cast<char*>(&out), 9};
    plugin.expect_internal(invoke, plugin.invoke(invoke, &out), "invoke", kind);
    CHECK(out.data == nullptr);
    CHECK(out.size == 0);

    ocean_instance* tick = plugin.started(kind + "/tick");
    plugin.expect_internal(tick, api.tick(tick, 1), "tick", kind);
    CHECK(api.tick(tick, 2) == OCEAN_INTERNAL);  // and again: the instance is still usable

    // handle_webhook reports in its answer, never in last_error (ocean_plugin.h).
    ocean_instance* webhook = plugin.started(kind + "/handle_webhook");
    ocean_webhook_v1 delivery{sizeof(delivery), "", 0, "{}", 2, 1};
    out = ocean_buffer{reinterpret_cast<char*>(&out), 9};
    CHECK(api.handle_webhook(webhook, &delivery, &out) == OCEAN_INTERNAL);
    const std::string message = webhook_failure_message(api, out, 500, OCEAN_INTERNAL);
    CHECK(message.find("handle_webhook") != std::string::npos);
    if (kind == "runtime_error") CHECK(message.find("thrown on purpose") != std::string::npos);
    if (kind == "bad_alloc") CHECK(message.find("out of memory") != std::string::npos);
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    REQUIRE(api.last_error(webhook, &info) == OCEAN_OK);
    CHECK(info.status == OCEAN_OK);  // still the outcome of start

    for (ocean_instance* instance : {feature, invoke, tick, webhook}) api.destroy(instance);
  }
}

TEST_CASE("a throwing module init gives INTERNAL and leaves the module uninitialised", "[abi][throwing]") {
  for (const char* kind : kKinds) {
    INFO(kind);
    Library library(test_plugin_path("libocean_abi_throwing_plugin.so"));
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    TestHost host;
    host.set_secret("throw_on_init", kind);
    CHECK(n.api->init(host.services()) == OCEAN_INTERNAL);
    ocean_instance_params_v1 params{sizeof(params), "none/none", nullptr};
    ocean_instance* instance = nullptr;
    CHECK(n.api->create(&params, &instance) == OCEAN_INVALID_STATE);
    REQUIRE(n.api->init(nullptr) == OCEAN_OK);  // a healthy init still works afterwards
    REQUIRE(n.api->create(&params, &instance) == OCEAN_OK);
    n.api->destroy(instance);
    n.api->deinit();
  }
}
