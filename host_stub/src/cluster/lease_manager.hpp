// One erp-host serve node's share of the accounts: a thread that, every renew_seconds, beats the
// node's heartbeat, renews the leases it holds, and then gives leases up above its fair share
// (a node joined) or takes free and expired ones up to it (a node left or died). The tick loop
// asks hold() before an account's tick: only a node holding a valid lease runs its background
// work, and a held account is never given up in the middle of a tick.
//
// Timing (defaults, host config "cluster"): leases last 15 s and are renewed every 3 s, so two
// renewals can fail (a slow database, a long pause) before a live node loses anything, and a dead
// node's accounts are taken within 15 s + 3 s, well inside the 30 s the cluster promises.
// Locally a lease counts as valid until renew time + lease - renew interval: a node cut off from
// the database stops ticking before anyone else may take over. The plugin's fence guard is the
// real protection (a paused node's commits are refused); this only saves it the wasted work.
#pragma once

#include "cluster/lease_store.hpp"
#include "host_config.hpp"

#include "ocean_common/pg.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace erp_host::cluster {

struct NodeOptions {
  std::string conninfo;
  std::string node_id;
  std::vector<std::string> accounts;  // the config's accounts, shared out among the nodes
  ClusterTiming timing;
  std::string info = "{}";   // JSON object stored with the node (host name, pid, version)
  bool renew_thread = true;  // false: the caller runs round() itself (tests)
  // false: the first take waits one renew period after joining, so nodes started together see
  // each other's heartbeats and split the accounts evenly from the start instead of the first
  // one taking everything and giving most of it back.
  bool take_at_join = false;
};

// Lease changes and database trouble, for the host's log. level is an ocean_log_level.
using ClusterLog = std::function<void(std::int32_t level, const std::string& message)>;

struct LeaseCounts {
  std::uint64_t taken = 0, lost = 0, released = 0, failed_rounds = 0;
};

class LeaseManager {
 public:
  // The account stays held (not given up) while this lives; false when no valid lease.
  class Hold {
   public:
    Hold() = default;
    Hold(LeaseManager* owner, std::string account) : owner_(owner), account_(std::move(account)) {}
    Hold(Hold&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), account_(std::move(other.account_)) {}
    Hold& operator=(Hold&& other) noexcept {
      std::swap(owner_, other.owner_);
      std::swap(account_, other.account_);
      return *this;
    }
    ~Hold();
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    LeaseManager* owner_ = nullptr;
    std::string account_;
  };

  LeaseManager(NodeOptions options, ClusterLog log);
  ~LeaseManager();
  LeaseManager(const LeaseManager&) = delete;
  LeaseManager& operator=(const LeaseManager&) = delete;

  // Connects, creates the cluster schema (once across nodes), refuses a node id a live process
  // already uses, registers the node and starts renewing (taking a first share at once with
  // take_at_join). Throws
  // ocean::pg::Error or HostError(config).
  void join();
  // Stops renewing, gives every lease up and removes the node, so others take over at once.
  void leave();

  Hold hold(const std::string& account);
  Leases owned() const;
  LeaseCounts counts() const;
  const std::string& node_id() const { return options_.node_id; }

  // One round now (tests drive rounds by hand instead of the thread).
  void round();

 private:
  using Clock = std::chrono::steady_clock;
  void run();
  void connect();
  void give_up(LeaseStore& store, Leases& kept, std::size_t extra);
  void note_lost(const Leases& before, const Leases& kept);
  void unhold(const std::string& account);

  NodeOptions options_;
  ClusterLog log_;
  std::unique_ptr<ocean::pg::Connection> conn_;  // the renew thread's (or round()'s caller's) own
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Leases owned_;
  Clock::time_point valid_until_{};
  std::set<std::string> busy_;
  LeaseCounts counts_;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace erp_host::cluster
