// The host config file: accounts bound to plugins, validated against host_config.schema.json,
// then for what a schema cannot say (unique account ids, an existing default account). Each
// account's plugin config and feature overrides are checked against its plugin's manifest by
// bind_account().
#pragma once

#include "discovery.hpp"
#include "secrets.hpp"

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace erp_host {

struct AccountConfig {
  std::size_t index = 0;  // position in "accounts", for JSON pointers in messages
  std::string id;
  std::string plugin;
  boost::json::value config;                     // handed to the plugin's configure()
  std::map<std::string, bool> features;          // overrides on top of the manifest defaults
  std::map<std::string, std::string> operators;  // operator name -> role id of the plugin manifest
  std::string pointer() const { return "/accounts/" + std::to_string(index); }
};

// The top-level "store" and "cluster" objects (docs/RUN_SEVERAL_HOSTS.md).
struct StoreSettings {
  std::string postgresql;  // libpq connection string; may hold a password: print only redacted
};
struct ClusterTiming {
  int lease_seconds = 15;  // a node that stops renewing loses its accounts after this long
  int renew_seconds = 3;   // heartbeat, renew, rebalance and take-over period
};

struct HostConfig {
  std::filesystem::path file;
  std::filesystem::path data_dir;  // absolute
  std::optional<std::string> default_account;
  std::map<std::string, std::string> secrets;
  std::vector<AccountConfig> accounts;
  std::optional<StoreSettings> store;  // absent: SQLite under data_dir (the default)
  ClusterTiming cluster;
  // Set by `serve` on a PostgreSQL store: this process's node id, handed to every account's
  // plugin as store.lease.node so its background work is fenced by the account's lease.
  std::optional<std::string> lease_node;

  // `id` or, for "-"/empty, the default account. Throws HostError(usage) when unknown.
  const AccountConfig& account(const std::string& id) const;
  // <data_dir>/<account id>
  std::filesystem::path data_dir_for(const AccountConfig& account) const;
  // <data_dir>/.plugins: each plugin's module data dir is <data_dir>/.plugins/<plugin id>. Account ids
  // start with a letter or digit, so it never meets an account's directory.
  std::filesystem::path module_data_root() const { return data_dir / ".plugins"; }
};

// A host config larger than this is refused before it is parsed.
inline constexpr std::size_t kMaxHostConfigBytes = 4 * 1024 * 1024;

// Throws HostError(config) naming the file and the JSON field.
HostConfig load_host_config(const std::filesystem::path& file);
// The same checks on text already read (`file` names it in messages and anchors data_dir).
HostConfig parse_host_config(std::string_view text, const std::filesystem::path& file);

// An account with its loaded plugin, or a HostError: config (3) when the plugin is unknown or
// the account's config/features do not fit its manifest, load (4) when the plugin was refused.
struct BoundAccount {
  const AccountConfig* account = nullptr;
  const PluginEntry* entry = nullptr;
  std::map<std::string, bool> features;    // every manifest feature; its state as the plugin reports it once open
  std::vector<std::string> secret_values;  // values of config fields marked x-secret, writeOnly or format password
  // What configure() gets: the account's config plus, on a PostgreSQL store, the "store" object.
  boost::json::value plugin_config;
};
// Config fields holding {"secret": NAME} get the value `secrets` has for NAME (secret_refs.hpp);
// a missing secret or a malformed reference is a config error naming the field.
BoundAccount bind_account(const HostConfig& config, const AccountConfig& account, const Registry& registry,
                          const SecretSource& secrets);

}  // namespace erp_host
