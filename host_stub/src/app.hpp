// erp-host's main(), callable in-process by tests: parses argv, runs the command, prints, and
// returns the exit code.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace erp_host {

int run_app(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace erp_host
