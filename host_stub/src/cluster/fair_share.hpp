// How many accounts one node should own: the accounts spread evenly over the live nodes. The
// remainder goes to the first nodes in node-id order, so every node computes the same split from
// the same view and the shares add up to the account count exactly.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace erp_host::cluster {

// `live`: the ids of the nodes whose heartbeat is fresh (any order; `self` counts as live even
// when its own heartbeat is not in the list yet).
std::size_t fair_share(std::size_t accounts, std::vector<std::string> live, const std::string& self);

}  // namespace erp_host::cluster
