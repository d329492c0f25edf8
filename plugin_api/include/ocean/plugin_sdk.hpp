// ocean/plugin_sdk.hpp: header-only C++ SDK for writing an ocean marketplace plugin.
//
// A plugin author writes a class derived from ocean::sdk::Instance (one object per shop
// account), a static descriptor, and one macro line:
//
//   #include "ocean/plugin_sdk.hpp"
//
//   namespace {
//   const ocean::sdk::StaticDescriptor kDescriptor{
//       ocean::sdk::PluginInfo{"acme", "Acme", "Acme Ltd", "1.0.0", "acme"},
//       std::to_array<ocean::sdk::Feature>({{"orders", true}}),
//       std::to_array<ocean::sdk::Capability>({{"orders.search", "orders"}})};
//
//   class AcmeInstance final : public ocean::sdk::Instance {
//    public:
//     using Instance::Instance;
//     ocean::sdk::Result configure(const boost::json::object& config) override { ... }
//     ocean::sdk::Result invoke(std::string_view cap, std::string_view req, std::string& out) override { ... }
//   };
//   }  // namespace
//
//   OCEAN_DECLARE_PLUGIN(kDescriptor, AcmeInstance);
//
// The macro generates the one exported symbol `ocean_plugin_entry` (version negotiation), the
// static ocean_plugin_v1 table, reference-counted init/deinit and a catch-all trampoline for
// every entry point; see ocean/sdk/glue.hpp for exactly what the trampolines enforce. The plugin
// target links `ocean_boost` (the glue validates JSON with Boost.JSON) and is built with
// ocean_add_plugin(), which exports nothing but the entry point.
//
// Use the macro exactly once per plugin library, at namespace scope, in one source file.
#ifndef OCEAN_PLUGIN_SDK_HPP
#define OCEAN_PLUGIN_SDK_HPP

#include <memory>

#include "ocean/ocean_plugin.h"
#include "ocean/sdk/descriptor.hpp"
#include "ocean/sdk/features.hpp"
#include "ocean/sdk/glue.hpp"
#include "ocean/sdk/host_services.hpp"
#include "ocean/sdk/instance.hpp"
#include "ocean/sdk/result.hpp"

// Full form.
//   descriptor_expr: an ocean_plugin_descriptor_v1 or an ocean::sdk::StaticDescriptor with static
//                    storage duration.
//   factory_fn:      callable as factory_fn(ocean::sdk::InstanceContext&) returning
//                    std::unique_ptr<ocean::sdk::Instance>.
//   module_init_fn:  callable as module_init_fn(const ocean::sdk::HostServices&) returning
//                    ocean::sdk::Result; runs at the FIRST init only (e.g. global library setup).
//   module_deinit_fn: callable as module_deinit_fn(); runs at the LAST deinit only.
#define OCEAN_DECLARE_PLUGIN_EX(descriptor_expr, factory_fn, module_init_fn, module_deinit_fn)                       \
  namespace {                                                                                                        \
  struct OceanSdkPluginTraits {                                                                                      \
    static const ocean_plugin_descriptor_v1& descriptor() noexcept {                                                 \
      return ::ocean::sdk::as_descriptor(descriptor_expr);                                                           \
    }                                                                                                                \
    static std::unique_ptr<::ocean::sdk::Instance> create(::ocean::sdk::InstanceContext& context) {                  \
      return factory_fn(context);                                                                                    \
    }                                                                                                                \
    static ::ocean::sdk::Result module_init(const ::ocean::sdk::HostServices& host) { return module_init_fn(host); } \
    static void module_deinit() { module_deinit_fn(); }                                                              \
  };                                                                                                                 \
  }                                                                                                                  \
  extern "C" OCEAN_EXPORT ocean_status_t ocean_plugin_entry(ocean_negotiation_v1* negotiation,                       \
                                                            const ocean_plugin_v1** out) {                           \
    return ::ocean::sdk::detail::Glue<OceanSdkPluginTraits>::entry(negotiation, out);                                \
  }                                                                                                                  \
  static_assert(true, "OCEAN_DECLARE_PLUGIN is used at namespace scope and ends with ;")

// Common form: InstanceClass is constructible from ocean::sdk::InstanceContext& (inherit the
// base constructor with `using Instance::Instance;`); no module-level hooks.
#define OCEAN_DECLARE_PLUGIN(descriptor_expr, InstanceClass)                                                         \
  OCEAN_DECLARE_PLUGIN_EX(descriptor_expr, ::ocean::sdk::make_instance<InstanceClass>, ::ocean::sdk::no_module_init, \
                          ::ocean::sdk::no_module_deinit)

#endif  // OCEAN_PLUGIN_SDK_HPP
