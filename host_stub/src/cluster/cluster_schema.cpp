#include "cluster/cluster_schema.hpp"

namespace erp_host::cluster {

namespace {
// Version 1. The plugin reads account_leases inside its write transactions (the fence guard), so
// the table stays small and its rows narrow: one per account.
constexpr const char* kVersion1 = R"sql(
CREATE SCHEMA IF NOT EXISTS ocean_cluster;
CREATE TABLE IF NOT EXISTS ocean_cluster.schema_version (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by text NOT NULL);
CREATE TABLE IF NOT EXISTS ocean_cluster.nodes (
  node_id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  info jsonb NOT NULL DEFAULT '{}'::jsonb);
CREATE TABLE IF NOT EXISTS ocean_cluster.account_leases (
  account_id text PRIMARY KEY,
  owner_node text,
  fence bigint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL DEFAULT now());
)sql";

int applied_version(ocean::pg::Connection& conn) {
  if (!cluster_schema_exists(conn)) return 0;
  const auto r = conn.exec("SELECT coalesce(max(version), 0) FROM ocean_cluster.schema_version");
  return static_cast<int>(r.int64(0, 0));
}
}  // namespace

bool cluster_schema_exists(ocean::pg::Connection& conn) {
  const auto r = conn.exec("SELECT to_regclass('ocean_cluster.schema_version') IS NOT NULL");
  return r.text(0, 0) == "t";
}

bool ensure_cluster_schema(ocean::pg::Connection& conn, const std::string& node_id) {
  if (applied_version(conn) >= kClusterSchemaVersion) return false;
  ocean::pg::AdvisoryLock lock(conn, "ocean.cluster.schema");
  // Another node may have finished while this one waited for the lock.
  if (applied_version(conn) >= kClusterSchemaVersion) return false;
  conn.exec("BEGIN");
  try {
    conn.exec(kVersion1);
    conn.exec("INSERT INTO ocean_cluster.schema_version (version, applied_by) VALUES ($1, $2)",
              {{std::to_string(kClusterSchemaVersion)}, {node_id}});
    conn.exec("COMMIT");
  } catch (...) {
    conn.exec("ROLLBACK");
    throw;
  }
  return true;
}

}  // namespace erp_host::cluster
