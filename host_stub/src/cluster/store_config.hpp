// The host config's top-level "store" (PostgreSQL) and "cluster" (lease timing) objects, and what
// each account's plugin is handed from them: "store": {"postgresql", "schema"[, "lease"]}.
// Every account's tables live in a schema of their own, acct_<account id>, named here.
#pragma once

#include "host_config.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace erp_host::cluster {

// "acct_" + the account id lower-cased, every character outside [a-z0-9_] mapped to '_'.
std::string account_schema(std::string_view account_id);

// Reads "store" and "cluster" from a host config already validated against its schema, and
// checks what the schema cannot: renew_seconds leaves room for missed renewals, no two accounts
// share a schema, and every schema name fits PostgreSQL's 63-byte identifiers. Throws
// HostError(config) naming the field; `where` prefixes the message ("config FILE: ").
void read_store_settings(const boost::json::object& doc, const std::string& where, HostConfig& config);

// The account's config as configure() gets it: on a PostgreSQL store, its config plus the "store"
// object (with "lease" when `config.lease_node` is set). Throws HostError(config) when the
// account's own config sets "store" too.
boost::json::value plugin_config(const HostConfig& config, const AccountConfig& account);

// An account config saved while the host runs (the console's reconfigure), with the "store" object
// the account was bound with (`bound_plugin_config`, see plugin_config()); unchanged without one,
// so a running instance never drops back to SQLite.
std::string with_host_store(const std::string& config_json, const boost::json::value& bound_plugin_config);

// {"backend": "postgresql", "postgresql": <connection string, password masked>, "schemas": ...}
// for command output.
boost::json::object describe_store(const HostConfig& config);

// The password a libpq connection string carries (password=... or a URI's user:password@), so it
// can be masked in every log line; nullopt when it has none or does not parse.
std::optional<std::string> conninfo_password(const std::string& conninfo);

}  // namespace erp_host::cluster
