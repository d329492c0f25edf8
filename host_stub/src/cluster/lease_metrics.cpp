#include "cluster/lease_metrics.hpp"

#include <boost/json.hpp>

namespace erp_host::cluster {
namespace json = boost::json;

namespace {
json::object family(const char* name, const char* type, const char* help, json::array samples) {
  return {{"name", name}, {"type", type}, {"help", help}, {"samples", std::move(samples)}};
}
json::object sample(json::object labels, std::uint64_t value) {
  return {{"labels", std::move(labels)}, {"value", static_cast<std::int64_t>(value)}};
}
}  // namespace

json::array lease_metrics(const LeaseManager& leases) {
  const LeaseCounts c = leases.counts();
  const std::string node = leases.node_id();
  json::array changes;
  for (const auto& [change, n] : {std::pair{"taken", c.taken}, {"lost", c.lost}, {"released", c.released}})
    changes.push_back(sample({{"node", node}, {"change", change}}, n));
  return {family("ocean_cluster_leases_held", "gauge", "accounts whose lease this node holds (it ticks them)",
                 json::array{sample({{"node", node}}, leases.owned().size())}),
          family("ocean_cluster_lease_changes_total", "counter",
                 "leases this node took, lost to another node (it was paused or cut off) or gave up to rebalance",
                 std::move(changes)),
          family("ocean_cluster_lease_round_failures_total", "counter",
                 "heartbeat/renew rounds that failed (the database unreachable); leases lapse after lease_seconds",
                 json::array{sample({{"node", node}}, c.failed_rounds)})};
}

}  // namespace erp_host::cluster
