// The data of `erp-host cluster` (JSON with --json, text otherwise): the nodes with their
// heartbeats and owned accounts, and every account's lease.
#pragma once

#include "host_config.hpp"

#include "ocean_common/pg.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <ostream>

namespace erp_host::cluster {

// Every account of the config as owned by nobody (before any node joined).
boost::json::array unowned_accounts(const HostConfig& config);

// Sets data["nodes"] and data["accounts"] from the ocean_cluster tables. A node is "alive" while
// its heartbeat is younger than the lease length; an account is "owned" (its lease runs),
// "expired" (its owner stopped renewing; another node takes it on its next round) or "free".
void fill_cluster_report(ocean::pg::Connection& conn, const HostConfig& config, boost::json::object& data);

// The text form.
void print_cluster(const boost::json::object& data, std::ostream& out);

}  // namespace erp_host::cluster
