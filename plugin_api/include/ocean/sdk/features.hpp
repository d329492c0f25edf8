// ocean/sdk/features.hpp: the on/off state of one instance's declared features.
//
// Starts from the descriptor's defaults. Reads and writes are atomic because handle_webhook may
// run on another thread while the host flips a feature.
#ifndef OCEAN_SDK_FEATURES_HPP
#define OCEAN_SDK_FEATURES_HPP

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ocean/ocean_plugin.h"
#include "ocean/sdk/descriptor.hpp"
#include "ocean/sdk/result.hpp"

namespace ocean::sdk {

class FeatureSet {
 public:
  explicit FeatureSet(const ocean_plugin_descriptor_v1& descriptor)
      : descriptor_(&descriptor), enabled_(std::make_unique<std::atomic<bool>[]>(descriptor.feature_count)) {
    for (std::size_t i = 0; i < descriptor.feature_count; ++i) enabled_[i].store(descriptor.feature_defaults[i] != 0);
  }

  // Index of a declared feature ("core" is not one).
  std::optional<std::size_t> find(std::string_view feature_id) const noexcept {
    for (std::size_t i = 0; i < descriptor_->feature_count; ++i)
      if (feature_id == descriptor_->feature_ids[i]) return i;
    return std::nullopt;
  }

  bool declared(std::string_view feature_id) const noexcept { return find(feature_id).has_value(); }

  // "core" is always on; an undeclared feature is off.
  bool enabled(std::string_view feature_id) const noexcept {
    if (feature_id == kCoreFeature) return true;
    const auto index = find(feature_id);
    return index && enabled_[*index].load();
  }

  // Feature of a declared capability, or nullopt for an undeclared one.
  std::optional<std::string_view> feature_of(std::string_view capability_id) const noexcept {
    for (std::size_t i = 0; i < descriptor_->capability_count; ++i)
      if (capability_id == descriptor_->capability_ids[i]) return std::string_view(descriptor_->capability_features[i]);
    return std::nullopt;
  }

  // Switches a declared feature. INVALID_ARGUMENT for "core", UNSUPPORTED for an undeclared id.
  Result set(std::string_view feature_id, bool on) {
    if (feature_id == kCoreFeature) return Result::invalid_argument("feature \"core\" is always on");
    const auto index = find(feature_id);
    if (!index) return Result::unsupported("feature not declared by this plugin: " + std::string(feature_id));
    enabled_[*index].store(on);
    return Result::success();
  }

 private:
  const ocean_plugin_descriptor_v1* descriptor_;
  std::unique_ptr<std::atomic<bool>[]> enabled_;
};

}  // namespace ocean::sdk

#endif  // OCEAN_SDK_FEATURES_HPP
