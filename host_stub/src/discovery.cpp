#include "discovery.hpp"

#include "manifest_check.hpp"

#include "ocean/host/library.hpp"

#include <algorithm>

namespace erp_host {
namespace fs = std::filesystem;
using ocean::host::LoadError;

namespace {
std::vector<fs::path> files_in(const fs::path& dir, bool (*wanted)(const fs::path&)) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && wanted(it->path())) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_manifest(const fs::path& p) { return p.extension() == ".json"; }
bool is_library(const fs::path& p) {
  const auto name = p.filename().string();
  return p.extension() == ".so" || name.find(".so.") != std::string::npos;
}

void refuse(PluginEntry& entry, const std::string& problem) {
  entry.stage = Stage::refused;
  entry.problems.push_back(problem);
}

// The plugin's module data dir under `root` (created owner-only), or "" when the host gives none.
std::string module_dir(const fs::path& root, const std::string& plugin_id) {
  if (root.empty()) return {};
  const fs::path dir = root / plugin_id;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  return dir.string();
}

// Everything from dlopen on. The manifest has passed, including its ABI major.
void load_library(PluginEntry& entry, HostRuntime& runtime, const fs::path& module_data_root) {
  const Manifest& m = *entry.manifest;
  const std::string where = m.file.filename().string() + ": ";
  try {
    auto library = ocean::host::Library::open(entry.library_file);
    const auto negotiated = ocean::host::negotiate(*library);
    const auto descriptor = ocean::host::read_descriptor(negotiated.table->descriptor);
    const auto differences = compare_descriptor(m, descriptor);
    if (!differences.empty()) {
      for (const auto& d : differences)
        refuse(entry, where + "plugin " + m.library + " does not match its manifest: " + d);
      return;  // `library` goes out of scope: unmapped without ever running init
    }
    entry.plugin =
        ocean::host::Plugin::init(std::move(library), negotiated, runtime.hooks(), module_dir(module_data_root, m.id));
    entry.stage = Stage::loaded;
  } catch (const LoadError& e) {
    refuse(entry, where + e.what());
  } catch (const std::exception& e) {
    refuse(entry, where + "cannot load " + m.library + ": " + e.what());
  }
}
}  // namespace

const PluginEntry* Registry::find(const std::string& id) const {
  for (const auto& e : entries)
    if (e.manifest && e.manifest->id == id) return &e;
  return nullptr;
}

std::size_t Registry::count(Stage stage) const {
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [&](const PluginEntry& e) { return e.stage == stage; }));
}

Registry discover(const DiscoveryOptions& options, HostRuntime& runtime) {
  Registry reg;
  reg.manifest_dir = options.manifest_dir;
  reg.plugin_dir = options.plugin_dir;
  std::error_code ec;
  if (!fs::is_directory(options.manifest_dir, ec))
    reg.notes.push_back("manifest directory " + options.manifest_dir.string() + " does not exist");
  if (options.load && !fs::is_directory(options.plugin_dir, ec))
    reg.notes.push_back("plugin directory " + options.plugin_dir.string() + " does not exist");

  std::set<std::string> claimed_libraries;
  for (const auto& file : files_in(options.manifest_dir, is_manifest)) {
    PluginEntry entry;
    entry.manifest_file = file;
    const std::string where = file.filename().string() + ": ";
    auto read = read_manifest(file);
    if (!read.library_named.empty()) claimed_libraries.insert(read.library_named);
    if (!read.ok) {
      entry.problems = std::move(read.problems);
      reg.entries.push_back(std::move(entry));
      continue;
    }
    Manifest& m = read.manifest;
    if (const auto* earlier = reg.find(m.id)) {
      refuse(entry, where + "/id: plugin id " + m.id + " is already provided by " +
                        earlier->manifest_file.filename().string());
      reg.entries.push_back(std::move(entry));
      continue;
    }
    entry.library_file = options.plugin_dir / m.library;
    const auto abi = ocean::host::parse_abi_version(m.abi_version);
    entry.manifest = std::move(m);
    // The ABI major is judged from the manifest alone: a library of another major is never mapped.
    if (!abi || !ocean::host::abi_major_supported(*abi)) {
      refuse(entry, where + "/abi_version: plugin ABI " + entry.manifest->abi_version +
                        " is not supported by this host (ABI " + std::to_string(OCEAN_ABI_MAJOR) + "." +
                        std::to_string(OCEAN_ABI_MINOR) + "); " + entry.manifest->library + " was not loaded");
    } else if (!options.load || (options.load_only && !options.load_only->count(entry.manifest->id))) {
      entry.stage = Stage::validated;
    } else if (!fs::is_regular_file(entry.library_file, ec)) {
      refuse(entry, where + "/library: " + entry.manifest->library + " not found in " + options.plugin_dir.string());
    } else {
      load_library(entry, runtime, options.module_data_root);
    }
    reg.entries.push_back(std::move(entry));
  }

  if (options.load) {
    for (const auto& lib : files_in(options.plugin_dir, is_library)) {
      if (claimed_libraries.count(lib.filename().string())) continue;
      PluginEntry orphan;
      orphan.library_file = lib;
      refuse(orphan, lib.filename().string() + ": no manifest in " + options.manifest_dir.string() +
                         " names this library; not loaded");
      reg.entries.push_back(std::move(orphan));
    }
  }
  return reg;
}

}  // namespace erp_host
