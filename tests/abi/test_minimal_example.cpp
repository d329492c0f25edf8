// The documented examples work together, and the SDK's guarantees that need a plugin with a
// working capability (buffers outliving their instance, per-instance feature switches,
// concurrent webhook intake) are proven on the example plugin.
#include <stdio.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <thread>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

struct Example {
  Library library{test_plugin_path("libocean_example_minimal_plugin.so")};
  const ocean_plugin_v1* api = nullptr;
  TestHost host;
  Example() {
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    api = n.api;
    REQUIRE(api->init(host.services()) == OCEAN_OK);
  }
  ~Example() { api->deinit(); }
  ocean_instance* started(const std::string& config = "{}") {
    ocean_instance_params_v1 params{sizeof(params), "example-account", host.services()};
    ocean_instance* instance = nullptr;
    REQUIRE(api->create(&params, &instance) == OCEAN_OK);
    REQUIRE(api->configure(instance, config.data(), config.size()) == OCEAN_OK);
    REQUIRE(api->start(instance) == OCEAN_OK);
    return instance;
  }
  ocean_status_t hello(ocean_instance* instance, ocean_buffer* out, const std::string& request = R"({"name":"Ana"})") {
    return api->invoke(instance, "greeting.hello", 14, request.data(), request.size(), out);
  }
};

std::string run(const std::string& command, int& exit_code) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char chunk[512];
  while (fgets(chunk, sizeof chunk, pipe) != nullptr) output += chunk;
  const int status = pclose(pipe);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

}  // namespace

TEST_CASE("minimal_host drives minimal_plugin end to end", "[abi][example]") {
  int exit_code = -1;
  const std::string output = run(std::string("'") + OCEAN_EXAMPLE_HOST + "' '" +
                                     test_plugin_path("libocean_example_minimal_plugin.so") + "' Ocean 2>&1",
                                 exit_code);
  INFO(output);
  CHECK(exit_code == 0);
  CHECK(output.find("loaded Minimal example 1.0.0 (minimal_example) at ABI 1.1") != std::string::npos);
  CHECK(output.find(R"(greeting.hello -> {"schema":"greeting.v1","text":"Hello, Ocean!"})") != std::string::npos);
}

TEST_CASE("minimal_host reports a plugin it cannot load", "[abi][example]") {
  int exit_code = -1;
  const std::string output = run(std::string("'") + OCEAN_EXAMPLE_HOST + "' /nonexistent/plugin.so 2>&1", exit_code);
  CHECK(exit_code == 1);
  CHECK(output.find("dlopen") != std::string::npos);
}

TEST_CASE("a response buffer outlives its instance and is freed by the plugin", "[abi][example][buffers]") {
  Example example;
  ocean_instance* instance = example.started(R"({"greeting":"Selamat pagi"})");
  ocean_buffer out{nullptr, 0};
  REQUIRE(example.hello(instance, &out) == OCEAN_OK);
  REQUIRE(out.data != nullptr);
  CHECK(out.data[out.size] == '\0');
  CHECK(std::string(out.data, out.size) == R"({"schema":"greeting.v1","text":"Selamat pagi, Ana!"})");
  example.api->destroy(instance);
  CHECK(std::string(out.data, out.size).find("Selamat pagi") != std::string::npos);  // still readable
  example.api->free_buffer(&out);
  CHECK(out.data == nullptr);
  CHECK(out.size == 0);
  example.api->free_buffer(&out);  // a no-op on a zeroed buffer
}

TEST_CASE("a refused configuration keeps the previous one", "[abi][example]") {
  Example example;
  ocean_instance* instance = example.started(R"({"greeting":"Hi"})");
  REQUIRE(example.api->stop(instance) == OCEAN_OK);
  CHECK(example.api->configure(instance, R"({"greeting":42})", 15) == OCEAN_INVALID_CONFIG);
  ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
  REQUIRE(example.api->last_error(instance, &info) == OCEAN_OK);
  CHECK(std::string(info.message).find("greeting") != std::string::npos);
  REQUIRE(example.api->start(instance) == OCEAN_OK);
  ocean_buffer out{nullptr, 0};
  REQUIRE(example.hello(instance, &out) == OCEAN_OK);
  CHECK(std::string(out.data, out.size).find("Hi, Ana!") != std::string::npos);
  example.api->free_buffer(&out);
  example.api->destroy(instance);
}

TEST_CASE("feature switches are per instance - core capabilities cannot be switched off", "[abi][example][features]") {
  Example example;
  ocean_instance* a = example.started();
  ocean_instance* b = example.started();
  REQUIRE(example.api->set_feature(a, "greetings", 9, 0) == OCEAN_OK);
  ocean_buffer out{nullptr, 0};
  CHECK(example.hello(a, &out) == OCEAN_FEATURE_DISABLED);
  CHECK(out.data == nullptr);
  REQUIRE(example.hello(b, &out) == OCEAN_OK);  // b is unaffected
  example.api->free_buffer(&out);
  CHECK(example.api->invoke(a, "example.echo", 12, R"({"x":1})", 7, &out) == OCEAN_OK);  // core stays on
  CHECK(std::string(out.data, out.size) == R"({"schema":"echo.v1","request":{"x":1}})");
  example.api->free_buffer(&out);
  REQUIRE(example.api->set_feature(a, "greetings", 9, 1) == OCEAN_OK);
  REQUIRE(example.hello(a, &out) == OCEAN_OK);
  example.api->free_buffer(&out);
  CHECK(example.hello(a, &out, R"({"name":7})") == OCEAN_INVALID_ARGUMENT);  // the plugin's own check
  example.api->destroy(a);
  example.api->destroy(b);
}

TEST_CASE("handle_webhook may run concurrently with invoke on one instance", "[abi][example][threads]") {
  Example example;
  ocean_instance* instance = example.started();
  std::atomic<int> failures{0};
  std::thread webhooks([&] {
    for (int i = 0; i < 300; ++i) {
      ocean_webhook_v1 delivery{sizeof(delivery), "", 0, "{}", 2, i};
      ocean_buffer out{nullptr, 0};
      // The example takes no webhooks: UNSUPPORTED with a 404 answer, every time.
      if (example.api->handle_webhook(instance, &delivery, &out) != OCEAN_UNSUPPORTED || out.data == nullptr)
        ++failures;
      example.api->free_buffer(&out);
    }
  });
  for (int i = 0; i < 300; ++i) {
    ocean_buffer out{nullptr, 0};
    if (example.hello(instance, &out) != OCEAN_OK) ++failures;
    example.api->free_buffer(&out);
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    if (example.api->last_error(instance, &info) != OCEAN_OK || info.message == nullptr) ++failures;
  }
  webhooks.join();
  CHECK(failures.load() == 0);
  example.api->destroy(instance);
}
