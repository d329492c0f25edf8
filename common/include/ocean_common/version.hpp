// The project's version and the plugin ABI version, for every program's --version.
#pragma once

#include <string>
#include <string_view>

namespace ocean {

// The project (package) version, e.g. "0.2.0": the one `find_package(Ocean 0.2)` and the .deb carry.
const char* project_version();

// "<program> 0.2.0 (plugin ABI 1.0)\n": what --version prints.
std::string version_line(std::string_view program);

}  // namespace ocean
