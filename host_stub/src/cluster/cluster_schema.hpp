// The ocean_cluster schema erp-host keeps in PostgreSQL: the nodes with their heartbeats and one
// lease row per account (owner node, fencing token, expiry). Created under an advisory lock, so
// nodes starting together create it once; each applied version is a row of
// ocean_cluster.schema_version (which node applied it, when).
#pragma once

#include "ocean_common/pg.hpp"

#include <string>

namespace erp_host::cluster {

inline constexpr int kClusterSchemaVersion = 1;

// Creates or upgrades the schema; true when this call applied something.
bool ensure_cluster_schema(ocean::pg::Connection& conn, const std::string& node_id);

// True when the schema exists (the `cluster` command reads without creating anything).
bool cluster_schema_exists(ocean::pg::Connection& conn);

}  // namespace erp_host::cluster
