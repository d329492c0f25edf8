// A plugin whose hooks throw on demand, to prove through the ABI that no exception ever leaves a
// plugin built with the SDK. The account id picks what to throw and where:
// "<kind>/<hook>", kind = runtime_error | int | bad_alloc, hook = create | configure | start | stop
// | set_feature | invoke | tick | handle_webhook. Module init throws <kind> when the module
// services hold a secret named "throw_on_init" whose value is the kind.
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ocean/plugin_sdk.hpp"

namespace {

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"abi_throwing", "ABI throwing test plugin", "Ocean ERP tests", "0.0.1", "none"},
    std::to_array<ocean::sdk::Feature>({{"toggles", true}}),
    std::to_array<ocean::sdk::Capability>({{"throw.now", "toggles"}})};

[[noreturn]] void throw_kind(std::string_view kind) {
  if (kind == "int") throw 42;
  if (kind == "bad_alloc") throw std::bad_alloc();
  throw std::runtime_error("thrown on purpose by the throwing test plugin");
}

class ThrowingInstance final : public ocean::sdk::Instance {
 public:
  explicit ThrowingInstance(ocean::sdk::InstanceContext& context) : Instance(context) {
    const std::string& id = context.account_id();
    const auto slash = id.find('/');
    kind_ = id.substr(0, slash);
    hook_ = slash == std::string::npos ? std::string() : id.substr(slash + 1);
    maybe_throw("create");
  }

  ocean::sdk::Result configure(const boost::json::object&) override { return checked("configure"); }
  ocean::sdk::Result start() override { return checked("start"); }
  ocean::sdk::Result stop() override { return checked("stop"); }
  ocean::sdk::Result set_feature(std::string_view, bool) override { return checked("set_feature"); }
  ocean::sdk::Result invoke(std::string_view, std::string_view, std::string& out) override {
    maybe_throw("invoke");
    out = R"({"schema":"thrown.v1","thrown":false})";
    return ocean::sdk::Result::success();
  }
  ocean::sdk::Result tick(std::int64_t) override { return checked("tick"); }
  ocean::sdk::Result handle_webhook(std::string_view, std::string_view, std::int64_t, std::string& out) override {
    maybe_throw("handle_webhook");
    out = R"({"schema":"webhook_result.v1","http_status":200})";
    return ocean::sdk::Result::success();
  }

 private:
  void maybe_throw(std::string_view hook) const {
    if (hook == hook_) throw_kind(kind_);
  }
  ocean::sdk::Result checked(std::string_view hook) const {
    maybe_throw(hook);
    return ocean::sdk::Result::success();
  }

  std::string kind_;
  std::string hook_;
};

ocean::sdk::Result init_module(const ocean::sdk::HostServices& host) {
  if (auto kind = host.secret("throw_on_init")) throw_kind(*kind);
  return ocean::sdk::Result::success();
}

}  // namespace

OCEAN_DECLARE_PLUGIN_EX(kDescriptor, ocean::sdk::make_instance<ThrowingInstance>, init_module,
                        ocean::sdk::no_module_deinit);
