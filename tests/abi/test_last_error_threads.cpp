// last_error under the concurrency the ABI allows: handle_webhook runs on its own thread beside
// invoke/set_feature on the same instance, two instances at once, and every last_error read on
// the invoking thread must describe that thread's own last call (ocean_plugin.h: handle_webhook
// never writes last_error). Runs against every built plugin, the throwing test plugin (whose
// webhooks throw) and the documented example plugin.
#include <atomic>
#include <chrono>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

constexpr int kRounds = 400;  // failing calls per invoking thread; webhooks run until they finish

// Mismatches seen by any thread, last_error reads and webhook answers apart; the first few of each
// are kept for the report.
struct Findings {
  std::atomic<int> last_error{0};
  std::atomic<int> answers{0};
  std::mutex mutex;
  std::vector<std::string> first;
  void add(std::atomic<int>& counter, const std::string& what) {
    ++counter;
    std::lock_guard<std::mutex> lock(mutex);
    if (first.size() < 8) first.push_back(what);
  }
};

struct Expected {
  ocean_status_t status;
  std::string token;  // the message must contain it: it names this call and no other
};

// One failing serialized call per round, each with a detail only that call can produce.
Expected failing_call(const ocean_plugin_v1& api, ocean_instance* instance, int lane, int round) {
  const std::string tag = std::to_string(lane) + "." + std::to_string(round);
  ocean_buffer out{nullptr, 0};
  ocean_status_t status = OCEAN_OK;
  Expected expected{OCEAN_UNSUPPORTED, ""};
  if (round % 3 == 0) {
    expected.token = "conformance.undeclared." + tag;
    status = api.invoke(instance, expected.token.data(), expected.token.size(), "{}", 2, &out);
  } else if (round % 3 == 1) {
    expected.token = "conformance.feature." + tag;
    status = api.set_feature(instance, expected.token.data(), expected.token.size(), 1);
  } else {
    const std::string request = "{\"round\":" + tag;  // unterminated object
    expected = {OCEAN_INVALID_ARGUMENT, "not valid JSON"};
    status = api.invoke(instance, kUndeclared, std::string(kUndeclared).size(), request.data(), request.size(), &out);
  }
  api.free_buffer(&out);
  if (status != expected.status) expected.token = "<status " + std::to_string(status) + ">";
  return expected;
}

void invoke_lane(const ocean_plugin_v1& api, ocean_instance* instance, int lane, Findings& findings) {
  for (int round = 0; round < kRounds; ++round) {
    const Expected expected = failing_call(api, instance, lane, round);
    // A host does other work before it reads the detail (logs, bookkeeping); giving up the CPU here
    // lets the webhook threads run in that gap even on a busy machine with few cores.
    if (round % 2 == 0)
      std::this_thread::yield();
    else
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    ocean_error_info_v1 info{sizeof(info), 0, 0, nullptr};
    if (api.last_error(instance, &info) != OCEAN_OK || info.message == nullptr) {
      findings.add(findings.last_error, "last_error failed");
      continue;
    }
    const std::string message = info.message;
    if (info.status != expected.status || message.find(expected.token) == std::string::npos)
      findings.add(findings.last_error, "lane " + std::to_string(lane) + " round " + std::to_string(round) +
                                            ": expected " + ocean_status_name(expected.status) + " with \"" +
                                            expected.token + "\", read " + ocean_status_name(info.status) + " \"" +
                                            message + "\"");
  }
}

// Webhooks that fail in the glue (NULL delivery) or in the plugin (unsigned, junk); each answer
// must be a webhook_result with an HTTP status.
void webhook_lane(const ocean_plugin_v1& api, ocean_instance* instance, std::atomic<bool>& done, Findings& findings) {
  const std::string headers = "Content-Type: application/json\r\nAuthorization: forged\r\n";
  for (int round = 0; round == 0 || !done.load(); ++round) {
    const std::string body = R"({"type":1,"tts_notification_id":"n)" + std::to_string(round) + R"(","data":{}})";
    ocean_webhook_v1 delivery{sizeof(delivery), headers.data(), headers.size(), body.data(), body.size(), round};
    ocean_buffer out{nullptr, 0};
    const ocean_status_t status = api.handle_webhook(instance, round % 2 == 0 ? &delivery : nullptr, &out);
    const std::string answer = out.data ? std::string(out.data, out.size) : std::string();
    api.free_buffer(&out);
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(answer, ec);
    if (ec || !parsed.is_object() || !parsed.as_object().contains("http_status") ||
        parsed.as_object().at("schema") != "webhook_result.v1")
      findings.add(findings.answers,
                   std::string("webhook ") + ocean_status_name(status) + " answered \"" + answer + "\"");
  }
}

// Two instances, each with an invoking thread and a webhook thread, all four at once.
void hammer(const ocean_plugin_v1& api, ocean_instance* first, ocean_instance* second) {
  Findings findings;
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  threads.emplace_back(webhook_lane, std::cref(api), first, std::ref(done), std::ref(findings));
  threads.emplace_back(webhook_lane, std::cref(api), second, std::ref(done), std::ref(findings));
  std::thread a(invoke_lane, std::cref(api), first, 1, std::ref(findings));
  std::thread b(invoke_lane, std::cref(api), second, 2, std::ref(findings));
  a.join();
  b.join();
  done = true;
  for (auto& t : threads) t.join();
  for (const auto& f : findings.first) UNSCOPED_INFO(f);
  CHECK(findings.last_error.load() == 0);
  CHECK(findings.answers.load() == 0);
}

}  // namespace

TEST_CASE("last_error describes the caller's own call while webhooks run beside it", "[abi][threads][last_error]") {
  const auto paths = plugin_paths();
  REQUIRE_FALSE(paths.empty());
  for (const auto& path : paths) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    hammer(plugin.api(), plugin.make(State::started, "threads-a"), plugin.make(State::started, "threads-b"));
  }
}

TEST_CASE("last_error stays the caller's while throwing webhooks run beside it", "[abi][threads][last_error]") {
  for (const std::string file : {"libocean_abi_throwing_plugin.so", "libocean_example_minimal_plugin.so"}) {
    INFO("plugin: " << file);
    Library library(test_plugin_path(file));
    const Negotiation n = negotiate(library);
    REQUIRE(n.status == OCEAN_OK);
    const ocean_plugin_v1& api = *n.api;
    TestHost host;
    REQUIRE(api.init(host.services()) == OCEAN_OK);
    std::vector<ocean_instance*> instances;
    for (const char* account : {"runtime_error/handle_webhook", "bad_alloc/handle_webhook"}) {
      ocean_instance_params_v1 params{sizeof(params), account, host.services()};
      ocean_instance* instance = nullptr;
      REQUIRE(api.create(&params, &instance) == OCEAN_OK);
      REQUIRE(api.configure(instance, "{}", 2) == OCEAN_OK);
      REQUIRE(api.start(instance) == OCEAN_OK);
      instances.push_back(instance);
    }
    hammer(api, instances[0], instances[1]);
    for (ocean_instance* instance : instances) api.destroy(instance);
    api.deinit();
  }
}
