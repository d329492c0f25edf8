#include "help.hpp"

#include "ocean/ocean_plugin.h"

#include <map>

namespace erp_host {

std::string version_text() {
  return std::string("erp-host ") + OCEAN_HOST_VERSION + " (plugin ABI " + std::to_string(OCEAN_ABI_MAJOR) + "." +
         std::to_string(OCEAN_ABI_MINOR) + ")\n";
}

std::string general_help() {
  return R"(Usage: erp-host [global options] <command> [arguments]

Loads Ocean marketplace plugins, checks them against their manifests and drives one plugin
instance per shop account from a host config file.

Commands:
  list                      plugins found, their capabilities by feature (default on/off), refusals
  validate                  check the manifests only (schema, ABI); loads nothing
  accounts                  create and configure every account's instance; show state and features
  invoke [ACCOUNT|-] CAPABILITY [JSON|@FILE|-]
                            run one capability with a JSON request (default {}); '-' = default account
  features ACCOUNT [FEATURE=on|off ...]
                            switch features of an account's instance and show them all
  tick ACCOUNT [--now MS]   let the account's plugin do its scheduled work at time MS
  run                       create, configure and start every account, print status, stop
  serve [--listen ADDR:PORT] [--tick-interval MS] [--duration SECS] [--max-connections N]
        [--console] [--node-id NAME]
                            start every account, take webhooks at POST /webhooks/<account>,
                            tick every account until SIGINT/SIGTERM (or SECS)
  cluster                   the nodes sharing the accounts of a PostgreSQL store, their heartbeats
                            and the accounts each owns
  help [COMMAND]            this text, or a command's

Global options:
  --config FILE       host config (JSON; plugin_api/schemas/host_config.schema.json)
  --plugins DIR       plugin libraries (default: <exe dir>/../lib/ocean/plugins when installed,
                      else <exe dir>/../plugins)
  --manifests DIR     plugin manifests (default: <exe dir>/../share/ocean/manifests when installed,
                      else <exe dir>/../manifests if present, else the source tree's manifests/)
  --secrets FILE      JSON object of secret name -> value; must not be readable by others.
                      The environment wins: OCEAN_SECRET_<NAME> (e.g. OCEAN_SECRET_STORE_KEY)
  --clock-offset SECS run the host clock SECS seconds ahead (negative: behind) of the system
                      clock; plugins read it through the wall_clock_ms service and ticks get it
  --operator NAME     act as this operator of the account (invoke, features): refused (exit 5)
                      unless the host config gives NAME a role on the account that allows the call
  --json              machine-readable output on stdout (one JSON object per command)
  -v, --verbose       also show the plugins' debug and trace logs
  --log-format FMT    text (default) or json: one JSON object per log line
  --log-file PATH     append log lines to PATH (mode 0600) instead of stderr; serve reopens it
                      on SIGHUP (logrotate)
  -h, --help          help (after a command: that command's help)
  --version           program and ABI version

Exit codes:
  0  success
  1  a plugin call failed (the status name and the plugin's last_error message are printed)
  2  usage error (bad command line, unknown account or feature)
  3  config error (host config, secrets file, an account's plugin config; names the field)
  4  plugin load/manifest error (no usable plugin found, or the plugin a command needs was refused)
  5  refused by role (--operator NAME is not an operator of the account, or its role does not allow it)

Log lines carry an RFC 3339 UTC time, the level, the account and the component:
  2026-11-28T12:14:54.123Z [info] [shop-us] [account] message
(json: {"time","level","account","component","message"}); secrets are never printed.
)";
}

// The longest texts stand apart so command_help stays a readable table.
const char* const kServeHelp =
    R"(Usage: erp-host serve [--listen ADDR:PORT] [--tick-interval MS] [--duration SECS]
                      [--max-connections N] [--console] --config FILE [--json]

Creates, configures and starts every account, then until SIGINT/SIGTERM (or SECS seconds):
  - listens for HTTP on ADDR:PORT (default 127.0.0.1:0, the OS picks the port) and prints the
    address first: "listening on http://ADDR:PORT", or {"listening":"http://ADDR:PORT"} with --json;
  - hands POST /webhooks/<account id> to that account's plugin with the raw header block and
    the exact body bytes, and answers what the plugin's webhook_result says (200 accepted or
    duplicate, 401 bad signature, 400 malformed, 503 try again). Other answers: 404 unknown
    path or account, 405 not POST, 413 body over 1 MiB, 431 headers over 64 KiB, 503 account
    not running or too many uploads at once (16 MiB of bodies across connections). At most N
    connections (default 256): a new one beyond drops the oldest that has not sent a complete
    request; a request must be complete within 10 s;
  - calls tick(now) on every started account every MS milliseconds (default 1000), from the
    host clock, and prints the events plugins emit (JSON lines with --json; sync progress as
    a bar on a terminal, plain lines otherwise). Webhooks are taken while a tick runs. Output
    never blocks the tick loop: what an unread stdout cannot take is dropped and counted.
--console also serves the web console at /console/ on the same listener (docs/CONSOLE.md): log in
with the host secret console_token (OCEAN_SECRET_CONSOLE_TOKEN; exit 3 without one).
Then stops the listener, stops and destroys every instance and prints each account's state.
With "store": {"postgresql": ...} in the config, serve is one node of a cluster: every node on
the same config takes webhooks and answers reads for every account, but each account is ticked
by the one node holding its lease (spread evenly; a dead node's accounts move within 30 s).
--node-id NAME names the node (default <host name>-<pid>); see erp-host cluster.
Flags after "serve". Exit 0 after a clean stop; 1 when an account failed to start (the others
still serve); 2 when the address cannot be bound.
)";

const char* const kClusterHelp =
    R"(Usage: erp-host cluster --config FILE [--json]

On a PostgreSQL store (config "store": {"postgresql": ...}): the erp-host serve nodes sharing the
config's accounts (alive while their heartbeat is younger than the lease), and each account's
lease: its owner node, its fencing token (incremented on every change of owner) and its state
(owned, expired: being taken over, free). The connection string is shown with its password
masked. Exit 3 when the config has no PostgreSQL store or the database cannot be reached.
)";

std::optional<std::string> command_help(const std::string& command) {
  static const std::map<std::string, std::string> texts = {
      {"list", R"(Usage: erp-host list [--manifests DIR] [--plugins DIR] [--json]

Reads every *.json manifest, validates it against the manifest schema, checks its ABI major
before loading anything, loads and negotiates its library, and checks that the plugin's own
description matches the manifest. Prints each usable plugin with its core capabilities and its
features (default on/off) with their capabilities, then every refusal with the file and field.
Libraries no manifest names are reported and never loaded.
Exit 0 when at least one plugin is usable, 4 when none is.
)"},
      {"validate", R"(Usage: erp-host validate [--manifests DIR] [--json]

Checks every manifest against the manifest schema and the host's ABI major without loading any
library. Exit 0 when all are valid, 4 when any is refused.
)"},
      {"accounts", R"(Usage: erp-host accounts --config FILE [--json]

For every account in the config: binds it to its plugin, validates its config against the
plugin's config_schema, creates the instance (data dir <data_dir>/<account id>/), configures it
and applies its features. Prints each account's state and features. Nothing is started.
Exit 1 when a plugin call failed, 3 for a config problem, 4 when an account's plugin is refused.
)"},
      {"invoke", R"(Usage: erp-host invoke [ACCOUNT|-] CAPABILITY [JSON|@FILE|-] --config FILE [--json]

Starts the account's instance and runs CAPABILITY (e.g. orders.search) with a JSON object
request: inline JSON, @FILE to read a file, or - to read stdin; {} when omitted. ACCOUNT '-' or
omitted means the config's default_account. Prints the plugin's JSON response and any events;
sync progress (e.g. invoke sync.run) is shown while the call runs: a bar redrawn in place on a
terminal, one line per page otherwise (with --json it is in the report's "events").
Exit 1 when the plugin answers a non-OK status (its name and message are printed).
)"},
      {"features", R"(Usage: erp-host features ACCOUNT [FEATURE=on|off ...] --config FILE [--json]

Configures the account's instance, applies its configured features, then the given switches,
and prints every feature of the plugin with its state. Unknown features are a usage error.
Switches last for this run; make them permanent in the config's "features".
)"},
      {"tick", R"(Usage: erp-host tick ACCOUNT [--now MS] --config FILE [--json]

Starts the account's instance and calls tick(MS) once (MS defaults to the current time, Unix
epoch milliseconds) so the plugin does whatever scheduled work is due: auto-sync, token refresh,
retries. Prints the status and the events it emitted.
)"},
      {"run", R"(Usage: erp-host run --config FILE [--json]

Creates, configures and starts every account, prints each one's state and features, then stops
and destroys them all. Accounts that fail are reported; the others still run.
Exit 1 when a plugin call failed, 4 when an account's plugin is refused.
)"},
      {"serve", kServeHelp},

      {"cluster", kClusterHelp},

  };
  const auto it = texts.find(command);
  if (it == texts.end()) return std::nullopt;
  return it->second;
}

}  // namespace erp_host
