// Host side, part 1: mapping a plugin library and negotiating its ABI.
//
// Library is always owned by a shared_ptr. Everything that came out of the library (the
// negotiated table, module state, instances, output buffers) holds that shared_ptr, directly or
// through Plugin, so the code and data those pointers refer to stay mapped while they live
// (Boost.DLL "missuses": an object created by a plugin does not pin the library by itself).
// Exceptions are host-side only: nothing here lets one reach the plugin.
#pragma once

#include "ocean/ocean_plugin.h"

#include <boost/dll/shared_library.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace ocean::host {

// Why a plugin could not be loaded. Carries a message fit for an operator.
class LoadError : public std::runtime_error {
 public:
  enum class Kind {
    not_found,           // the library file does not exist
    not_loadable,        // dlopen refused it (not an ELF, wrong arch, missing dependency)
    missing_entry,       // no ocean_plugin_entry symbol
    abi_mismatch,        // the manifest or the plugin speaks another ABI major
    negotiation_failed,  // the entry point refused or returned an unusable table
    init_failed          // the module's init returned an error
  };
  LoadError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// "MAJOR.MINOR" as written in a manifest's abi_version; nullopt when malformed.
struct AbiVersion {
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
};
inline std::optional<AbiVersion> parse_abi_version(std::string_view text) {
  AbiVersion v;
  const auto dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= text.size()) return std::nullopt;
  auto parse = [](std::string_view digits, std::uint32_t& out) {
    if (digits.empty() || digits.size() > 9) return false;
    std::uint32_t value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    out = value;
    return true;
  };
  if (!parse(text.substr(0, dot), v.major) || !parse(text.substr(dot + 1), v.minor)) return std::nullopt;
  return v;
}

// True when a plugin built for `manifest_abi` can be loaded by this host at all. Checked from
// the manifest BEFORE dlopen, so a library of another major is never mapped.
inline bool abi_major_supported(const AbiVersion& manifest_abi) { return manifest_abi.major == OCEAN_ABI_MAJOR; }

class Library {
 public:
  // Maps the library (RTLD_LOCAL | RTLD_NOW: symbols stay private to it and every undefined
  // symbol is resolved now rather than crashing later) and finds the entry symbol.
  static std::shared_ptr<Library> open(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      throw LoadError(LoadError::Kind::not_found, path.string() + ": no such library file");
    auto self = std::shared_ptr<Library>(new Library(path));
    try {
      self->lib_.load(path, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
      throw LoadError(LoadError::Kind::not_loadable, path.string() + ": cannot load: " + e.what());
    }
    if (!self->lib_.has(OCEAN_PLUGIN_ENTRY_SYMBOL))
      throw LoadError(LoadError::Kind::missing_entry,
                      path.string() + ": not an Ocean plugin (no " OCEAN_PLUGIN_ENTRY_SYMBOL " symbol)");
    self->entry_ = &self->lib_.get<std::remove_pointer_t<ocean_plugin_entry_fn>>(OCEAN_PLUGIN_ENTRY_SYMBOL);
    return self;
  }

  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  ocean_plugin_entry_fn entry() const noexcept { return entry_; }

 private:
  explicit Library(std::filesystem::path path) : path_(std::move(path)) {}

  std::filesystem::path path_;
  boost::dll::shared_library lib_;
  ocean_plugin_entry_fn entry_ = nullptr;
};

// The result of a successful negotiation: the plugin's static table and the versions.
struct Negotiated {
  const ocean_plugin_v1* table = nullptr;
  std::uint32_t plugin_abi_major = 0;
  std::uint32_t plugin_abi_minor = 0;
  std::uint32_t abi_minor = 0;  // the minor both sides run at
};

// Calls the entry point and checks the table is complete for ABI 1.0. Does not init the module.
inline Negotiated negotiate(const Library& library) {
  ocean_negotiation_v1 n{};
  n.struct_size = sizeof(n);
  n.host_abi_major = OCEAN_ABI_MAJOR;
  n.host_abi_minor = OCEAN_ABI_MINOR;
  const ocean_plugin_v1* table = nullptr;
  const ocean_status_t status = library.entry()(&n, &table);
  const std::string where = library.path().filename().string() + ": ";
  if (n.plugin_abi_major != OCEAN_ABI_MAJOR)
    throw LoadError(LoadError::Kind::abi_mismatch, where + "plugin speaks ABI " + std::to_string(n.plugin_abi_major) +
                                                       "." + std::to_string(n.plugin_abi_minor) +
                                                       ", this host speaks " + std::to_string(OCEAN_ABI_MAJOR) + "." +
                                                       std::to_string(OCEAN_ABI_MINOR));
  if (status != OCEAN_OK || table == nullptr)
    throw LoadError(LoadError::Kind::negotiation_failed, where + "negotiation failed: " + ocean_status_name(status));
  if (table->struct_size < offsetof(ocean_plugin_v1, last_error) + sizeof(table->last_error))
    throw LoadError(LoadError::Kind::negotiation_failed, where + "function table is smaller than ABI 1.0 requires");
  const void* required[] = {
      reinterpret_cast<const void*>(table->descriptor),  reinterpret_cast<const void*>(table->init),
      reinterpret_cast<const void*>(table->deinit),      reinterpret_cast<const void*>(table->create),
      reinterpret_cast<const void*>(table->destroy),     reinterpret_cast<const void*>(table->configure),
      reinterpret_cast<const void*>(table->start),       reinterpret_cast<const void*>(table->stop),
      reinterpret_cast<const void*>(table->set_feature), reinterpret_cast<const void*>(table->invoke),
      reinterpret_cast<const void*>(table->tick),        reinterpret_cast<const void*>(table->handle_webhook),
      reinterpret_cast<const void*>(table->free_buffer), reinterpret_cast<const void*>(table->last_error)};
  for (const void* p : required)
    if (p == nullptr) throw LoadError(LoadError::Kind::negotiation_failed, where + "function table has a NULL entry");
  return Negotiated{table, n.plugin_abi_major, n.plugin_abi_minor, n.abi_minor};
}

}  // namespace ocean::host
