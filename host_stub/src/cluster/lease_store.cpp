#include "cluster/lease_store.hpp"

namespace erp_host::cluster {
using ocean::pg::Param;

namespace {
// A text[] literal; account ids are [A-Za-z0-9_.-] (host config schema), so none needs quoting.
std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& i : items) out += (out.size() > 1 ? "," : "") + i;
  return out + "}";
}

Leases leases_of(const ocean::pg::Result& r) {
  Leases out;
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = r.int64(i, 1);
  return out;
}
}  // namespace

void LeaseStore::register_node(const std::string& node_id, const std::string& info) {
  conn_.exec(
      "INSERT INTO ocean_cluster.nodes (node_id, started_at, heartbeat_at, info) VALUES ($1, now(), now(), $2::jsonb) "
      "ON CONFLICT (node_id) DO UPDATE SET started_at = now(), heartbeat_at = now(), info = excluded.info",
      {{node_id}, {info}});
}

void LeaseStore::heartbeat(const std::string& node_id, const std::string& info) {
  const auto r = conn_.exec("UPDATE ocean_cluster.nodes SET heartbeat_at = now() WHERE node_id = $1", {{node_id}});
  if (r.affected() == 0) register_node(node_id, info);
}

bool LeaseStore::node_alive(const std::string& node_id) {
  const auto r =
      conn_.exec("SELECT 1 FROM ocean_cluster.nodes WHERE node_id = $1 AND heartbeat_at > now() - $2::interval",
                 {{node_id}, {lease_interval()}});
  return r.rows() > 0;
}

std::vector<std::string> LeaseStore::live_nodes() {
  const auto r = conn_.exec("SELECT node_id FROM ocean_cluster.nodes WHERE heartbeat_at > now() - $1::interval",
                            {{lease_interval()}});
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

void LeaseStore::ensure_rows(const std::vector<std::string>& accounts) {
  conn_.exec(
      "INSERT INTO ocean_cluster.account_leases (account_id, owner_node, fence, expires_at) "
      "SELECT a, NULL, 0, now() FROM unnest($1::text[]) AS a ON CONFLICT (account_id) DO NOTHING",
      {{text_array(accounts)}});
}

Leases LeaseStore::renew(const std::string& node_id, const Leases& held) {
  if (held.empty()) return {};
  std::vector<std::string> ids, fences;
  for (const auto& [id, fence] : held) {
    ids.push_back(id);
    fences.push_back(std::to_string(fence));
  }
  // Only a lease still ours with the same fence: one taken over and back in between is not. An
  // expired lease nobody took is still ours (its fence never moved), so it is extended too.
  const auto r = conn_.exec(
      "UPDATE ocean_cluster.account_leases l SET expires_at = now() + $2::interval "
      "FROM unnest($3::text[], $4::bigint[]) AS h(account_id, fence) "
      "WHERE l.account_id = h.account_id AND l.fence = h.fence AND l.owner_node = $1 "
      "RETURNING l.account_id, l.fence",
      {{node_id}, {lease_interval()}, {text_array(ids)}, {text_array(fences)}});
  return leases_of(r);
}

Leases LeaseStore::take(const std::string& node_id, const std::vector<std::string>& accounts, std::size_t limit) {
  if (accounts.empty() || limit == 0) return {};
  // SKIP LOCKED: nodes taking at once never wait on each other; the condition is checked again on
  // the locked row, so a lease renewed meanwhile is left alone.
  const auto r = conn_.exec(
      "UPDATE ocean_cluster.account_leases l SET owner_node = $1, fence = l.fence + 1, "
      "expires_at = now() + $2::interval "
      "WHERE l.account_id IN (SELECT account_id FROM ocean_cluster.account_leases "
      "  WHERE account_id = ANY($3::text[]) AND (owner_node IS NULL OR expires_at <= now()) "
      "  ORDER BY expires_at, account_id LIMIT $4 FOR UPDATE SKIP LOCKED) "
      "AND (l.owner_node IS NULL OR l.expires_at <= now()) "
      "RETURNING l.account_id, l.fence",
      {{node_id}, {lease_interval()}, {text_array(accounts)}, {std::to_string(limit)}});
  return leases_of(r);
}

bool LeaseStore::release(const std::string& node_id, const std::string& account, std::int64_t fence) {
  const auto r = conn_.exec(
      "UPDATE ocean_cluster.account_leases SET owner_node = NULL, fence = fence + 1, expires_at = now() "
      "WHERE account_id = $1 AND owner_node = $2 AND fence = $3",
      {{account}, {node_id}, {std::to_string(fence)}});
  return r.affected() == 1;
}

void LeaseStore::leave(const std::string& node_id) {
  conn_.exec(
      "UPDATE ocean_cluster.account_leases SET owner_node = NULL, fence = fence + 1, expires_at = now() "
      "WHERE owner_node = $1",
      {{node_id}});
  conn_.exec("DELETE FROM ocean_cluster.nodes WHERE node_id = $1", {{node_id}});
}

}  // namespace erp_host::cluster
