// The manifest, compiled in. Defined in a file generated from manifests/tiktok_shop.json
// (cmake/embed_manifest.cmake), so these tables always equal what the host reads.
#pragma once
#include <cstddef>

namespace ocean::tiktok::manifest {

extern const char* const kId;
extern const char* const kName;
extern const char* const kVendor;
extern const char* const kVersion;
extern const char* const kMarketplace;

// Feature ids in manifest order, with their default on/off.
extern const char* const kFeatureIds[];
extern const unsigned char kFeatureDefaults[];
extern const std::size_t kFeatureCount;

// Core capabilities first (feature "core"), then each feature's capabilities in manifest order.
extern const char* const kCapabilityIds[];
extern const char* const kCapabilityFeatures[];
extern const std::size_t kCapabilityCount;

// The whole manifest text (used for its config_schema).
extern const char* const kManifestJson;

}  // namespace ocean::tiktok::manifest
