// erp-host serve on a PostgreSQL store is one node of a cluster: it picks its node id, joins, and
// from then on every account's plugin gets store.lease {account, node}.
#pragma once

#include "cluster/lease_manager.hpp"
#include "commands.hpp"
#include "host_config.hpp"

#include <memory>
#include <optional>
#include <string>

namespace erp_host::cluster {

// `--node-id NAME` when given (1-64 letters, digits, '_', '.', '@' or '-', starting with a letter
// or digit), else "<host name>-<pid>": unique on a machine and readable in `erp-host cluster`.
// Throws HostError(usage) for a bad name.
std::string node_id_from(const std::optional<std::string>& flag);

// On a PostgreSQL store: sets config.lease_node to this node's id (before the accounts are
// bound, so each plugin is handed store.lease). Throws HostError(usage) for --node-id without one.
void name_node(HostConfig& config, const std::optional<std::string>& node_flag);

// Null without a PostgreSQL store. Otherwise joins the cluster (schema, node row; its first share
// of the leases one renew period later) for every account of the config: the nodes share one
// config, so they agree on the accounts and on each one's fair share. Throws HostError(config)
// naming store.postgresql (password redacted) when the database cannot be used.
std::unique_ptr<LeaseManager> join_as_node(const CommandContext& ctx, const HostConfig& config);

// What serve's tick loop asks before each account's tick: a hold, or always yes without a cluster.
inline bool may_tick(LeaseManager* leases, const std::string& account, LeaseManager::Hold& hold) {
  if (!leases) return true;
  hold = leases->hold(account);
  return static_cast<bool>(hold);
}

}  // namespace erp_host::cluster
