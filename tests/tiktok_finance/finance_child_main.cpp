// tiktok_finance_child <data_dir> <config_json> <store_key>: opens the plugin (C ABI) on an account
// already connected in <data_dir> and runs sync.run {"kinds": ["finance"], "full": true}. The crash
// test SIGKILLs it at random moments; it is a separate executable because SQLite connections must not
// cross a fork.
#include <cstdio>
#include <string>

#include "plugin_module.hpp"
#include "test_host.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: tiktok_finance_child <data_dir> <config_json> <store_key>\n");
    return 2;
  }
  PluginModule module;
  TestHost host(argv[1]);
  host.set_secret("store_key", argv[3]);
  ocean_instance* inst = module.create("fin-crash", host.table());
  const std::string config = argv[2];
  if (module.configure(inst, config) != OCEAN_OK || module.api().start(inst) != OCEAN_OK) {
    std::fprintf(stderr, "start failed: %s\n", module.last_message(inst).c_str());
    return 3;
  }
  auto [status, body] = module.invoke(inst, "sync.run", R"({"kinds":["finance"],"full":true})");
  if (status != OCEAN_OK) std::fprintf(stderr, "sync.run: %s\n", module.last_message(inst).c_str());
  module.api().destroy(inst);
  return status == OCEAN_OK ? 0 : 4;
}
