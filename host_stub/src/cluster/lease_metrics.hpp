// The cluster's families for serve's /metrics: how many accounts this node holds, the lease
// changes it saw (taken, lost, given up to rebalance) and the lease rounds that failed.
#pragma once

#include "cluster/lease_manager.hpp"

#include <boost/json/array.hpp>

namespace erp_host::cluster {

boost::json::array lease_metrics(const LeaseManager& leases);

}  // namespace erp_host::cluster
