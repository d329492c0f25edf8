// Compares what a loaded plugin says about itself (its descriptor) with its manifest. The host
// refuses the plugin on any difference: the manifest is what operators and the ERP rely on.
#pragma once

#include "manifest.hpp"

#include "ocean/host/descriptor.hpp"

#include <string>
#include <vector>

namespace erp_host {

// One line per difference, e.g. "/version: manifest says 1.2.3, plugin says 1.2.4" or
// "/features/reports/default: manifest says off, plugin says on". Empty when they agree.
std::vector<std::string> compare_descriptor(const Manifest& manifest, const ocean::host::DescriptorInfo& plugin);

}  // namespace erp_host
