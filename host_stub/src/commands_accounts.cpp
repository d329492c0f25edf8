// accounts, invoke, features, tick and run: commands that drive plugin instances per account.
#include "commands.hpp"

#include "discovery.hpp"
#include "cluster/store_config.hpp"
#include "host_config.hpp"
#include "json_io.hpp"
#include "live_progress.hpp"
#include "roles.hpp"
#include "session.hpp"
#include "suggest.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <iterator>
#include <optional>

namespace erp_host {
namespace json = boost::json;

namespace {
// Config first (to know which plugins are needed), then discovery loading only those.
struct Setup {
  HostConfig config;
  Registry registry;
  std::size_t account_index = 0;  // the account a single-account command works on
  const AccountConfig& account() const { return config.accounts.at(account_index); }
};

// `account_arg` null: every account; else that account ("" or "-": the default account).
Setup prepare(const CommandContext& ctx, const std::string* account_arg) {
  if (!ctx.options.config) throw HostError(ExitCode::usage, ctx.options.command + " needs --config FILE");
  Setup s{load_host_config(*ctx.options.config), {}, 0};
  std::set<std::string> needed;
  if (account_arg) {
    const AccountConfig& a = s.config.account(*account_arg);
    s.account_index = a.index;
    needed.insert(a.plugin);
  } else {
    for (const auto& a : s.config.accounts) needed.insert(a.plugin);
  }
  ctx.runtime.secrets().set_config_secrets(s.config.secrets);
  if (ctx.options.secrets) ctx.runtime.secrets().load_file(*ctx.options.secrets);
  s.registry = discover({ctx.manifest_dir, ctx.plugin_dir, true, needed, s.config.module_data_root()}, ctx.runtime);
  return s;
}

json::object feature_states(const std::map<std::string, bool>& features) {
  json::object o;
  for (const auto& [id, on] : features) o[id] = on;
  return o;
}

json::object describe(const AccountSession& s) {
  json::object o{{"id", s.account_id()},
                 {"plugin", s.plugin_id()},
                 {"state", s.state()},
                 {"data_dir", s.data_dir().string()},
                 {"features", feature_states(s.features())}};
  if (const auto& f = s.failure())
    o["error"] = json::object{{"step", f->step}, {"status", f->status.name()}, {"message", f->status.message}};
  return o;
}

json::value status_json(const ocean::host::Status& st) {
  return json::object{{"status", st.name()}, {"message", st.message}, {"retry_after_ms", st.retry_after_ms}};
}

// The response as JSON when it parses (it should), else as the raw text.
json::value response_json(const std::string& text) {
  if (text.empty()) return nullptr;
  std::string error;
  if (auto v = parse_json(text, error)) return std::move(*v);
  return json::value(text);
}

std::string read_request(const std::string& arg) {
  std::string text;
  if (arg == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (!arg.empty() && arg[0] == '@') {
    auto file = read_text_file(arg.substr(1));
    if (!file) throw HostError(ExitCode::usage, "cannot read request file " + arg.substr(1));
    text = std::move(*file);
  } else {
    text = arg;
  }
  std::string error;
  const auto parsed = parse_json(text, error);
  if (!parsed) throw HostError(ExitCode::usage, "request is not valid JSON: " + error);
  if (!parsed->is_object()) throw HostError(ExitCode::usage, "request must be a JSON object");
  return text;
}

// Opens one account's session, turning a failed step into the report's exit code.
std::unique_ptr<AccountSession> open_session(const CommandContext& ctx, const Setup& setup,
                                             const AccountConfig& account, bool start, Report& r) {
  auto session = std::make_unique<AccountSession>(
      setup.config, bind_account(setup.config, account, setup.registry, ctx.runtime.secrets()), ctx.runtime);
  if (!session->open(start))
    r.fail(ExitCode::call_failed, "account " + account.id + ": " + session->failure()->describe());
  return session;
}

// accounts and run: every account, failures reported per account.
Report drive_all(const CommandContext& ctx, const char* command, bool start) {
  Setup setup = prepare(ctx, nullptr);
  Report r;
  r.data["command"] = command;
  json::array accounts;
  std::vector<std::unique_ptr<AccountSession>> sessions;
  for (const auto& account : setup.config.accounts) {
    try {
      sessions.push_back(open_session(ctx, setup, account, start, r));
      accounts.push_back(describe(*sessions.back()));
    } catch (const HostError& e) {
      r.fail(e.code(), e.what());
      accounts.push_back(
          json::object{{"id", account.id},
                       {"plugin", account.plugin},
                       {"state", "refused"},
                       {"error", json::object{{"step", "bind"}, {"status", nullptr}, {"message", e.what()}}}});
    }
  }
  // Stop in reverse order of start, as an ERP shutting down would.
  for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) (*it)->close();
  if (start) {
    std::size_t i = 0;
    for (auto& a : accounts) {
      auto& o = a.as_object();
      if (o["state"] == "refused") continue;
      o["final_state"] = sessions[i++]->state();
    }
  }
  r.data["accounts"] = std::move(accounts);
  if (setup.config.store) r.data["store"] = cluster::describe_store(setup.config);
  if (setup.config.accounts.empty()) r.data["note"] = "the config has no accounts";
  return r;
}

}  // namespace

Report cmd_accounts(const CommandContext& ctx) { return drive_all(ctx, "accounts", false); }

Report cmd_run(const CommandContext& ctx) { return drive_all(ctx, "run", true); }

namespace {
// For a capability the plugin's manifest does not list: the closest one it does list, as a hint.
std::string capability_hint(const AccountSession& session, const std::string& capability) {
  const auto* m = session.manifest();
  if (m == nullptr) return {};
  std::vector<std::string> all = m->core_capabilities;
  for (const auto& f : m->features) all.insert(all.end(), f.capabilities.begin(), f.capabilities.end());
  if (std::find(all.begin(), all.end(), capability) != all.end()) return {};
  return " - plugin " + m->id + " has no capability '" + capability + "'" + did_you_mean(capability, all) +
         " (erp-host list shows them)";
}

// For a capability whose feature is off: the host config switch that turns it on.
std::string feature_hint(const AccountSession& session, const std::string& account, const std::string& capability) {
  const auto* m = session.manifest();
  if (m == nullptr) return {};
  for (const auto& f : m->features) {
    if (std::find(f.capabilities.begin(), f.capabilities.end(), capability) == f.capabilities.end()) continue;
    return " - switch it on: \"features\": {\"" + f.id + "\": true} in account " + account +
           " of the host config (accounts[].features." + f.id + ")";
  }
  return {};
}
}  // namespace

Report cmd_invoke(const CommandContext& ctx) {
  const auto& args = ctx.options.args;
  std::string account_arg;
  std::string capability;
  std::string request_arg = "{}";
  // invoke CAP | invoke CAP REQUEST | invoke ACCOUNT CAP [REQUEST]
  auto looks_like_request = [](const std::string& a) { return !a.empty() && (a[0] == '{' || a[0] == '@'); };
  if (args.size() == 1) {
    capability = args[0];
  } else if (args.size() == 2 && looks_like_request(args[1])) {
    capability = args[0];
    request_arg = args[1];
  } else if (args.size() == 2 || args.size() == 3) {
    account_arg = args[0];
    capability = args[1];
    if (args.size() == 3) request_arg = args[2];
  } else {
    throw HostError(ExitCode::usage, "usage: erp-host invoke [ACCOUNT|-] CAPABILITY [JSON|@FILE|-]");
  }
  const std::string request = read_request(request_arg);
  const Setup setup = prepare(ctx, &account_arg);
  const AccountConfig& account = setup.account();
  // A caller that names itself is held to its role before the plugin is even created.
  if (ctx.options.operator_name)
    authorize_invoke(bind_account(setup.config, account, setup.registry, ctx.runtime.secrets()),
                     *ctx.options.operator_name, capability);

  Report r;
  r.data["command"] = "invoke";
  r.data["account"] = account.id;
  r.data["plugin"] = account.plugin;
  r.data["capability"] = capability;
  auto session = open_session(ctx, setup, account, true, r);
  if (session->failure()) {
    r.data["account_state"] = describe(*session);
    return r;
  }
  std::string response;
  std::optional<LiveProgress> live;  // sync progress as it happens (text mode; --json keeps it in the report)
  if (!ctx.options.json) live.emplace(ctx.runtime, ctx.out, writes_to_terminal(ctx.out));
  const auto status = session->invoke(capability, request, response);
  live.reset();
  r.data["result"] = status_json(status);
  r.data["response"] = response_json(response);
  if (!status.ok())
    r.fail(ExitCode::call_failed,
           account.id + ": " + capability + " failed: " + status.describe() +
               (status.code == OCEAN_UNSUPPORTED        ? capability_hint(*session, capability)
                : status.code == OCEAN_FEATURE_DISABLED ? feature_hint(*session, account.id, capability)
                                                        : std::string()));
  session->close();
  return r;
}

Report cmd_features(const CommandContext& ctx) {
  const auto& args = ctx.options.args;
  if (args.empty()) throw HostError(ExitCode::usage, "usage: erp-host features ACCOUNT [FEATURE=on|off ...]");
  std::vector<std::pair<std::string, bool>> switches;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto eq = args[i].find('=');
    const std::string value = eq == std::string::npos ? "" : args[i].substr(eq + 1);
    if (eq == std::string::npos || eq == 0 || (value != "on" && value != "off"))
      throw HostError(ExitCode::usage, "feature switch '" + args[i] + "' must be FEATURE=on or FEATURE=off");
    switches.emplace_back(args[i].substr(0, eq), value == "on");
  }
  const Setup setup = prepare(ctx, &args[0]);
  const AccountConfig& account = setup.account();
  if (ctx.options.operator_name)
    authorize_features(bind_account(setup.config, account, setup.registry, ctx.runtime.secrets()),
                       *ctx.options.operator_name);

  Report r;
  r.data["command"] = "features";
  auto session = open_session(ctx, setup, account, false, r);
  for (const auto& [feature, on] : switches) {
    if (session->failure()) break;
    if (!session->features().count(feature)) {
      std::string known;
      std::vector<std::string> ids;
      for (const auto& [id, state] : session->features()) {
        known += (known.empty() ? "" : ", ") + id;
        ids.push_back(id);
      }
      throw HostError(ExitCode::usage, "plugin " + account.plugin + " has no feature " + feature +
                                           did_you_mean(feature, ids) +
                                           (known.empty() ? " (it declares none)" : " (features: " + known + ")"));
    }
    if (!session->set_feature(feature, on))
      r.fail(ExitCode::call_failed, account.id + ": " + session->failure()->describe());
  }
  r.data["account"] = describe(*session);
  return r;
}

Report cmd_tick(const CommandContext& ctx) {
  const auto& args = ctx.options.args;
  if (args.size() > 1) throw HostError(ExitCode::usage, "usage: erp-host tick [ACCOUNT|-] [--now MS]");
  const std::string account_arg = args.empty() ? std::string() : args[0];
  const Setup setup = prepare(ctx, &account_arg);
  const AccountConfig& account = setup.account();
  const std::int64_t now = ctx.options.now_ms ? *ctx.options.now_ms : ctx.runtime.wall_ms();

  Report r;
  r.data["command"] = "tick";
  r.data["account"] = account.id;
  r.data["now_ms"] = now;
  auto session = open_session(ctx, setup, account, true, r);
  if (session->failure()) {
    r.data["account_state"] = describe(*session);
    return r;
  }
  const auto status = session->tick(now);
  r.data["result"] = status_json(status);
  if (!status.ok()) r.fail(ExitCode::call_failed, account.id + ": tick failed: " + status.describe());
  session->close();
  return r;
}

}  // namespace erp_host
