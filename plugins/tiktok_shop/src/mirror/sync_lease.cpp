#include "mirror/sync_lease.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "ocean_common/crypto.hpp"
#include "store/fence.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace {

std::string local_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  std::string s(name);
  for (auto& ch : s)
    if (ch == ':') ch = '_';
  return s;
}

constexpr std::string_view kFenceMark = "/fence=";

// The owner id for one hold: the process's id, plus the fence when a background sync runs under one.
std::string owner_for_this_hold(const std::string& base) {
  const auto* token = db::FenceScope::current();
  return token ? base + std::string(kFenceMark) + std::to_string(token->fence) : base;
}

}  // namespace

std::optional<std::int64_t> lease_owner_fence(const std::string& holder) {
  const auto at = holder.rfind(kFenceMark);
  if (at == std::string::npos) return std::nullopt;
  const std::string digits = holder.substr(at + kFenceMark.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::strtoll(digits.c_str(), nullptr, 10);
}

std::string new_lease_owner() {
  return local_host_name() + ":" + std::to_string(::getpid()) + ":" + crypto::to_hex(crypto::random_bytes(6));
}

bool lease_owner_gone(const std::string& holder) {
  const auto first = holder.find(':');
  const auto second = first == std::string::npos ? std::string::npos : holder.find(':', first + 1);
  if (second == std::string::npos || holder.substr(0, first) != local_host_name()) return false;
  const long pid = std::strtol(holder.substr(first + 1, second - first - 1).c_str(), nullptr, 10);
  if (pid <= 0 || pid == static_cast<long>(::getpid())) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;  // alive (or not ours to judge) otherwise
}

SyncLease::SyncLease(store::CommerceStore& store, Host& host, std::int64_t lease_ms)
    : store_(store), host_(host), lease_ms_(lease_ms), owner_(new_lease_owner()) {}

SyncLease::Held SyncLease::acquire() {
  if (syncing_.exchange(true)) throw Failure(Status::invalid_state, "a sync of this account is already running");
  const std::string owner = owner_for_this_hold(owner_);
  bool taken = false;
  try {
    taken = store_.acquire_sync_lease(owner, host_.wall_ms(), lease_ms_) || take_over_dead_lease(owner);
  } catch (...) {  // a store error (or a fenced commit) must not leave the account marked as syncing
    syncing_ = false;
    throw;
  }
  if (!taken) {
    syncing_ = false;
    throw Failure(Status::retry, "another process is syncing this account; try again later", 60'000);
  }
  return Held(*this, owner, host_.wall_ms());
}

SyncLease::Held::~Held() {
  try {
    lease_.store_.release_sync_lease(owner_);
  } catch (...) {  // an expiring lease is the fallback
  }
  lease_.syncing_ = false;
}

// Not on every page: a quarter of the lease is plenty of margin and keeps an extra write
// transaction off each page.
void SyncLease::Held::renew_if_due() {
  const std::int64_t now = lease_.host_.wall_ms();
  if (now - renewed_ms_ < lease_.lease_ms_ / 4) return;
  lease_.store_.acquire_sync_lease(owner_, now, lease_.lease_ms_);
  renewed_ms_ = now;
}

// Owner ids are "<host>:<pid>:<random>[/fence=<F>]". A lease left by a process of this machine that
// no longer exists (killed mid-sync), or by a node whose fence is older than the one this background
// sync runs under (it lost the account), is taken over at once instead of blocking until it expires.
bool SyncLease::take_over_dead_lease(const std::string& owner) {
  const auto [holder, expires] = store_.sync_lease_holder();
  (void)expires;
  const auto* token = db::FenceScope::current();
  const auto held_fence = lease_owner_fence(holder);
  if (token && held_fence && *held_fence < token->fence) {
    host_.log(LogLevel::warn, "[sync] taking over the sync lease of a node that lost this account (fence " +
                                  std::to_string(*held_fence) + " < " + std::to_string(token->fence) + ")");
    return store_.take_over_sync_lease(holder, owner, host_.wall_ms(), lease_ms_);
  }
  if (!lease_owner_gone(holder)) return false;
  const auto first = holder.find(':');
  host_.log(LogLevel::warn, "[sync] taking over the sync lease of a process that ended mid-sync (pid " +
                                holder.substr(first + 1, holder.find(':', first + 1) - first - 1) + ")");
  return store_.take_over_sync_lease(holder, owner, host_.wall_ms(), lease_ms_);
}

}  // namespace ocean::tiktok::mirror
