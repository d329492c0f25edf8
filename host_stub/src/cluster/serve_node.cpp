#include "cluster/serve_node.hpp"

#include "exit_codes.hpp"

#include "ocean/ocean_plugin.h"
#include "ocean_common/pg.hpp"

#include <boost/json.hpp>

#include <unistd.h>

#include <cctype>
#include <cstdlib>

namespace erp_host::cluster {

std::string node_id_from(const std::optional<std::string>& flag) {
  if (flag) {
    const std::string& id = *flag;
    bool ok = !id.empty() && id.size() <= 64 && std::isalnum(static_cast<unsigned char>(id[0]));
    for (const char ch : id)
      ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '@' || ch == '-');
    if (!ok)
      throw HostError(ExitCode::usage,
                      "--node-id needs 1-64 letters, digits, '_', '.', '@' or '-', starting with a "
                      "letter or digit, got '" +
                          id + "'");
    return id;
  }
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || !host[0]) std::snprintf(host, sizeof host, "node");
  std::string id;
  for (const char* p = host; *p && id.size() < 40; ++p)
    id.push_back(std::isalnum(static_cast<unsigned char>(*p)) || *p == '-' || *p == '.' ? *p : '_');
  return id + "-" + std::to_string(getpid());
}

void name_node(HostConfig& config, const std::optional<std::string>& node_flag) {
  if (!config.store && node_flag)
    throw HostError(ExitCode::usage, "--node-id applies only to a config with a PostgreSQL store (/store/postgresql)");
  if (!config.store) return;
  config.lease_node = node_id_from(node_flag);
  // A node paused inside a write transaction keeps its row locks (the fence guard's FOR SHARE),
  // and the others skip locked leases when taking over: paused for good, it would hold its
  // accounts for good. PostgreSQL ends a session idle in a transaction for longer than this, so
  // the locks go with the lease. Every libpq connection of the process (the plugins' too) reads
  // PGOPTIONS; background work never waits on the network inside a transaction (pages are fetched
  // before it opens), so a healthy node never comes near the limit. An operator's PGOPTIONS wins.
  const std::string options = "-c idle_in_transaction_session_timeout=" +
                              std::to_string(static_cast<std::int64_t>(config.cluster.lease_seconds) * 1000);
  ::setenv("PGOPTIONS", options.c_str(), 0);
}

std::unique_ptr<LeaseManager> join_as_node(const CommandContext& ctx, const HostConfig& config) {
  if (!config.store || !config.lease_node) return nullptr;
  NodeOptions o;
  o.conninfo = config.store->postgresql;
  o.node_id = *config.lease_node;
  for (const auto& a : config.accounts) o.accounts.push_back(a.id);
  o.timing = config.cluster;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  o.info = boost::json::serialize(boost::json::object{
      {"hostname", host}, {"pid", static_cast<std::int64_t>(getpid())}, {"version", OCEAN_HOST_VERSION}});
  auto manager = std::make_unique<LeaseManager>(std::move(o), [&ctx](std::int32_t level, const std::string& message) {
    ctx.runtime.log(level, "", "cluster", message);
  });
  try {
    manager->join();
  } catch (const ocean::pg::Error& e) {
    throw HostError(ExitCode::config, "config " + config.file.string() + ": /store/postgresql (" +
                                          ocean::pg::redact_conninfo(config.store->postgresql) +
                                          "): cannot join the cluster: " + e.what());
  }
  return manager;
}

}  // namespace erp_host::cluster
