// erp-host cluster: the nodes sharing the config's accounts, their heartbeats, and which node owns
// which account with what fence, read from the ocean_cluster schema. Reads only.
#include "cluster/cluster_report.hpp"
#include "cluster/cluster_schema.hpp"
#include "commands.hpp"
#include "host_config.hpp"

#include "ocean_common/pg.hpp"

namespace erp_host {
namespace json = boost::json;

Report cmd_cluster(const CommandContext& ctx) {
  if (!ctx.options.config) throw HostError(ExitCode::usage, "cluster needs --config FILE");
  if (!ctx.options.args.empty())
    throw HostError(ExitCode::usage, "cluster takes no arguments, got '" + ctx.options.args.front() + "'");
  const HostConfig config = load_host_config(*ctx.options.config);
  if (!config.store)
    throw HostError(ExitCode::config, "config " + config.file.string() +
                                          ": has no /store/postgresql; nodes share accounts only on a PostgreSQL "
                                          "store (SQLite keeps each account on this machine)");
  const std::string shown = ocean::pg::redact_conninfo(config.store->postgresql);
  Report r;
  r.data["command"] = "cluster";
  r.data["store"] = shown;
  r.data["lease_seconds"] = config.cluster.lease_seconds;
  r.data["renew_seconds"] = config.cluster.renew_seconds;
  try {
    ocean::pg::Connection conn(config.store->postgresql);
    if (!cluster::cluster_schema_exists(conn)) {
      r.data["nodes"] = json::array();
      r.data["accounts"] = cluster::unowned_accounts(config);
      r.data["note"] = "no node has joined yet (no ocean_cluster schema): start erp-host serve with this config";
      return r;
    }
    cluster::fill_cluster_report(conn, config, r.data);
  } catch (const ocean::pg::Error& e) {
    throw HostError(ExitCode::config,
                    "config " + config.file.string() + ": /store/postgresql (" + shown + "): " + e.what());
  }
  return r;
}

}  // namespace erp_host
