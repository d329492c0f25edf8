// The smallest useful plugin written with the SDK (docs/PLUGIN_ABI.md, "Writing a plugin").
//
// One feature ("greetings") with one capability, plus one "core" capability that cannot be
// switched off. Everything the ABI demands (negotiation, state machine, NULL and size checks,
// JSON well-formedness, feature switches, exceptions, buffers, last_error) is done by
// OCEAN_DECLARE_PLUGIN; this file only holds what is specific to the plugin.
#include <boost/json.hpp>
#include <mutex>
#include <string>
#include <string_view>

#include "ocean/plugin_sdk.hpp"

namespace {

namespace json = boost::json;
using ocean::sdk::Result;

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"minimal_example", "Minimal example", "Ocean ERP", "1.0.0", "example"},
    std::to_array<ocean::sdk::Feature>({{"greetings", true}}),
    std::to_array<ocean::sdk::Capability>({{"greeting.hello", "greetings"}, {"example.echo", "core"}})};

class MinimalInstance final : public ocean::sdk::Instance {
 public:
  using Instance::Instance;

  // The glue parsed the configuration once and hands over the object; check the fields, then apply.
  Result configure(const json::object& config) override {
    std::string greeting = "Hello";
    if (const json::value* value = config.if_contains("greeting")) {
      if (!value->is_string() || value->as_string().empty() || value->as_string().size() > 64)
        return Result::invalid_config("greeting must be a string of 1 to 64 characters");
      greeting = value->as_string().c_str();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    greeting_ = std::move(greeting);  // only now: a refused configuration changes nothing
    return Result::success();
  }

  Result start() override {
    host().info("minimal example started for account " + account_id());
    return Result::success();
  }

  // Only declared capabilities whose feature is on arrive here.
  Result invoke(std::string_view capability, std::string_view request_json, std::string& response) override {
    const json::object request = json::parse(request_json).as_object();
    if (capability == "example.echo") {
      response = json::serialize(json::object{{"schema", "echo.v1"}, {"request", request}});
      return Result::success();
    }
    const json::value* name = request.if_contains("name");
    if (name == nullptr || !name->is_string()) return Result::invalid_argument("request.name must be a string");
    std::string text;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      text = greeting_ + ", " + std::string(name->as_string().c_str()) + "!";
    }
    response = json::serialize(json::object{{"schema", "greeting.v1"}, {"text", text}});
    return Result::success();
  }

 private:
  std::mutex mutex_;  // handle_webhook may run on another thread; keep shared state guarded
  std::string greeting_ = "Hello";
};

}  // namespace

OCEAN_DECLARE_PLUGIN(kDescriptor, MinimalInstance);
