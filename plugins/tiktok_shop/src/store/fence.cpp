#include "store/fence.hpp"

namespace ocean::tiktok::db {
namespace {
// initial-exec: read at a fixed offset from the thread pointer, never through __tls_get_addr.
// GCC 12's LeakSanitizer crashes ("Tracer caught signal 11") scanning the dynamic TLS blocks it
// records from __tls_get_addr in a dlopen'ed plugin under glibc 2.36; two pointers fit easily in
// the static TLS glibc keeps for dlopen'ed libraries.
[[gnu::tls_model("initial-exec")]] thread_local FenceScope* t_current = nullptr;
[[gnu::tls_model("initial-exec")]] thread_local const FenceToken* t_token = nullptr;
}  // namespace

std::optional<std::int64_t> read_fence(Database& db, const std::string& account, const std::string& node) {
  auto q = db.prepare(
      "SELECT fence FROM ocean_cluster.account_leases WHERE account_id = ?1 AND owner_node = ?2 AND "
      "expires_at > now()");
  q.bind(1, account).bind(2, node);
  if (!q.step()) return std::nullopt;
  return q.int64(0);
}

FenceScope::FenceScope(FenceToken token) : token_(std::move(token)), previous_(t_current) {
  t_current = this;
  t_token = &token_;
}

FenceScope::~FenceScope() {
  t_current = previous_;
  t_token = previous_ != nullptr ? &previous_->token_ : nullptr;
}

const FenceToken* FenceScope::current() { return t_token; }

void FenceScope::count_refusal() {
  if (t_current != nullptr) ++t_current->refused_;
}

}  // namespace ocean::tiktok::db
