// Output buffers: allocated by the plugin, released only by its free_buffer, valid after the
// instance that made them is destroyed; freeing an empty or already freed buffer is a no-op.
// The ASan/LSan build proves nothing leaks or is freed twice.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "abi_harness.hpp"

using namespace abi_test;

TEST_CASE("free_buffer of NULL or of an empty buffer is a no-op", "[abi][buffers]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    plugin.api().free_buffer(nullptr);
    ocean_buffer empty{nullptr, 0};
    plugin.api().free_buffer(&empty);
    CHECK(empty.data == nullptr);
    CHECK(empty.size == 0);
  }
}

TEST_CASE("a webhook answer is a NUL-terminated JSON object freed by its owner after destroy", "[abi][buffers]") {
  int buffers_seen = 0;
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    ocean_instance* instance = plugin.make(State::started);
    const std::string headers = "Content-Type: application/json\r\nAuthorization: not-a-signature\r\n";
    const std::string body = R"({"type":1,"data":{}})";
    ocean_webhook_v1 webhook{sizeof(webhook), headers.data(), headers.size(), body.data(), body.size(), 1};
    ocean_buffer out{nullptr, 0};
    const ocean_status_t status = plugin.api().handle_webhook(instance, &webhook, &out);
    // Unsigned junk is never accepted.
    CHECK(status != OCEAN_OK);
    CHECK(status != OCEAN_INTERNAL);
    if (out.data == nullptr) {
      CHECK(out.size == 0);
      continue;
    }
    ++buffers_seen;
    CHECK(out.data[out.size] == '\0');
    CHECK(std::strlen(out.data) == out.size);
    const boost::json::value answer = boost::json::parse(std::string(out.data, out.size));
    REQUIRE(answer.is_object());
    CHECK(answer.as_object().at("schema").as_string() == "webhook_result.v1");
    const std::int64_t http_status = answer.as_object().at("http_status").to_number<std::int64_t>();
    CHECK(http_status >= 400);
    plugin.destroy(instance);
    plugin.api().free_buffer(&out);  // after destroy: still ours to free
    CHECK(out.data == nullptr);
    CHECK(out.size == 0);
    plugin.api().free_buffer(&out);  // zeroed: a no-op, not a double free
  }
  INFO("plugins that answered with a buffer: " << buffers_seen);
  CHECK(buffers_seen > 0);  // the SDK stubs always do
}
