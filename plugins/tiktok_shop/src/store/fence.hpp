// Lease fencing for background work on a cluster (issue 16; the lease table is erp-host's,
// ocean_cluster.account_leases). When the config names a lease (store.lease), tick reads the
// account's fence first (read_fence: no row = this node does not own the account = no background
// work) and installs a FenceScope for the rest of the tick. Every PostgreSQL write transaction
// committed on that thread while the scope lives first runs
//   SELECT fence, owner_node FROM ocean_cluster.account_leases WHERE account_id = $1 FOR SHARE
// and rolls back with db::Fenced unless the fence is the one read at the start and the owner is still
// this node. FOR SHARE makes a concurrent takeover (an UPDATE of that row) wait for our commit, so a
// node paused past its lease can never commit once another node has taken the account.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace ocean::tiktok::db {

struct FenceToken {
  std::string account;
  std::string node;
  std::int64_t fence = 0;
};

// The fence this node holds for `account`, or nullopt when it is not the lease's live owner.
std::optional<std::int64_t> read_fence(Database& db, const std::string& account, const std::string& node);

class FenceScope {
 public:
  explicit FenceScope(FenceToken token);
  ~FenceScope();
  FenceScope(const FenceScope&) = delete;
  FenceScope& operator=(const FenceScope&) = delete;

  // The token of the innermost scope on this thread, or null.
  static const FenceToken* current();
  // Commits this scope refused (counted by the commit guard).
  int refused() const { return refused_; }
  static void count_refusal();

 private:
  FenceToken token_;
  FenceScope* previous_;
  int refused_ = 0;
};

}  // namespace ocean::tiktok::db
