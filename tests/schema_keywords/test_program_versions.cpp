// Every installed program answers --version with the project version and the plugin ABI version,
// and exits 0 without doing anything else.
#include <stdio.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <string>

#include "ocean/ocean_plugin.h"
#include "ocean_common/version.hpp"

namespace {
std::string run(const std::string& command, int& exit_code) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char chunk[256];
  while (fgets(chunk, sizeof chunk, pipe) != nullptr) output += chunk;
  const int status = pclose(pipe);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

std::string expected(const std::string& program) {
  return program + " " + ocean::project_version() + " (plugin ABI " + std::to_string(OCEAN_ABI_MAJOR) + "." +
         std::to_string(OCEAN_ABI_MINOR) + ")\n";
}

void check_version(const std::string& program) {
  int exit_code = -1;
  const std::string out = run(std::string("'") + OCEAN_BIN_DIR + "/" + program + "' --version 2>&1", exit_code);
  CHECK(exit_code == 0);
  CHECK(out == expected(program));
}
}  // namespace

TEST_CASE("project version is the CMake project version - major.minor.patch") {
  const std::string v = ocean::project_version();
  CHECK(std::count(v.begin(), v.end(), '.') == 2);
  CHECK(ocean::version_line("x") == expected("x"));
}

TEST_CASE("erp-host --version prints the project and ABI version") { check_version("erp-host"); }

TEST_CASE("tts-sandbox --version prints the project and ABI version and starts no server") {
  check_version("tts-sandbox");
}

TEST_CASE("tts-sign --version prints the project and ABI version") { check_version("tts-sign"); }
