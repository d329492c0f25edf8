// The JSON Schemas from plugin_api/schemas/, compiled into erp-host.
#pragma once

#include <string_view>

namespace erp_host {

std::string_view manifest_schema_text();
std::string_view host_config_schema_text();

}  // namespace erp_host
