// A plugin manifest: read, validated against manifest.schema.json and checked for what a schema
// cannot say (duplicate feature ids, a capability listed twice), BEFORE any library is loaded.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace erp_host {

struct ManifestFeature {
  std::string id;
  std::string name;
  bool default_on = false;
  std::vector<std::string> capabilities;
};

// A team role (manifest "roles"): what an operator holding it may invoke.
struct ManifestRole {
  std::string id;
  std::string name;
  bool all_capabilities = false;
  std::vector<std::string> features;      // every capability of these ("core" = core_capabilities)
  std::vector<std::string> capabilities;  // single capabilities on top
};

struct Manifest {
  std::filesystem::path file;  // where it was read from
  std::string id;
  std::string name;
  std::string vendor;
  std::string version;
  std::string abi_version;  // "MAJOR.MINOR"
  std::string library;      // bare file name inside the plugin directory
  std::string marketplace;
  std::string description;
  std::vector<std::string> regions;
  std::vector<std::string> core_capabilities;
  std::vector<ManifestFeature> features;
  std::vector<ManifestRole> roles;
  boost::json::value config_schema;

  const ManifestFeature* find_feature(const std::string& feature_id) const;
  const ManifestRole* find_role(const std::string& role_id) const;
  // The feature a capability belongs to ("core" for core_capabilities), or "" when unknown.
  std::string feature_of(const std::string& capability) const;
  // Whether `role` lets its holder invoke `capability`.
  bool role_allows(const ManifestRole& role, const std::string& capability) const;
};

// Outcome of reading one manifest file: either `manifest` or a list of problems, each already
// prefixed with the file name and JSON pointer ("bad.json: /features/0/default: must be ...").
struct ManifestRead {
  bool ok = false;
  Manifest manifest;
  std::vector<std::string> problems;
  // The "library" member when it is a string, even in a refused manifest, so its library is not
  // also reported as one that no manifest names.
  std::string library_named;
};

// A manifest larger than this is refused before it is parsed (the largest real one is ~9 KB).
inline constexpr std::size_t kMaxManifestBytes = 256 * 1024;

ManifestRead read_manifest(const std::filesystem::path& file);

// The same checks on an already-parsed document (the file is only used in messages).
ManifestRead check_manifest(const std::filesystem::path& file, const boost::json::value& document);

}  // namespace erp_host
