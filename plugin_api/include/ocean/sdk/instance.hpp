// ocean/sdk/instance.hpp: the class a plugin author derives from, one object per shop account.
//
// The glue (OCEAN_DECLARE_PLUGIN) has already checked, before any hook below runs: the instance
// state, NULL pointers, payload sizes, that JSON payloads parse as objects, that an invoked
// capability is declared and its feature on. Hooks only do the marketplace work. A hook may
// throw: the glue turns any exception into OCEAN_INTERNAL.
//
// Threads: the host serializes calls on one instance, EXCEPT handle_webhook, which may run
// concurrently with invoke and tick on the same instance. Guard state those share.
#ifndef OCEAN_SDK_INSTANCE_HPP
#define OCEAN_SDK_INSTANCE_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/object.hpp>

#include "ocean/ocean_plugin.h"
#include "ocean/sdk/features.hpp"
#include "ocean/sdk/host_services.hpp"
#include "ocean/sdk/result.hpp"

namespace ocean::sdk {

// What the glue knows about one instance; owned by the glue and outlives the Instance object.
class InstanceContext {
 public:
  InstanceContext(std::string account_id, HostServices host, const HostServices* module_host,
                  const ocean_plugin_descriptor_v1& descriptor)
      : account_id_(std::move(account_id)), host_(host), module_host_(module_host), features_(descriptor) {}

  const std::string& account_id() const noexcept { return account_id_; }
  const HostServices& host() const noexcept { return host_; }                 // instance-scoped services
  const HostServices& module_host() const noexcept { return *module_host_; }  // services given to init
  const FeatureSet& features() const noexcept { return features_; }
  FeatureSet& features() noexcept { return features_; }

 private:
  std::string account_id_;
  HostServices host_;
  const HostServices* module_host_;
  FeatureSet features_;
};

class Instance {
 public:
  explicit Instance(InstanceContext& context) noexcept : context_(context) {}
  virtual ~Instance() = default;
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  // CREATED|CONFIGURED. `config` is the host's configuration, parsed once by the SDK (malformed
  // JSON or a non-object never reaches the hook). Validate everything first and keep the previous
  // configuration on failure (OCEAN_INVALID_CONFIG naming the field).
  virtual Result configure(const boost::json::object& config) = 0;

  // CONFIGURED -> STARTED. Open storage; no network.
  virtual Result start() { return Result::success(); }

  // STARTED -> CONFIGURED. Release resources. The instance is CONFIGURED afterwards whatever
  // this returns; destroy calls it for a STARTED instance.
  virtual Result stop() { return Result::success(); }

  // Veto hook, called before a declared feature is switched (CONFIGURED|STARTED); a failure
  // leaves the feature as it was. The new state is visible through feature_enabled() afterwards.
  virtual Result set_feature(std::string_view feature_id, bool enabled) {
    (void)feature_id;
    (void)enabled;
    return Result::success();
  }

  // STARTED. `capability` is declared and its feature is on; `request_json` is a JSON object.
  // Write the JSON response into `response_out` (also allowed on failure: a JSON error object).
  virtual Result invoke(std::string_view capability, std::string_view request_json, std::string& response_out) {
    (void)request_json;
    (void)response_out;
    return Result::unsupported("capability not implemented: " + std::string(capability));
  }

  // Appended to the UNSUPPORTED message the glue gives for a capability the descriptor does not
  // declare: say where it would come from (stubs use it to point at the marketplace API).
  virtual std::string undeclared_capability_hint(std::string_view capability) const {
    (void)capability;
    return {};
  }

  // STARTED. Do whatever is due at `now_ms` (host wall clock).
  virtual Result tick(std::int64_t now_ms) {
    (void)now_ms;
    return Result::success();
  }

  // STARTED, possibly concurrent with invoke/tick. Raw bytes as received. Write
  // {"schema":"webhook_result.v1","http_status":N,...} into `response_out`.
  // The default says this plugin takes no webhooks (the host should answer 404).
  virtual Result handle_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms,
                                std::string& response_out) {
    (void)headers;
    (void)body;
    (void)received_at_ms;
    response_out =
        R"({"schema":"webhook_result.v1","http_status":404,"accepted":false,"message":"this plugin takes no webhooks"})";
    return Result::unsupported("this plugin takes no webhooks");
  }

 protected:
  const InstanceContext& context() const noexcept { return context_; }
  const std::string& account_id() const noexcept { return context_.account_id(); }
  const HostServices& host() const noexcept { return context_.host(); }
  const HostServices& module_host() const noexcept { return context_.module_host(); }
  bool feature_enabled(std::string_view feature_id) const noexcept { return context_.features().enabled(feature_id); }
  // Applies a feature state without the veto hook, e.g. from toggles in the configuration.
  Result apply_feature(std::string_view feature_id, bool enabled) {
    return context_.features().set(feature_id, enabled);
  }

 private:
  InstanceContext& context_;
};

// The default factory: constructs T from the context.
template <class T>
std::unique_ptr<Instance> make_instance(InstanceContext& context) {
  return std::make_unique<T>(context);
}

}  // namespace ocean::sdk

#endif  // OCEAN_SDK_INSTANCE_HPP
