// Host side, part 2: a plugin's self-description copied into plain C++ values, so the host can
// compare it with the manifest and keep it after the library is gone.
#pragma once

#include "ocean/host/library.hpp"

#include <string>
#include <vector>

namespace ocean::host {

struct FeatureInfo {
  std::string id;
  bool default_on = false;
};

struct CapabilityInfo {
  std::string id;
  std::string feature;  // "core" for capabilities that cannot be switched off
};

struct DescriptorInfo {
  std::string id;
  std::string name;
  std::string vendor;
  std::string version;
  std::string marketplace;
  std::vector<FeatureInfo> features;
  std::vector<CapabilityInfo> capabilities;
};

// Copies the descriptor; throws LoadError(negotiation_failed) when it is short or holds NULLs.
inline DescriptorInfo read_descriptor(const ocean_plugin_descriptor_v1* d) {
  auto fail = [](const std::string& what) -> LoadError {
    return LoadError(LoadError::Kind::negotiation_failed, "descriptor " + what);
  };
  if (!OCEAN_HAS_FIELD(d, ocean_plugin_descriptor_v1, capability_count))
    throw fail("is missing or smaller than ABI 1.0 requires");
  auto text = [&](const char* s, const char* field) {
    if (s == nullptr) throw fail(std::string("field ") + field + " is NULL");
    return std::string(s);
  };
  DescriptorInfo out;
  out.id = text(d->id, "id");
  out.name = text(d->name, "name");
  out.vendor = text(d->vendor, "vendor");
  out.version = text(d->version, "version");
  out.marketplace = text(d->marketplace, "marketplace");
  if (d->feature_count > 0 && (d->feature_ids == nullptr || d->feature_defaults == nullptr))
    throw fail("declares features but their arrays are NULL");
  for (std::size_t i = 0; i < d->feature_count; ++i)
    out.features.push_back({text(d->feature_ids[i], "feature_ids[]"), d->feature_defaults[i] != 0});
  if (d->capability_count > 0 && (d->capability_ids == nullptr || d->capability_features == nullptr))
    throw fail("declares capabilities but their arrays are NULL");
  for (std::size_t i = 0; i < d->capability_count; ++i)
    out.capabilities.push_back(
        {text(d->capability_ids[i], "capability_ids[]"), text(d->capability_features[i], "capability_features[]")});
  return out;
}

}  // namespace ocean::host
