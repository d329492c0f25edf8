// The SQL of the account leases, one statement per operation (each its own transaction), on a
// connection the caller owns. Every change of an account's owner increments its fence, so a
// write fenced with an older value can never commit (the plugin's commit guard checks it).
#pragma once

#include "ocean_common/pg.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace erp_host::cluster {

// account id -> fence this node holds it with.
using Leases = std::map<std::string, std::int64_t>;

class LeaseStore {
 public:
  LeaseStore(ocean::pg::Connection& conn, int lease_seconds) : conn_(conn), lease_seconds_(lease_seconds) {}

  // Registers (or re-registers) the node with a fresh heartbeat; `info` is a JSON object.
  void register_node(const std::string& node_id, const std::string& info);
  // The node's heartbeat now; re-registers a row someone deleted.
  void heartbeat(const std::string& node_id, const std::string& info);
  // True when another process registered `node_id` and beat within the lease length.
  bool node_alive(const std::string& node_id);
  // Ids of the nodes whose heartbeat is younger than the lease length.
  std::vector<std::string> live_nodes();
  // A lease row for each account that has none (free, fence 0).
  void ensure_rows(const std::vector<std::string>& accounts);
  // Extends the leases this node still holds with those fences; returns the ones it still holds.
  Leases renew(const std::string& node_id, const Leases& held);
  // Takes up to `limit` of `accounts` that are free or expired (fence + 1); returns them.
  Leases take(const std::string& node_id, const std::vector<std::string>& accounts, std::size_t limit);
  // Gives one lease up (owner cleared, fence + 1, expired) so another node takes it at once.
  bool release(const std::string& node_id, const std::string& account, std::int64_t fence);
  // Gives every lease of the node up and removes its row: a clean stop.
  void leave(const std::string& node_id);

 private:
  std::string lease_interval() const { return std::to_string(lease_seconds_) + " seconds"; }

  ocean::pg::Connection& conn_;
  int lease_seconds_;
};

}  // namespace erp_host::cluster
