// Header-only C++ helpers for hosts of Ocean marketplace plugins (needs Boost.DLL with
// BOOST_DLL_USE_STD_FS; link the `ocean_boost` target).
//
//   auto lib = ocean::host::Library::open(dir / manifest.library);     // after the ABI check
//   auto negotiated = ocean::host::negotiate(*lib);                      // table + versions
//   auto plugin = ocean::host::Plugin::init(lib, negotiated, hooks);     // module init
//   auto inst = ocean::host::Instance::create(plugin, "shop-us", data_dir, hooks);
//   inst->configure(R"({...})"); inst->start();
//   ocean::host::Buffer out;
//   auto status = inst->invoke("orders.search", "{}", out);  // status.describe(), out.view()
//
// Loading problems throw LoadError; calls return Status (throw_if_failed turns one into a
// PluginError). Everything pins the library, so destruction order never matters.
#pragma once

#include "ocean/host/descriptor.hpp"
#include "ocean/host/library.hpp"
#include "ocean/host/plugin.hpp"
#include "ocean/host/services.hpp"
