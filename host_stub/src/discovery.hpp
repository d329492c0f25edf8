// Plugin discovery: every *.json manifest in the manifest directory is read and validated, its
// ABI major checked, and only then is its library (in the plugin directory) loaded, negotiated,
// compared with the manifest and initialised. A refused plugin never stops the others.
#pragma once

#include "manifest.hpp"
#include "runtime.hpp"

#include "ocean/host/plugin.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace erp_host {

enum class Stage {
  refused,    // see problems
  validated,  // the manifest passed; the library was not loaded (validate-only or not needed)
  loaded      // negotiated, matches its manifest, module initialised
};

struct PluginEntry {
  std::filesystem::path manifest_file;          // empty for a library no manifest names
  std::filesystem::path library_file;           // empty when the manifest did not get that far
  std::optional<Manifest> manifest;             // set once the manifest passed its checks
  std::shared_ptr<ocean::host::Plugin> plugin;  // set when loaded
  Stage stage = Stage::refused;
  std::vector<std::string> problems;  // each names the file and the field
};

struct Registry {
  std::filesystem::path manifest_dir;
  std::filesystem::path plugin_dir;
  std::vector<PluginEntry> entries;
  std::vector<std::string> notes;  // directory-level problems (missing directory, ...)

  // The entry whose manifest id is `id` (refused entries with a readable id included).
  const PluginEntry* find(const std::string& id) const;
  std::size_t count(Stage stage) const;
};

struct DiscoveryOptions {
  std::filesystem::path manifest_dir;
  std::filesystem::path plugin_dir;
  bool load = true;                                // false: manifests only (erp-host validate)
  std::optional<std::set<std::string>> load_only;  // load just these plugin ids
  // When set, each loaded plugin gets <module_data_root>/<plugin id>/ (created, mode 0700) as its
  // module-level data dir (ocean_host_services_v1.data_dir given to init): files shared by all of
  // its accounts, such as the TikTok plugin's host-wide LIVE calendar.
  std::filesystem::path module_data_root{};
};

Registry discover(const DiscoveryOptions& options, HostRuntime& runtime);

}  // namespace erp_host
