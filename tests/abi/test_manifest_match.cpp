// The self-description a plugin returns must equal its manifest (manifests/, found by library
// file name): identity, features with defaults, and capabilities with their feature.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "abi_harness.hpp"

using namespace abi_test;
namespace json = boost::json;

namespace {
json::object manifest_for(const std::string& library_file) {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(OCEAN_SOURCE_DIR) + "/manifests")) {
    if (entry.path().extension() != ".json") continue;
    json::value manifest = json::parse(read_file(entry.path().string()));
    const auto& object = manifest.as_object();
    if (const auto* library = object.if_contains("library"); library && library->as_string() == library_file)
      return object;
  }
  FAIL("no manifest in manifests/ names library " << library_file);
  return {};
}
std::string str(const json::object& o, const char* key) { return std::string(o.at(key).as_string()); }
}  // namespace

TEST_CASE("every plugin's descriptor equals its manifest", "[abi][manifest]") {
  const auto paths = plugin_paths();
  REQUIRE_FALSE(paths.empty());
  for (const auto& path : paths) {
    INFO("plugin: " << path);
    Plugin plugin(path);
    const json::object manifest = manifest_for(file_name_of(path));
    const ocean_plugin_descriptor_v1& d = plugin.descriptor();
    CHECK(d.struct_size >= sizeof(ocean_plugin_descriptor_v1));
    CHECK(str(manifest, "id") == d.id);
    CHECK(str(manifest, "name") == d.name);
    CHECK(str(manifest, "vendor") == d.vendor);
    CHECK(str(manifest, "version") == d.version);
    CHECK(str(manifest, "marketplace") == d.marketplace);

    std::map<std::string, bool> manifest_features, descriptor_features;
    std::map<std::string, std::string> manifest_caps, descriptor_caps;
    for (const auto& cap : manifest.at("core_capabilities").as_array())
      manifest_caps[std::string(cap.as_string())] = "core";
    for (const auto& feature : manifest.at("features").as_array()) {
      const auto& f = feature.as_object();
      manifest_features[str(f, "id")] = f.at("default").as_bool();
      for (const auto& cap : f.at("capabilities").as_array())
        manifest_caps[std::string(cap.as_string())] = str(f, "id");
    }
    for (std::size_t i = 0; i < d.feature_count; ++i) {
      CHECK((d.feature_defaults[i] == 0 || d.feature_defaults[i] == 1));
      descriptor_features[d.feature_ids[i]] = d.feature_defaults[i] == 1;
    }
    for (std::size_t i = 0; i < d.capability_count; ++i)
      descriptor_caps[d.capability_ids[i]] = d.capability_features[i];
    CHECK(descriptor_features.size() == d.feature_count);  // no duplicates
    CHECK(descriptor_caps.size() == d.capability_count);
    CHECK(descriptor_features == manifest_features);
    CHECK(descriptor_caps == manifest_caps);
  }
}
