// Team roles: who may invoke what on an account. The plugin manifest declares the roles and the
// capabilities each allows; the host config maps operator names to roles per account; a caller that
// names itself (erp-host --operator NAME) is held to its role. Without --operator the host acts as
// itself (an admin at the console) and nothing is checked.
#pragma once

#include "host_config.hpp"

#include <string>

namespace erp_host {

// Throws HostError(denied) naming the operator, the account and, when the role does not allow it,
// the role and the capability.
void authorize_invoke(const BoundAccount& bound, const std::string& operator_name, const std::string& capability);
// Switching features is an administrator's job: only a role with all_capabilities may.
void authorize_features(const BoundAccount& bound, const std::string& operator_name);

}  // namespace erp_host
