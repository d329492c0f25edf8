// tiktok_publish_child <data_dir> <config_json> <store_key> <request_json>: opens the plugin (C ABI) on an
// account already connected in <data_dir> and invokes catalog.publish with <request_json>. The crash test
// SIGKILLs it mid-run. Exit 0 = the job finished, 4 = catalog.publish failed, 3 = could not start.
#include <cstdio>
#include <string>

#include "plugin_module.hpp"
#include "test_host.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: tiktok_publish_child <data_dir> <config_json> <store_key> <request_json>\n");
    return 2;
  }
  PluginModule module;
  TestHost host(argv[1]);
  host.set_secret("store_key", argv[3]);
  ocean_instance* inst = module.create("publish-crash", host.table());
  if (module.configure(inst, argv[2]) != OCEAN_OK || module.api().start(inst) != OCEAN_OK) {
    std::fprintf(stderr, "start failed: %s\n", module.last_message(inst).c_str());
    return 3;
  }
  auto [status, body] = module.invoke(inst, "catalog.publish", argv[4]);
  if (status != OCEAN_OK) std::fprintf(stderr, "catalog.publish: %s\n", module.last_message(inst).c_str());
  module.api().destroy(inst);
  return status == OCEAN_OK ? 0 : 4;
}
