#include "cluster/lease_manager.hpp"

#include "cluster/cluster_schema.hpp"
#include "cluster/fair_share.hpp"
#include "exit_codes.hpp"

#include "ocean/ocean_plugin.h"

#include <algorithm>

namespace erp_host::cluster {

namespace {
std::string ids(const Leases& leases) {
  std::string out;
  for (const auto& [id, fence] : leases)
    out += (out.empty() ? "" : ", ") + id + " (fence " + std::to_string(fence) + ")";
  return out;
}
}  // namespace

LeaseManager::Hold::~Hold() {
  if (owner_) owner_->unhold(account_);
}

LeaseManager::LeaseManager(NodeOptions options, ClusterLog log) : options_(std::move(options)), log_(std::move(log)) {}

LeaseManager::~LeaseManager() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LeaseManager::connect() {
  conn_ = std::make_unique<ocean::pg::Connection>(options_.conninfo);
  conn_->exec("SET application_name = 'erp-host cluster'");
}

void LeaseManager::join() {
  connect();
  if (ensure_cluster_schema(*conn_, options_.node_id))
    log_(OCEAN_LOG_INFO,
         "created the cluster schema ocean_cluster (version " + std::to_string(kClusterSchemaVersion) + ")");
  LeaseStore store(*conn_, options_.timing.lease_seconds);
  if (store.node_alive(options_.node_id))
    throw HostError(ExitCode::config, "node id " + options_.node_id +
                                          " is in use by a live node (its heartbeat is fresh); give this node " +
                                          "another --node-id, or wait " +
                                          std::to_string(options_.timing.lease_seconds) + " s after that node stopped");
  store.register_node(options_.node_id, options_.info);
  store.ensure_rows(options_.accounts);
  log_(OCEAN_LOG_INFO, "node " + options_.node_id + " joined: " + std::to_string(options_.accounts.size()) +
                           " accounts, lease " + std::to_string(options_.timing.lease_seconds) + " s, renewed every " +
                           std::to_string(options_.timing.renew_seconds) + " s");
  if (options_.take_at_join) round();
  if (options_.renew_thread) thread_ = std::thread([this] { run(); });
}

void LeaseManager::run() {
  const auto period = std::chrono::seconds(options_.timing.renew_seconds);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
    lock.unlock();
    std::string error;
    try {
      if (!conn_) connect();
      round();
    } catch (const std::exception& e) {
      error = e.what();
      conn_.reset();  // reconnect next round
    }
    lock.lock();
    if (!error.empty()) ++counts_.failed_rounds;
    if (error != last_error_ && !error.empty())
      log_(OCEAN_LOG_WARN, "lease round failed (leases lapse unless the next one succeeds): " + error);
    else if (error.empty() && !last_error_.empty())
      log_(OCEAN_LOG_INFO, "lease rounds succeed again");
    last_error_ = error;
  }
}

void LeaseManager::round() {
  LeaseStore store(*conn_, options_.timing.lease_seconds);
  const auto started = Clock::now();
  store.heartbeat(options_.node_id, options_.info);
  Leases held = owned();
  Leases kept = store.renew(options_.node_id, held);
  note_lost(held, kept);
  const std::size_t share = fair_share(options_.accounts.size(), store.live_nodes(), options_.node_id);
  if (kept.size() > share) {
    give_up(store, kept, kept.size() - share);
  } else if (kept.size() < share) {
    std::vector<std::string> candidates;
    for (const auto& a : options_.accounts)
      if (!kept.count(a)) candidates.push_back(a);
    const Leases got = store.take(options_.node_id, candidates, share - kept.size());
    if (!got.empty()) log_(OCEAN_LOG_INFO, "took " + ids(got));
    kept.insert(got.begin(), got.end());
    std::lock_guard lock(mutex_);
    counts_.taken += got.size();
  }
  std::lock_guard lock(mutex_);
  owned_ = kept;
  valid_until_ = started + std::chrono::seconds(options_.timing.lease_seconds - options_.timing.renew_seconds);
}

// Above the fair share (a node joined): gives up accounts no tick is running on, so the new node
// takes them on its next round; a busy one waits for a later round.
void LeaseManager::give_up(LeaseStore& store, Leases& kept, std::size_t extra) {
  Leases chosen;
  {
    std::lock_guard lock(mutex_);
    for (auto it = kept.rbegin(); it != kept.rend() && chosen.size() < extra; ++it)
      if (!busy_.count(it->first)) chosen.insert(*it);
    for (const auto& [id, fence] : chosen) {
      owned_.erase(id);  // no new hold from here on
      kept.erase(id);
    }
  }
  Leases released;
  for (const auto& [id, fence] : chosen)
    if (store.release(options_.node_id, id, fence)) released.emplace(id, fence);
  if (!released.empty()) log_(OCEAN_LOG_INFO, "gave up " + ids(released) + " to rebalance");
  std::lock_guard lock(mutex_);
  counts_.released += released.size();
}

void LeaseManager::note_lost(const Leases& before, const Leases& kept) {
  Leases lost;
  for (const auto& l : before)
    if (!kept.count(l.first)) lost.insert(l);
  if (lost.empty()) return;
  log_(OCEAN_LOG_WARN, "lost " + ids(lost) + ": another node took over (this node was paused or cut off)");
  std::lock_guard lock(mutex_);
  counts_.lost += lost.size();
}

void LeaseManager::leave() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  try {
    if (!conn_) connect();
    LeaseStore(*conn_, options_.timing.lease_seconds).leave(options_.node_id);
    log_(OCEAN_LOG_INFO, "node " + options_.node_id + " left: its accounts go to the other nodes");
  } catch (const std::exception& e) {
    log_(OCEAN_LOG_WARN, std::string("could not give the leases up (they expire on their own): ") + e.what());
  }
  std::lock_guard lock(mutex_);
  owned_.clear();
}

LeaseManager::Hold LeaseManager::hold(const std::string& account) {
  std::lock_guard lock(mutex_);
  if (stopping_ || !owned_.count(account) || Clock::now() >= valid_until_) return {};
  busy_.insert(account);
  return Hold(this, account);
}

void LeaseManager::unhold(const std::string& account) {
  std::lock_guard lock(mutex_);
  busy_.erase(account);
}

Leases LeaseManager::owned() const {
  std::lock_guard lock(mutex_);
  return owned_;
}

LeaseCounts LeaseManager::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace erp_host::cluster
