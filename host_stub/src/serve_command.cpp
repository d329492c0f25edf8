// erp-host serve: every account started, a webhook listener and a tick loop until SIGINT/SIGTERM
// or --duration. Unlike the other commands it prints while it runs (the listening line, events,
// progress); its Report, printed at the end, says how each account finished.
#include "commands.hpp"

#include "cluster/lease_metrics.hpp"
#include "cluster/serve_node.hpp"
#include "console/console_serve.hpp"

#include "discovery.hpp"
#include "host_config.hpp"
#include "output_queue.hpp"
#include "serve_http.hpp"
#include "serve_monitor.hpp"
#include "serve_printer.hpp"
#include "session.hpp"
#include "stop_signal.hpp"
#include "suggest.hpp"

#include "ocean/ocean_plugin.h"

#include <boost/json.hpp>

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <iostream>
#include <map>
#include <thread>

namespace erp_host {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {
// What an unread stdout or stderr may hold back before output is dropped (and counted).
constexpr std::size_t kMaxPendingOutput = 1024 * 1024;

struct ServeOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  std::int64_t tick_interval_ms = 1000;
  std::optional<std::int64_t> duration_s;
  ListenerLimits limits;
  std::optional<std::string> node_id;  // --node-id (a PostgreSQL store's cluster node)
  bool console = false;                // --console: the web console under /console/ (console/console_serve.hpp)
};

std::int64_t parse_count(const std::string& flag, const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max)
    throw HostError(ExitCode::usage, flag + " needs an integer from " + std::to_string(min) + " to " +
                                         std::to_string(max) + ", got '" + text + "'");
  return value;
}

// cli.cpp hands serve's own flags over as "--flag value" pairs in args.
ServeOptions parse_serve_args(const std::vector<std::string>& args) {
  ServeOptions o;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    if (i + 1 >= args.size() || args[i].rfind("--", 0) != 0)
      throw HostError(ExitCode::usage,
                      "usage: erp-host serve [--listen ADDR:PORT] [--tick-interval MS] [--duration SECS] "
                      "[--max-connections N] [--console] [--node-id NAME]");
    const std::string& flag = args[i];
    const std::string& value = args[i + 1];
    if (flag == "--listen") {
      const auto colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0)
        throw HostError(ExitCode::usage,
                        "--listen needs ADDR:PORT (e.g. 127.0.0.1:8080, port 0 = any), got '" + value + "'");
      o.address = value.substr(0, colon);
      if (o.address.size() > 2 && o.address.front() == '[' && o.address.back() == ']')
        o.address = o.address.substr(1, o.address.size() - 2);  // [::1]:8080
      o.port = static_cast<std::uint16_t>(parse_count("--listen port", value.substr(colon + 1), 0, 65535));
    } else if (flag == "--tick-interval") {
      o.tick_interval_ms = parse_count(flag, value, 1, 24LL * 3600 * 1000);
    } else if (flag == "--duration") {
      o.duration_s = parse_count(flag, value, 1, 365LL * 24 * 3600);
    } else if (flag == "--node-id") {
      o.node_id = value;
    } else if (flag == "--console") {
      o.console = true;
    } else if (flag == "--max-connections") {
      o.limits.max_connections = static_cast<std::size_t>(parse_count(flag, value, 1, 100000));
    } else {
      throw HostError(ExitCode::usage, "serve does not know " + flag +
                                           did_you_mean(flag, {"--listen", "--tick-interval", "--duration",
                                                               "--max-connections", "--console", "--node-id"}));
    }
  }
  return o;
}

json::object describe(const AccountSession& a) {
  json::object o{{"id", a.account_id()}, {"plugin", a.plugin_id()}, {"state", a.state()}};
  if (const auto& f = a.failure())
    o["error"] = json::object{{"step", f->step}, {"status", f->status.name()}, {"message", f->status.message}};
  return o;
}

// "/webhooks/<id>" (query ignored) -> "<id>"; nullopt for any other path.
std::optional<std::string> webhook_account(const std::string& target) {
  static const std::string prefix = "/webhooks/";
  const std::string path = target.substr(0, target.find('?'));
  if (path.rfind(prefix, 0) != 0 || path.size() == prefix.size()) return std::nullopt;
  std::string id = path.substr(prefix.size());
  if (id.find('/') != std::string::npos) return std::nullopt;
  return id;
}
// The accounts serve drives: by id for webhook routing, in config order for ticks, and the ones
// refused before they could be opened.
struct ServeAccounts {
  std::map<std::string, std::unique_ptr<AccountSession>> by_id;
  std::vector<AccountSession*> order;
  json::array refused;

  std::vector<std::string> refused_ids() const {
    std::vector<std::string> ids;
    for (const auto& r : refused) ids.emplace_back(r.as_object().at("id").as_string());
    return ids;
  }

  // Stops in reverse config order, as an ERP shutting down would.
  void close_all() {
    for (auto it = order.rbegin(); it != order.rend(); ++it) (*it)->close();
  }
};

ServeAccounts open_accounts(const CommandContext& ctx, const HostConfig& config, const Registry& registry, Report& r) {
  ServeAccounts accounts;
  for (const auto& account : config.accounts) {
    try {
      auto a = std::make_unique<AccountSession>(config, bind_account(config, account, registry, ctx.runtime.secrets()),
                                                ctx.runtime);
      if (!a->open(true)) r.fail(ExitCode::call_failed, "account " + account.id + ": " + a->failure()->describe());
      accounts.order.push_back(a.get());
      accounts.by_id.emplace(account.id, std::move(a));
    } catch (const HostError& e) {
      r.fail(e.code(), e.what());
      accounts.refused.push_back(
          json::object{{"id", account.id},
                       {"plugin", account.plugin},
                       {"state", "refused"},
                       {"error", json::object{{"step", "bind"}, {"status", nullptr}, {"message", e.what()}}}});
    }
  }
  return accounts;
}

HttpAnswer webhook_answer(const CommandContext& ctx, const ServeAccounts& accounts, ServeMonitor& monitor,
                          const HttpRequest& req, const std::string& id) {
  if (req.method != "POST") return {405, "webhooks are POSTed\n", "text/plain", {{"Allow", "POST"}}};
  const auto it = accounts.by_id.find(id);
  if (it == accounts.by_id.end()) {
    monitor.count_webhook("", 404);
    std::vector<std::string> ids;
    for (const auto& [known, session] : accounts.by_id) ids.push_back(known);
    return {404, "no account '" + id + "' in this host" + did_you_mean(id, ids) + "\n"};
  }
  const auto outcome = it->second->webhook(req.headers, req.body, ctx.runtime.wall_ms());
  monitor.count_webhook(id, outcome.http_status);
  ctx.runtime.log(outcome.http_status == 200 ? OCEAN_LOG_INFO : OCEAN_LOG_WARN, id, "webhook",
                  std::to_string(req.body.size()) + " bytes: " + std::to_string(outcome.http_status) + " " +
                      outcome.status + (outcome.message.empty() ? "" : ": " + outcome.message));
  if (outcome.http_status == 200) return {200, ""};
  return {outcome.http_status, ctx.runtime.secrets().redact(outcome.message) + "\n"};
}

// Webhooks at POST /webhooks/<account>; health and metrics at GET /healthz, /readyz, /metrics.
HttpHandler serve_handler(const CommandContext& ctx, const ServeAccounts& accounts, ServeMonitor& monitor) {
  return [&ctx, &accounts, &monitor](const HttpRequest& req) -> HttpAnswer {
    const std::string path = req.target.substr(0, req.target.find('?'));
    if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
      if (req.method != "GET" && req.method != "HEAD") return {405, "use GET\n", "text/plain", {{"Allow", "GET"}}};
      return path == "/healthz" ? monitor.healthz() : path == "/readyz" ? monitor.readyz() : monitor.metrics();
    }
    if (const auto id = webhook_account(req.target)) return webhook_answer(ctx, accounts, monitor, req, *id);
    return {404, "no such route; webhooks go to POST /webhooks/<account id>; GET /healthz, /readyz, /metrics\n"};
  };
}

// --console: fails (exit 3) before the listener opens when the console cannot run.
std::unique_ptr<ConsoleHook> make_console(const CommandContext& ctx, const HostConfig& config, const Registry& registry,
                                          ServeAccounts& accounts) {
  auto session = [&accounts](const std::string& id) -> AccountSession* {
    const auto it = accounts.by_id.find(id);
    return it == accounts.by_id.end() ? nullptr : it->second.get();
  };
  try {
    return std::make_unique<ConsoleHook>(ConsoleDeps{ctx.runtime, config, registry, session});
  } catch (...) {
    accounts.close_all();
    throw;
  }
}

// Binds the listener and announces it; "http://ADDR:PORT".
std::string listen(const CommandContext& ctx, const ServeOptions& so, HttpHandler handler, ServeAccounts& accounts,
                   ServePrinter& printer, std::unique_ptr<HttpListener>& listener) {
  try {
    listener = std::make_unique<HttpListener>(so.address, so.port, so.limits, std::move(handler),
                                              so.console ? ConsoleHook::kListenerThreads : 2);
  } catch (const std::exception& e) {
    accounts.close_all();
    throw HostError(ExitCode::usage, std::string("serve: ") + e.what());
  }
  const std::string host =
      listener->address().find(':') != std::string::npos ? "[" + listener->address() + "]" : listener->address();
  const std::string url = "http://" + host + ":" + std::to_string(listener->port());
  printer.line(ctx.options.json ? json::serialize(json::object{{"listening", url}}) : "listening on " + url);
  ctx.runtime.log(OCEAN_LOG_INFO, "",
                  "serving webhooks at " + url + "/webhooks/<account id>, health at " + url + "/healthz and " + url +
                      "/readyz, metrics at " + url + "/metrics, tick every " + std::to_string(so.tick_interval_ms) +
                      " ms");
  return url;
}

void tick_all(const CommandContext& ctx, const std::vector<AccountSession*>& order,
              std::map<std::string, std::string>& last_error, cluster::LeaseManager* leases) {
  for (auto* a : order) {
    cluster::LeaseManager::Hold hold;  // on a cluster, only the lease holder ticks an account
    if (!a->started() || !cluster::may_tick(leases, a->account_id(), hold)) continue;
    const auto status = a->tick(ctx.runtime.wall_ms());
    std::string& last = last_error[a->account_id()];
    const std::string now_error = status.ok() ? std::string() : status.describe();
    if (now_error != last && !now_error.empty())  // a failing tick is logged once per change
      ctx.runtime.log(OCEAN_LOG_WARN, a->account_id(), "tick failed: " + now_error);
    last = now_error;
  }
}

// Ticks every account each interval until a signal or the deadline; progress is printed by a
// pump thread meanwhile, so a long tick's progress shows while it runs.
void run_until_stopped(const CommandContext& ctx, const ServeOptions& so, const ServeAccounts& accounts,
                       ServePrinter& printer, StopSignal& stop, ServeMonitor& monitor, cluster::LeaseManager* leases) {
  const bool has_deadline = so.duration_s.has_value();
  const auto deadline = Clock::now() + std::chrono::seconds(so.duration_s.value_or(0));
  const auto interval = std::chrono::milliseconds(so.tick_interval_ms);
  std::thread pump([&] {
    while (!stop.wait_until(Clock::now() + std::chrono::milliseconds(100))) printer.pump();
  });
  auto next = Clock::now();
  std::map<std::string, std::string> last_error;
  // Checked once before the first tick, whose auto-sync may take long: /readyz answers from the start.
  monitor.refresh(accounts.order, accounts.refused_ids());
  while (!stop.stop_requested()) {
    tick_all(ctx, accounts.order, last_error, leases);
    monitor.refresh(accounts.order, accounts.refused_ids());
    printer.pump();
    next += interval;
    if (next < Clock::now()) next = Clock::now();  // a tick longer than the interval: no catch-up burst
    if (stop.wait_until(has_deadline ? std::min(next, deadline) : next)) break;
    if (has_deadline && Clock::now() >= deadline) break;
  }
  stop.request();
  pump.join();
  if (stop.signal() != 0)
    ctx.runtime.log(OCEAN_LOG_INFO, "", std::string("stopping on ") + (stop.signal() == SIGINT ? "SIGINT" : "SIGTERM"));
}

// Logs go through a queue of their own while serve runs: a blocked stderr must not hold a
// plugin's log call (and with it a tick or a webhook) either.
// With --log-file the queue writes to the file's descriptor, which SIGHUP reopens in place.
class QueuedLogs {
 public:
  QueuedLogs(HostRuntime& runtime, LogFile* file)
      : runtime_(runtime), file_(file), queue_(file ? file->fd() : STDERR_FILENO, kMaxPendingOutput) {
    runtime_.set_log_sink([this](std::string line) { queue_.write(std::move(line)); });
  }
  ~QueuedLogs() {
    if (file_)
      runtime_.set_log_sink([file = file_](std::string line) { file->write(line); });
    else
      runtime_.set_log_sink({});
  }
  QueuedLogs(const QueuedLogs&) = delete;
  QueuedLogs& operator=(const QueuedLogs&) = delete;

 private:
  HostRuntime& runtime_;
  LogFile* file_;
  OutputQueue queue_;
};

// logrotate renames the file and sends SIGHUP: the next line goes to a new file at the path.
void reopen_on_hangup(const CommandContext& ctx, StopSignal& stop) {
  stop.on_hangup([&ctx] {
    if (!ctx.log_file) return ctx.runtime.log(OCEAN_LOG_INFO, "", "log", "SIGHUP: no --log-file to reopen");
    if (ctx.log_file->reopen())
      ctx.runtime.log(OCEAN_LOG_INFO, "", "log", "SIGHUP: reopened " + ctx.log_file->path().string());
    else
      ctx.runtime.log(OCEAN_LOG_WARN, "", "log", "SIGHUP: could not reopen " + ctx.log_file->path().string());
  });
}
}  // namespace

Report cmd_serve(const CommandContext& ctx) {
  const ServeOptions so = parse_serve_args(ctx.options.args);
  // First, before any plugin is loaded: every thread started from here on (listener, plugins'
  // own) inherits the blocked SIGINT/SIGTERM, so only the waiter takes them.
  StopSignal stop;
  if (!ctx.options.config) throw HostError(ExitCode::usage, "serve needs --config FILE");
  HostConfig config = load_host_config(*ctx.options.config);
  std::set<std::string> needed;
  for (const auto& a : config.accounts) needed.insert(a.plugin);
  ctx.runtime.secrets().set_config_secrets(config.secrets);
  if (ctx.options.secrets) ctx.runtime.secrets().load_file(*ctx.options.secrets);
  const Registry registry =
      discover({ctx.manifest_dir, ctx.plugin_dir, true, needed, config.module_data_root()}, ctx.runtime);

  Report r;
  r.data["command"] = "serve";
  std::cout << std::flush;  // the queues write to the descriptors directly from here on
  QueuedLogs logs(ctx.runtime, ctx.log_file);
  reopen_on_hangup(ctx, stop);
  OutputQueue out(STDOUT_FILENO, kMaxPendingOutput);
  ServePrinter printer(ctx.runtime, ctx.options.json, out);
  cluster::name_node(config, so.node_id);  // a PostgreSQL store: each plugin gets its lease
  ServeAccounts accounts = open_accounts(ctx, config, registry, r);
  const auto leases = cluster::join_as_node(ctx, config);
  ServeMonitor monitor;
  if (leases) monitor.add_families([&leases] { return cluster::lease_metrics(*leases); });
  std::unique_ptr<ConsoleHook> console = so.console ? make_console(ctx, config, registry, accounts) : nullptr;
  std::unique_ptr<HttpListener> listener;
  HttpHandler handler = serve_handler(ctx, accounts, monitor);
  const std::string url =
      listen(ctx, so, console ? console->wrap(std::move(handler)) : std::move(handler), accounts, printer, listener);
  if (console) {
    console->listening(url);
    printer.line(ctx.options.json ? json::serialize(json::object{{"console", url + "/console/"}})
                                  : "console at " + url + "/console/ (log in with the console_token secret)");
  }
  run_until_stopped(ctx, so, accounts, printer, stop, monitor, leases.get());
  listener->stop();  // no new deliveries; one already inside a plugin finishes
  if (leases) leases->leave();
  accounts.close_all();
  printer.pump();

  json::array states;
  for (auto* a : accounts.order) states.push_back(describe(*a));
  for (auto& v : accounts.refused) states.push_back(std::move(v));
  r.data["accounts"] = std::move(states);
  r.data["listening"] = url;
  if (leases) r.data["node"] = leases->node_id();
  if (config.accounts.empty()) r.data["note"] = "the config has no accounts";
  return r;
}

}  // namespace erp_host
