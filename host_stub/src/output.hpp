// Renders a command's Report: one JSON object on stdout with --json, readable text otherwise.
// Errors always go to stderr as "erp-host: error: ...".
#pragma once

#include "commands.hpp"

#include <ostream>

namespace erp_host {

void print_report(const Report& report, bool json_mode, std::ostream& out, std::ostream& err);

}  // namespace erp_host
