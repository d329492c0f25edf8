// The lifecycle state machine: every call in every state where it is not allowed answers
// INVALID_STATE, changes nothing, and leaves a message in last_error.
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {

struct Call {
  const char* name;
  std::set<State> allowed;
  std::function<ocean_status_t(Plugin&, ocean_instance*, ocean_buffer*)> run;
};

// Every state-dependent call of the table, with the states the header allows it in. The
// arguments are valid, so only the state can make the call fail with INVALID_STATE.
std::vector<Call> state_dependent_calls() {
  return {
      {"configure",
       {State::created, State::configured},
       [](Plugin& p, ocean_instance* i, ocean_buffer*) {
         return p.api().configure(i, p.config().data(), p.config().size());
       }},
      {"start", {State::configured}, [](Plugin& p, ocean_instance* i, ocean_buffer*) { return p.api().start(i); }},
      {"stop", {State::started}, [](Plugin& p, ocean_instance* i, ocean_buffer*) { return p.api().stop(i); }},
      {"set_feature",
       {State::configured, State::started},
       [](Plugin& p, ocean_instance* i, ocean_buffer*) {
         const std::string feature = p.some_feature();
         return p.api().set_feature(i, feature.data(), feature.size(), 1);
       }},
      {"invoke",
       {State::started},
       [](Plugin& p, ocean_instance* i, ocean_buffer* out) {
         const std::string capability = p.some_capability();
         return p.api().invoke(i, capability.data(), capability.size(), "{}", 2, out);
       }},
      {"tick",
       {State::started},
       [](Plugin& p, ocean_instance* i, ocean_buffer*) { return p.api().tick(i, 1'700'000'000'000); }},
      {"handle_webhook",
       {State::started},
       [](Plugin& p, ocean_instance* i, ocean_buffer* out) {
         const std::string headers = "Content-Type: application/json\r\n";
         const std::string body = "{}";
         ocean_webhook_v1 webhook{sizeof(webhook), headers.data(), headers.size(), body.data(), body.size(), 1};
         return p.api().handle_webhook(i, &webhook, out);
       }},
  };
}

}  // namespace

TEST_CASE("every call in every wrong state is INVALID_STATE and changes nothing", "[abi][state]") {
  const auto paths = plugin_paths();
  REQUIRE_FALSE(paths.empty());
  for (const auto& path : paths) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    int wrong_pairs = 0;
    for (State state : {State::created, State::configured, State::started}) {
      for (const Call& call : state_dependent_calls()) {
        if (call.allowed.count(state) != 0) continue;
        ++wrong_pairs;
        INFO(call.name << " in " << state_name(state));
        ocean_instance* instance = plugin.make(state);
        const ErrorInfo before = plugin.error(instance);
        ocean_buffer out{reinterpret_cast<char*>(&out), 42};  // garbage the plugin must reset
        CHECK(call.run(plugin, instance, &out) == OCEAN_INVALID_STATE);
        if (std::string(call.name) == "handle_webhook") {
          // Its answer says it (503: try later); last_error is left alone (ocean_plugin.h).
          CHECK_FALSE(webhook_failure_message(plugin.api(), out, 503, OCEAN_INVALID_STATE).empty());
          CHECK(plugin.error(instance).status == before.status);
          CHECK(plugin.error(instance).message == before.message);
        } else {
          if (std::string(call.name) == "invoke") {
            CHECK(out.data == nullptr);
            CHECK(out.size == 0);
          }
          const ErrorInfo error = plugin.error(instance);
          CHECK(error.status == OCEAN_INVALID_STATE);
          CHECK_FALSE(error.message.empty());
        }
        CHECK(plugin.probe(instance) == state);
        plugin.destroy(instance);
      }
    }
    CHECK(wrong_pairs == 12);  // 6 in CREATED, 4 in CONFIGURED, 2 in STARTED
  }
}

TEST_CASE("the allowed transitions work and repeat", "[abi][state]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const auto& api = plugin.api();
    const std::string& config = plugin.config();
    ocean_instance* instance = plugin.make(State::created);
    CHECK(plugin.probe(instance) == State::created);
    REQUIRE(api.configure(instance, config.data(), config.size()) == OCEAN_OK);
    CHECK(plugin.error(instance).status == OCEAN_OK);
    CHECK(plugin.error(instance).message.empty());
    CHECK(plugin.probe(instance) == State::configured);
    REQUIRE(api.configure(instance, config.data(), config.size()) == OCEAN_OK);  // reconfigure
    CHECK(plugin.probe(instance) == State::configured);
    for (int cycle = 0; cycle < 3; ++cycle) {
      INFO("cycle " << cycle);
      REQUIRE(api.start(instance) == OCEAN_OK);
      CHECK(plugin.probe(instance) == State::started);
      REQUIRE(api.stop(instance) == OCEAN_OK);
      CHECK(plugin.probe(instance) == State::configured);
      REQUIRE(api.configure(instance, config.data(), config.size()) == OCEAN_OK);
    }
    plugin.destroy(instance);
  }
}

TEST_CASE("a refused configure keeps the state it had", "[abi][state]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    for (State state : {State::created, State::configured}) {
      INFO(state_name(state));
      ocean_instance* instance = plugin.make(state);
      CHECK(plugin.api().configure(instance, "{\"broken\":", 10) == OCEAN_INVALID_ARGUMENT);
      CHECK(plugin.probe(instance) == state);
      plugin.destroy(instance);
    }
  }
}

TEST_CASE("destroy is accepted in every state, and NULL is a no-op", "[abi][state]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    for (State state : {State::created, State::configured, State::started}) {
      INFO(state_name(state));
      ocean_instance* instance = plugin.make(state);
      plugin.destroy(instance);  // a STARTED instance is stopped first; ASan/LSan check the rest
    }
    plugin.api().destroy(nullptr);
  }
}

TEST_CASE("several instances of one plugin have independent states", "[abi][state]") {
  for (const auto& path : plugin_paths()) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    ocean_instance* a = plugin.make(State::started, "account-a");
    ocean_instance* b = plugin.make(State::configured, "account-b");
    ocean_instance* c = plugin.make(State::created, "account-c");
    CHECK(plugin.probe(a) == State::started);
    CHECK(plugin.probe(b) == State::configured);
    CHECK(plugin.probe(c) == State::created);
    REQUIRE(plugin.api().stop(a) == OCEAN_OK);
    CHECK(plugin.probe(a) == State::configured);
    CHECK(plugin.probe(b) == State::configured);
    CHECK(plugin.probe(c) == State::created);
  }
}
