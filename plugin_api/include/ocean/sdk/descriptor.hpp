// ocean/sdk/descriptor.hpp: build an ocean_plugin_descriptor_v1 from readable static tables, and
// check one for internal consistency before it is handed to a host.
//
//   const ocean::sdk::StaticDescriptor kDescriptor{
//       ocean::sdk::PluginInfo{"acme", "Acme", "Acme Ltd", "1.0.0", "acme"},
//       std::to_array<ocean::sdk::Feature>({{"orders", true}}),
//       std::to_array<ocean::sdk::Capability>({{"account.status", "core"}, {"orders.search", "orders"}})};
//   const ocean::sdk::StaticDescriptor kStub{ocean::sdk::PluginInfo{...}};   // nothing declared
//
// The object must have static storage duration: the descriptor points into it.
#ifndef OCEAN_SDK_DESCRIPTOR_HPP
#define OCEAN_SDK_DESCRIPTOR_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ocean/ocean_plugin.h"

namespace ocean::sdk {

// The feature every plugin has implicitly: account and sync plumbing, always on.
inline constexpr std::string_view kCoreFeature = "core";

struct PluginInfo {
  const char* id;
  const char* name;
  const char* vendor;
  const char* version;
  const char* marketplace;
};

struct Feature {
  const char* id;
  bool enabled_by_default;
};

struct Capability {
  const char* id;
  const char* feature;  // a declared Feature id, or "core"
};

template <std::size_t FeatureCount, std::size_t CapabilityCount>
class StaticDescriptor {
 public:
  StaticDescriptor(const PluginInfo& info, const std::array<Feature, FeatureCount>& features,
                   const std::array<Capability, CapabilityCount>& capabilities) noexcept {
    for (std::size_t i = 0; i < FeatureCount; ++i) {
      feature_ids_[i] = features[i].id;
      feature_defaults_[i] = features[i].enabled_by_default ? 1 : 0;
    }
    for (std::size_t i = 0; i < CapabilityCount; ++i) {
      capability_ids_[i] = capabilities[i].id;
      capability_features_[i] = capabilities[i].feature;
    }
    descriptor_.struct_size = sizeof(ocean_plugin_descriptor_v1);
    descriptor_.id = info.id;
    descriptor_.name = info.name;
    descriptor_.vendor = info.vendor;
    descriptor_.version = info.version;
    descriptor_.marketplace = info.marketplace;
    // An empty table is published as NULL so hosts never dereference a zero-length array.
    descriptor_.feature_ids = FeatureCount == 0 ? nullptr : feature_ids_.data();
    descriptor_.feature_defaults = FeatureCount == 0 ? nullptr : feature_defaults_.data();
    descriptor_.feature_count = FeatureCount;
    descriptor_.capability_ids = CapabilityCount == 0 ? nullptr : capability_ids_.data();
    descriptor_.capability_features = CapabilityCount == 0 ? nullptr : capability_features_.data();
    descriptor_.capability_count = CapabilityCount;
  }

  // A plugin that declares nothing (the stubs).
  explicit StaticDescriptor(const PluginInfo& info) noexcept requires(FeatureCount == 0 && CapabilityCount == 0)
      : StaticDescriptor(info, {}, {}) {}

  StaticDescriptor(const StaticDescriptor&) = delete;  // the descriptor points into *this
  StaticDescriptor& operator=(const StaticDescriptor&) = delete;

  const ocean_plugin_descriptor_v1& get() const noexcept { return descriptor_; }

 private:
  std::array<const char*, FeatureCount> feature_ids_{};
  std::array<std::uint8_t, FeatureCount> feature_defaults_{};
  std::array<const char*, CapabilityCount> capability_ids_{};
  std::array<const char*, CapabilityCount> capability_features_{};
  ocean_plugin_descriptor_v1 descriptor_{};
};

StaticDescriptor(const PluginInfo&)->StaticDescriptor<0, 0>;

inline const ocean_plugin_descriptor_v1& as_descriptor(const ocean_plugin_descriptor_v1& d) noexcept { return d; }
template <std::size_t F, std::size_t C>
const ocean_plugin_descriptor_v1& as_descriptor(const StaticDescriptor<F, C>& d) noexcept {
  return d.get();
}

// Empty string when the descriptor is consistent, else what is wrong with it: missing strings,
// duplicate ids, a capability under an undeclared feature, a feature named "core".
inline std::string descriptor_problem(const ocean_plugin_descriptor_v1& d) {
  if (d.struct_size < sizeof(ocean_plugin_descriptor_v1)) return "descriptor struct_size is too small";
  for (const char* s : {d.id, d.name, d.vendor, d.version, d.marketplace})
    if (s == nullptr || *s == '\0') return "descriptor has an empty id/name/vendor/version/marketplace";
  if (d.feature_count > 0 && (d.feature_ids == nullptr || d.feature_defaults == nullptr))
    return "descriptor features are NULL";
  if (d.capability_count > 0 && (d.capability_ids == nullptr || d.capability_features == nullptr))
    return "descriptor capabilities are NULL";
  for (std::size_t i = 0; i < d.feature_count; ++i) {
    if (d.feature_ids[i] == nullptr || *d.feature_ids[i] == '\0') return "descriptor has an empty feature id";
    const std::string_view id = d.feature_ids[i];
    if (id == kCoreFeature) return "\"core\" is implicit and must not be declared as a feature";
    if (d.feature_defaults[i] > 1) return "feature default must be 0 or 1: " + std::string(id);
    for (std::size_t j = 0; j < i; ++j)
      if (id == d.feature_ids[j]) return "duplicate feature id: " + std::string(id);
  }
  for (std::size_t i = 0; i < d.capability_count; ++i) {
    if (d.capability_ids[i] == nullptr || *d.capability_ids[i] == '\0') return "descriptor has an empty capability id";
    if (d.capability_features[i] == nullptr) return "capability without feature";
    const std::string_view id = d.capability_ids[i];
    for (std::size_t j = 0; j < i; ++j)
      if (id == d.capability_ids[j]) return "duplicate capability id: " + std::string(id);
    const std::string_view feature = d.capability_features[i];
    bool declared = feature == kCoreFeature;
    for (std::size_t j = 0; j < d.feature_count && !declared; ++j) declared = feature == d.feature_ids[j];
    if (!declared) return "capability " + std::string(id) + " belongs to undeclared feature " + std::string(feature);
  }
  return {};
}

}  // namespace ocean::sdk

#endif  // OCEAN_SDK_DESCRIPTOR_HPP
