// The smallest plugin an integrator writes against the installed package: one capability,
// "greeting.hello", answering {"schema":"greeting.v1","text":"Hello, <name>!"}.
#include <ocean/plugin_sdk.hpp>

#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace {

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"install_probe", "Install probe", "Ocean tests", "1.0.0", "example"},
    std::to_array<ocean::sdk::Feature>({{"greetings", true}}),
    std::to_array<ocean::sdk::Capability>({{"greeting.hello", "greetings"}})};

class ProbeInstance final : public ocean::sdk::Instance {
 public:
  using Instance::Instance;

  ocean::sdk::Result configure(const boost::json::object&) override { return ocean::sdk::Result::success(); }

  ocean::sdk::Result invoke(std::string_view, std::string_view request_json, std::string& response) override {
    const boost::json::object request = boost::json::parse(request_json).as_object();
    const boost::json::value* name = request.if_contains("name");
    if (name == nullptr || !name->is_string())
      return ocean::sdk::Result::invalid_argument("request.name must be a string");
    response = boost::json::serialize(boost::json::object{
        {"schema", "greeting.v1"}, {"text", "Hello, " + std::string(name->as_string().c_str()) + "!"}});
    return ocean::sdk::Result::success();
  }
};

}  // namespace

OCEAN_DECLARE_PLUGIN(kDescriptor, ProbeInstance);
