// Each plugin library exports exactly one dynamic symbol, the entry point (a CI check against
// symbol interposition between plugins; see plugin_abi_anchors.md A.3 pitfall 4).
#include <stdio.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "abi_harness.hpp"

using namespace abi_test;

namespace {
std::vector<std::string> defined_dynamic_symbols(const std::string& path) {
  const std::string command = "nm -D --defined-only '" + path + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char chunk[512];
  while (fgets(chunk, sizeof chunk, pipe) != nullptr) output += chunk;
  REQUIRE(pclose(pipe) == 0);
  std::vector<std::string> names;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    names.push_back(line.substr(line.find_last_of(' ') + 1));  // "<address> <type> <name>"
  }
  return names;
}
}  // namespace

TEST_CASE("the plugin directory holds the stub plugins", "[abi][exports]") {
  std::vector<std::string> names;
  for (const auto& path : plugin_paths()) names.push_back(file_name_of(path));
  INFO("plugin dir: " << OCEAN_PLUGIN_DIR);
  CHECK(std::find(names.begin(), names.end(), "libocean_shopee.so") != names.end());
  CHECK(std::find(names.begin(), names.end(), "libocean_tokopedia.so") != names.end());
}

TEST_CASE("every plugin exports exactly one dynamic symbol: ocean_plugin_entry", "[abi][exports]") {
  const auto paths = plugin_paths();
  REQUIRE_FALSE(paths.empty());
  for (const auto& path : paths) {
    INFO("plugin: " << path);
    const auto symbols = defined_dynamic_symbols(path);
    REQUIRE(symbols.size() == 1);
    CHECK(symbols.front() == OCEAN_PLUGIN_ENTRY_SYMBOL);
  }
}

TEST_CASE("the test-only plugins follow the same export rule", "[abi][exports]") {
  for (const char* file : {"libocean_abi_throwing_plugin.so", "libocean_example_minimal_plugin.so"}) {
    const auto symbols = defined_dynamic_symbols(test_plugin_path(file));
    INFO(file);
    REQUIRE(symbols.size() == 1);
    CHECK(symbols.front() == OCEAN_PLUGIN_ENTRY_SYMBOL);
  }
}
