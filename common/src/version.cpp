#include "ocean_common/version.hpp"

#include "ocean/ocean_plugin.h"

namespace ocean {

// OCEAN_PROJECT_VERSION is set on this file only (common/CMakeLists.txt), so a version bump
// recompiles one file instead of everything that links ocean_common.
const char* project_version() { return OCEAN_PROJECT_VERSION; }

std::string version_line(std::string_view program) {
  return std::string(program) + " " + project_version() + " (plugin ABI " + std::to_string(OCEAN_ABI_MAJOR) + "." +
         std::to_string(OCEAN_ABI_MINOR) + ")\n";
}

}  // namespace ocean
