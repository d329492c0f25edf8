// Who may run a sync of one account: one call at a time in this process (a flag), and one process
// at a time per store (a lease row whose owner is "<host>:<pid>:<random>", renewed while a sync
// runs and expiring after lease_ms, so a crashed owner cannot block the account for good). A lease
// left by a process of this machine that no longer exists is taken over at once. On a cluster a
// background sync runs under the account's fence (store/fence.hpp) and the owner id records it
// ("<host>:<pid>:<random>/fence=<F>"), so the node that took the account over (a higher fence)
// takes the sync lease at once from a holder on any machine: that holder lost the account, and its
// commits are refused by the fence anyway.
// Thread-safety: acquire() may be called from any thread; the flag is atomic and the store is
// the caller's (the mirror serialises its use).
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "store/commerce_store.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::mirror {

// A lease owner id for this process: "<host>:<pid>:<random>".
std::string new_lease_owner();
// The fence recorded in an owner id ("/fence=<F>"), if any.
std::optional<std::int64_t> lease_owner_fence(const std::string& holder);
// True when `holder` (an owner id) names a process of this machine, other than this one, that no
// longer exists: its lease may be taken over at once (also used by catalog.publish's job lease).
bool lease_owner_gone(const std::string& holder);

class SyncLease {
 public:
  SyncLease(store::CommerceStore& store, Host& host, std::int64_t lease_ms);

  // Held while a sync runs; releases the lease (best effort: expiry is the fallback) and the flag.
  class Held {
   public:
    Held(SyncLease& lease, std::string owner, std::int64_t now_ms)
        : lease_(lease), owner_(std::move(owner)), renewed_ms_(now_ms) {}
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    ~Held();
    // Renews the lease when a quarter of it has gone by (called between pages).
    void renew_if_due();

   private:
    SyncLease& lease_;
    std::string owner_;  // the owner id written for this hold (with the fence on a cluster)
    std::int64_t renewed_ms_;
  };

  // Throws Failure(invalid_state) when this process is already syncing the account, and
  // Failure(retry, 60 s) when another live process holds the lease.
  [[nodiscard]] Held acquire();
  bool syncing() const { return syncing_.load(); }

 private:
  bool take_over_dead_lease(const std::string& owner);

  store::CommerceStore& store_;
  Host& host_;
  std::int64_t lease_ms_;
  std::string owner_;
  std::atomic<bool> syncing_{false};
};

}  // namespace ocean::tiktok::mirror
