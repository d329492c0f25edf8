// Loads libocean_tiktok_shop.so through the C ABI only (dlopen + the one entry symbol), as any
// host would, and gives tests small helpers over its function table.
#pragma once
#include <dlfcn.h>

#include <stdexcept>
#include <string>

#include "ocean/ocean_plugin.h"

class PluginModule {
 public:
  // `module_services` is what init gets (its data_dir is the module data dir); NULL gives none.
  explicit PluginModule(const ocean_host_services_v1* module_services = nullptr) {
    const std::string path = std::string(OCEAN_PLUGIN_DIR) + "/libocean_tiktok_shop.so";
    handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen failed: ") + ::dlerror());
    auto entry = reinterpret_cast<ocean_plugin_entry_fn>(::dlsym(handle_, OCEAN_PLUGIN_ENTRY_SYMBOL));
    if (entry == nullptr) throw std::runtime_error("no ocean_plugin_entry");
    ocean_negotiation_v1 n{};
    n.struct_size = sizeof(n);
    n.host_abi_major = OCEAN_ABI_MAJOR;
    n.host_abi_minor = OCEAN_ABI_MINOR;
    if (entry(&n, &api_) != OCEAN_OK || api_ == nullptr) throw std::runtime_error("negotiation failed");
    if (api_->init(module_services) != OCEAN_OK) throw std::runtime_error("init failed");
  }
  ~PluginModule() {
    api_->deinit();
    ::dlclose(handle_);
  }
  PluginModule(const PluginModule&) = delete;
  PluginModule& operator=(const PluginModule&) = delete;

  const ocean_plugin_v1& api() const { return *api_; }

  ocean_instance* create(const char* account_id, const ocean_host_services_v1* services) const {
    ocean_instance_params_v1 p{sizeof(p), account_id, services};
    ocean_instance* inst = nullptr;
    if (api_->create(&p, &inst) != OCEAN_OK) throw std::runtime_error("create failed");
    return inst;
  }

  ocean_status_t configure(ocean_instance* i, const std::string& json) const {
    return api_->configure(i, json.data(), json.size());
  }

  // Invokes and returns {status, response text}.
  std::pair<ocean_status_t, std::string> invoke(ocean_instance* i, const std::string& cap,
                                                const std::string& req) const {
    ocean_buffer out{nullptr, 0};
    const ocean_status_t s = api_->invoke(i, cap.data(), cap.size(), req.data(), req.size(), &out);
    std::string text = out.data != nullptr ? std::string(out.data, out.size) : std::string();
    api_->free_buffer(&out);
    return {s, text};
  }

  std::string last_message(ocean_instance* i) const {
    ocean_error_info_v1 e{};
    e.struct_size = sizeof(e);
    api_->last_error(i, &e);
    return e.message != nullptr ? e.message : "";
  }
  std::int64_t last_retry_after(ocean_instance* i) const {
    ocean_error_info_v1 e{};
    e.struct_size = sizeof(e);
    api_->last_error(i, &e);
    return e.retry_after_ms;
  }

 private:
  void* handle_ = nullptr;
  const ocean_plugin_v1* api_ = nullptr;
};
