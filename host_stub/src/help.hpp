// Help texts: `erp-host --help` (with the exit codes) and `erp-host <command> --help`.
#pragma once

#include <optional>
#include <string>

namespace erp_host {

std::string general_help();
std::optional<std::string> command_help(const std::string& command);
std::string version_text();

}  // namespace erp_host
