// The config's `store` object: where the account's data lives when it is not the SQLite file.
//   "store": {"postgresql": "<libpq connection string>", "schema": "<schema>",
//             "lease": {"account": "<account id>", "node": "<node id>"}}
// erp-host writes it for each account from its own top-level `store` (docs/RUN_SEVERAL_HOSTS.md);
// `lease` is present when the host runs a cluster: background work then needs the account's lease
// (store/fence.hpp). The connection string may hold a password: no message ever quotes it.
#pragma once
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ocean::tiktok {

struct LeaseConfig {
  std::string account;  // the ocean_cluster.account_leases row this instance's background work needs
  std::string node;     // this host's node id (the lease's owner_node)
};

struct StoreConfig {
  std::string postgresql;  // libpq connection string (secret: may hold a password)
  std::string schema;      // the account's PostgreSQL schema
  std::optional<LeaseConfig> lease;
};

struct StoreConfigError {
  std::string field;    // "store"
  std::string message;  // "config field 'store.lease.node' ..."
};

// Reads `value` (the "store" member). Every problem names its field (store.postgresql, store.lease.node,
// an unknown store.xyz ...) and never quotes the connection string.
std::optional<StoreConfig> read_store_config(const boost::json::value& value, std::vector<StoreConfigError>& errors);

// The password inside a libpq connection string (key=value `password=...` or a URI's user:password@),
// or "" when it holds none; the logger is told it so it is redacted wherever it might appear.
std::string conninfo_password(const std::string& conninfo);

}  // namespace ocean::tiktok
