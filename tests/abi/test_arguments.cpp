// NULL pointers, short structs, malformed JSON and oversized payloads are INVALID_ARGUMENT, with
// last_error telling what was wrong, and never change the instance.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

void expect_invalid_argument(Plugin& plugin, ocean_instance* instance, ocean_status_t status) {
  CHECK(status == OCEAN_INVALID_ARGUMENT);
  const ErrorInfo error = plugin.error(instance);
  CHECK(error.status == OCEAN_INVALID_ARGUMENT);
  CHECK_FALSE(error.message.empty());
}

// handle_webhook answers a bad argument through its webhook_result (400) and leaves last_error as
// it was: it may run beside invoke, whose caller reads last_error (ocean_plugin.h).
template <class Call>
void expect_webhook_invalid_argument(Plugin& plugin, ocean_instance* instance, ocean_buffer* out, Call call) {
  const ErrorInfo before = plugin.error(instance);
  CHECK(call() == OCEAN_INVALID_ARGUMENT);
  const ErrorInfo after = plugin.error(instance);
  CHECK(after.status == before.status);
  CHECK(after.message == before.message);
  if (out != nullptr) CHECK_FALSE(webhook_failure_message(plugin.api(), *out, 400, OCEAN_INVALID_ARGUMENT).empty());
}

// Malformed or non-object JSON: truncated, trailing garbage, wrong top-level type, bad UTF-8.
const std::vector<std::string>& malformed_json() {
  static const std::vector<std::string> cases = {"",
                                                 "   ",
                                                 "{",
                                                 "{\"a\":}",
                                                 "{\"a\":1,}",
                                                 "{} {}",
                                                 "[1,2]",
                                                 "42",
                                                 "\"text\"",
                                                 "null",
                                                 "{'a':1}",
                                                 "{\"a\":\"\xff\xfe\"}",
                                                 std::string("{\"a\":\"x\0y\"}", 11)};
  return cases;
}

std::string oversized_json() {
  std::string json = "{\"pad\":\"";
  json.append(OCEAN_MAX_PAYLOAD_BYTES - json.size() - 1, 'a');
  json += "\"}";  // one byte over the limit, and otherwise valid
  REQUIRE(json.size() == OCEAN_MAX_PAYLOAD_BYTES + 1);
  return json;
}

}  // namespace

TEST_CASE("create refuses NULL and short arguments", "[abi][arguments]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* instance = reinterpret_cast<ocean_instance*>(&plugin);
    ocean_instance_params_v1 params{sizeof(params), "acct", nullptr};
    CHECK(api.create(nullptr, &instance) == OCEAN_INVALID_ARGUMENT);
    CHECK(instance == nullptr);
    CHECK(api.create(&params, nullptr) == OCEAN_INVALID_ARGUMENT);
    ocean_instance_params_v1 no_account{sizeof(params), nullptr, nullptr};
    instance = reinterpret_cast<ocean_instance*>(&plugin);
    CHECK(api.create(&no_account, &instance) == OCEAN_INVALID_ARGUMENT);
    CHECK(instance == nullptr);
    for (std::uint32_t size : {0u, 4u, static_cast<std::uint32_t>(sizeof(params) - 1)}) {
      ocean_instance_params_v1 short_params{size, "acct", nullptr};
      CHECK(api.create(&short_params, &instance) == OCEAN_INVALID_ARGUMENT);
      CHECK(instance == nullptr);
    }
  }
}

TEST_CASE("instance calls refuse a NULL instance", "[abi][arguments]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_buffer out{nullptr, 0};
    ocean_webhook_v1 webhook{sizeof(webhook), "", 0, "{}", 2, 1};
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    CHECK(api.configure(nullptr, "{}", 2) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.start(nullptr) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.stop(nullptr) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.set_feature(nullptr, "x", 1, 1) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.invoke(nullptr, "x", 1, "{}", 2, &out) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.tick(nullptr, 1) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.handle_webhook(nullptr, &webhook, &out) == OCEAN_INVALID_ARGUMENT);
    CHECK(api.last_error(nullptr, &info) == OCEAN_INVALID_ARGUMENT);
    CHECK(out.data == nullptr);
  }
}

TEST_CASE("a handle from another plugin is refused, not dereferenced as ours", "[abi][arguments]") {
  const auto paths = plugin_paths();
  REQUIRE(paths.size() >= 2);
  Plugin first(paths[0]);
  Plugin second(paths[1]);
  ocean_instance* foreign = first.make(State::configured);
  CHECK(second.api().start(foreign) == OCEAN_INVALID_ARGUMENT);
  CHECK(second.api().configure(foreign, "{}", 2) == OCEAN_INVALID_ARGUMENT);
  second.api().destroy(foreign);  // ignored: not second's instance
  CHECK(first.probe(foreign) == State::configured);
}

TEST_CASE("NULL pointer arguments are INVALID_ARGUMENT with a message", "[abi][arguments]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* configured = plugin.make(State::configured);
    ocean_instance* started = plugin.make(State::started);
    ocean_buffer out{nullptr, 0};

    expect_invalid_argument(plugin, configured, api.configure(configured, nullptr, 2));
    expect_invalid_argument(plugin, configured, api.configure(configured, nullptr, 0));
    expect_invalid_argument(plugin, configured, api.set_feature(configured, nullptr, 4, 1));
    expect_invalid_argument(plugin, started, api.set_feature(started, nullptr, 0, 0));

    const std::string capability = plugin.some_capability();
    expect_invalid_argument(plugin, started, api.invoke(started, nullptr, 3, "{}", 2, &out));
    expect_invalid_argument(plugin, started,
                            api.invoke(started, capability.data(), capability.size(), nullptr, 2, &out));
    expect_invalid_argument(plugin, started,
                            api.invoke(started, capability.data(), capability.size(), "{}", 2, nullptr));
    CHECK(out.data == nullptr);

    const std::string headers = "X-Test: 1\r\n";
    const std::string body = "{}";
    ocean_webhook_v1 webhook{sizeof(webhook), headers.data(), headers.size(), body.data(), body.size(), 1};
    expect_webhook_invalid_argument(plugin, started, &out, [&] { return api.handle_webhook(started, nullptr, &out); });
    expect_webhook_invalid_argument(plugin, started, nullptr,
                                    [&] { return api.handle_webhook(started, &webhook, nullptr); });
    ocean_webhook_v1 no_headers = webhook;
    no_headers.headers = nullptr;
    expect_webhook_invalid_argument(plugin, started, &out,
                                    [&] { return api.handle_webhook(started, &no_headers, &out); });
    ocean_webhook_v1 no_body = webhook;
    no_body.body = nullptr;
    expect_webhook_invalid_argument(plugin, started, &out, [&] { return api.handle_webhook(started, &no_body, &out); });
    ocean_webhook_v1 short_webhook = webhook;
    short_webhook.struct_size = sizeof(webhook) - sizeof(std::int64_t);
    expect_webhook_invalid_argument(plugin, started, &out,
                                    [&] { return api.handle_webhook(started, &short_webhook, &out); });
    CHECK(out.data == nullptr);

    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    CHECK(api.last_error(started, nullptr) == OCEAN_INVALID_ARGUMENT);
    info.struct_size = sizeof(info) - sizeof(const char*);
    CHECK(api.last_error(started, &info) == OCEAN_INVALID_ARGUMENT);
    CHECK(info.message == nullptr);  // nothing written into a struct too short for it

    CHECK(plugin.probe(configured) == State::configured);
    CHECK(plugin.probe(started) == State::started);
  }
}

TEST_CASE("malformed or non-object JSON is INVALID_ARGUMENT", "[abi][arguments][json]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* created = plugin.make(State::created);
    ocean_instance* started = plugin.make(State::started);
    const std::string capability = plugin.some_capability();
    for (const std::string& json : malformed_json()) {
      INFO("json: " << json);
      expect_invalid_argument(plugin, created, api.configure(created, json.data(), json.size()));
      ocean_buffer out{nullptr, 0};
      expect_invalid_argument(
          plugin, started, api.invoke(started, capability.data(), capability.size(), json.data(), json.size(), &out));
      CHECK(out.data == nullptr);
    }
    CHECK(plugin.probe(created) == State::created);
    CHECK(plugin.probe(started) == State::started);
  }
}

TEST_CASE("payloads over OCEAN_MAX_PAYLOAD_BYTES are INVALID_ARGUMENT", "[abi][arguments][size]") {
  const std::string big = oversized_json();
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* configured = plugin.make(State::configured);
    ocean_instance* started = plugin.make(State::started);
    expect_invalid_argument(plugin, configured, api.configure(configured, big.data(), big.size()));
    CHECK(plugin.error(configured).message.find("OCEAN_MAX_PAYLOAD_BYTES") != std::string::npos);

    const std::string capability = plugin.some_capability();
    ocean_buffer out{nullptr, 0};
    expect_invalid_argument(plugin, started,
                            api.invoke(started, capability.data(), capability.size(), big.data(), big.size(), &out));

    ocean_webhook_v1 webhook{sizeof(webhook), "", 0, big.data(), big.size(), 1};
    expect_webhook_invalid_argument(plugin, started, &out, [&] { return api.handle_webhook(started, &webhook, &out); });
    // Each half fits, together they do not.
    const std::size_t half = OCEAN_MAX_PAYLOAD_BYTES / 2 + 1;
    ocean_webhook_v1 split{sizeof(split), big.data(), half, big.data(), half, 1};
    expect_webhook_invalid_argument(plugin, started, &out, [&] { return api.handle_webhook(started, &split, &out); });
    CHECK(out.data == nullptr);
    CHECK(plugin.probe(configured) == State::configured);
    CHECK(plugin.probe(started) == State::started);
  }
}

TEST_CASE("last_error reports success after a good call and the status after a failure", "[abi][arguments]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    ocean_instance* instance = plugin.make(State::created);
    CHECK(plugin.error(instance).status == OCEAN_OK);  // nothing failed yet
    CHECK(api.start(instance) == OCEAN_INVALID_STATE);
    ErrorInfo error = plugin.error(instance);
    CHECK(error.status == OCEAN_INVALID_STATE);
    CHECK(error.retry_after_ms == 0);
    CHECK_FALSE(error.message.empty());
    // Reading last_error does not change it.
    CHECK(plugin.error(instance).message == error.message);
    REQUIRE(api.configure(instance, plugin.config().data(), plugin.config().size()) == OCEAN_OK);
    error = plugin.error(instance);
    CHECK(error.status == OCEAN_OK);
    CHECK(error.message.empty());
    // A host built against a newer minor passes a bigger struct; the plugin fills its part.
    struct Bigger {
      ocean_error_info_v1 v1;
      std::int64_t future_field;
    } bigger{};
    bigger.v1.struct_size = sizeof(bigger);
    bigger.future_field = 77;
    CHECK(api.last_error(instance, &bigger.v1) == OCEAN_OK);
    CHECK(bigger.v1.struct_size == sizeof(ocean_error_info_v1));
    CHECK(bigger.future_field == 77);
  }
}
