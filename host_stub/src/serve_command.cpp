// erp-host serve: every account started, a webhook listener and a tick loop until SIGINT/SIGTERM
// or --duration. Unlike the other commands it prints while it runs (the listening line, events,
// progress); its Report, printed at the end, says how each account finished.
#include "commands.hpp"

#include "discovery.hpp"
#include "host_config.hpp"
#include "json_io.hpp"
#include "progress.hpp"
#include "serve_account.hpp"
#include "serve_http.hpp"

#include "ocean/ocean_plugin.h"

#include <boost/json.hpp>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <thread>

namespace erp_host {
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {
struct ServeOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  std::int64_t tick_interval_ms = 1000;
  std::optional<std::int64_t> duration_s;
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
                      "usage: erp-host serve [--listen ADDR:PORT] [--tick-interval MS] [--duration SECS]");
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
    } else {
      throw HostError(ExitCode::usage, "serve does not know " + flag);
    }
  }
  return o;
}

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Prints what the plugins emit while serve runs: JSON lines with --json; otherwise progress
// through ProgressDisplay and one line per other event. Output from several threads stays whole.
class EventPrinter {
 public:
  EventPrinter(HostRuntime& runtime, bool json_mode, std::ostream& out)
      : runtime_(runtime), json_mode_(json_mode), out_(out), progress_(out, isatty(STDOUT_FILENO) == 1) {}

  void line(const std::string& text) {
    std::lock_guard lock(mutex_);
    progress_.end_line();
    out_ << text << "\n" << std::flush;
  }

  void pump() {
    std::lock_guard lock(mutex_);
    for (auto& e : runtime_.take_events()) {
      std::string error;
      auto parsed = parse_json(e.json, error);
      json::value event = parsed ? std::move(*parsed) : json::value(e.json);
      if (json_mode_) {
        out_ << json::serialize(json::object{{"account", e.account}, {"event", std::move(event)}}) << "\n";
      } else if (!progress_.show(e.account, event)) {
        progress_.end_line();
        const auto* type = event.is_object() ? event.get_object().if_contains("type") : nullptr;
        out_ << "event [" << e.account << "] "
             << (type && type->is_string() ? std::string(type->get_string()) : json::serialize(event)) << "\n";
      }
    }
    out_ << std::flush;
  }

 private:
  HostRuntime& runtime_;
  bool json_mode_;
  std::ostream& out_;
  std::mutex mutex_;
  ProgressDisplay progress_;
};

// SIGINT/SIGTERM are blocked in every thread serve starts and taken here with sigtimedwait, so
// no handler runs in the middle of a plugin call.
class StopSignal {
 public:
  StopSignal() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    waiter_ = std::thread([this] {
      const timespec step{0, 200 * 1000 * 1000};
      while (!stop_requested()) {
        const int sig = sigtimedwait(&set_, nullptr, &step);
        if (sig == SIGINT || sig == SIGTERM) {
          signal_ = sig;
          request();
        }
      }
    });
  }
  ~StopSignal() {
    request();
    waiter_.join();
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  void request() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
  }
  bool stop_requested() {
    std::lock_guard lock(mutex_);
    return stop_;
  }
  // True when stop was requested before `until`.
  bool wait_until(Clock::time_point until) {
    std::unique_lock lock(mutex_);
    return cv_.wait_until(lock, until, [this] { return stop_; });
  }
  int signal() const { return signal_.load(); }

 private:
  sigset_t set_{};
  sigset_t previous_{};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<int> signal_{0};
  std::thread waiter_;
};

json::object describe(const ServeAccount& a) {
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
}  // namespace

Report cmd_serve(const CommandContext& ctx) {
  const ServeOptions so = parse_serve_args(ctx.options.args);
  // First, before any plugin is loaded: every thread started from here on (listener, plugins'
  // own) inherits the blocked SIGINT/SIGTERM, so only the waiter takes them.
  StopSignal stop;
  if (!ctx.options.config) throw HostError(ExitCode::usage, "serve needs --config FILE");
  const HostConfig config = load_host_config(*ctx.options.config);
  std::set<std::string> needed;
  for (const auto& a : config.accounts) needed.insert(a.plugin);
  ctx.runtime.secrets().set_config_secrets(config.secrets);
  if (ctx.options.secrets) ctx.runtime.secrets().load_file(*ctx.options.secrets);
  const Registry registry =
      discover({ctx.manifest_dir, ctx.plugin_dir, true, needed, config.module_data_root()}, ctx.runtime);

  Report r;
  r.data["command"] = "serve";
  json::array refused;
  std::map<std::string, std::unique_ptr<ServeAccount>> accounts;  // by id, for webhook routing
  std::vector<ServeAccount*> order;                               // config order, for ticks
  for (const auto& account : config.accounts) {
    try {
      auto a = std::make_unique<ServeAccount>(config, bind_account(config, account, registry), ctx.runtime);
      if (!a->open()) r.fail(ExitCode::call_failed, "account " + account.id + ": " + a->failure()->describe());
      order.push_back(a.get());
      accounts.emplace(account.id, std::move(a));
    } catch (const HostError& e) {
      r.fail(e.code(), e.what());
      refused.push_back(
          json::object{{"id", account.id},
                       {"plugin", account.plugin},
                       {"state", "refused"},
                       {"error", json::object{{"step", "bind"}, {"status", nullptr}, {"message", e.what()}}}});
    }
  }

  EventPrinter printer(ctx.runtime, ctx.options.json, std::cout);
  auto handle = [&](const HttpRequest& req) -> HttpAnswer {
    const auto id = webhook_account(req.target);
    if (!id) return {404, "no such route; webhooks go to POST /webhooks/<account id>\n"};
    if (req.method != "POST") return {405, "webhooks are POSTed\n", "text/plain", {{"Allow", "POST"}}};
    const auto it = accounts.find(*id);
    if (it == accounts.end()) return {404, "no account '" + *id + "' in this host\n"};
    const auto outcome = it->second->webhook(req.headers, req.body, wall_ms());
    ctx.runtime.log(outcome.http_status == 200 ? OCEAN_LOG_INFO : OCEAN_LOG_WARN, *id,
                    "webhook (" + std::to_string(req.body.size()) + " bytes): " + std::to_string(outcome.http_status) +
                        " " + outcome.status + (outcome.message.empty() ? "" : ": " + outcome.message));
    if (outcome.http_status == 200) return {200, ""};
    return {outcome.http_status, ctx.runtime.secrets().redact(outcome.message) + "\n"};
  };
  std::unique_ptr<HttpListener> listener;
  try {
    listener = std::make_unique<HttpListener>(so.address, so.port, OCEAN_MAX_PAYLOAD_BYTES, handle);
  } catch (const std::exception& e) {
    for (auto it = order.rbegin(); it != order.rend(); ++it) (*it)->close();
    throw HostError(ExitCode::usage, std::string("serve: ") + e.what());
  }
  const std::string host =
      listener->address().find(':') != std::string::npos ? "[" + listener->address() + "]" : listener->address();
  const std::string url = "http://" + host + ":" + std::to_string(listener->port());
  printer.line(ctx.options.json ? json::serialize(json::object{{"listening", url}}) : "listening on " + url);
  ctx.runtime.log(OCEAN_LOG_INFO, "",
                  "serving webhooks at " + url + "/webhooks/<account id>, tick every " +
                      std::to_string(so.tick_interval_ms) + " ms");

  const bool has_deadline = so.duration_s.has_value();
  const auto deadline = Clock::now() + std::chrono::seconds(so.duration_s.value_or(0));
  const auto interval = std::chrono::milliseconds(so.tick_interval_ms);
  // Progress of a long tick is shown while it runs, not after.
  std::thread pump([&] {
    while (!stop.wait_until(Clock::now() + std::chrono::milliseconds(100))) printer.pump();
  });
  auto next = Clock::now();
  std::map<std::string, std::string> last_tick_error;  // log a failing tick once per change
  while (!stop.stop_requested()) {
    for (auto* a : order) {
      if (!a->started()) continue;
      const auto status = a->tick(wall_ms());
      std::string& last = last_tick_error[a->account_id()];
      const std::string now_error = status.ok() ? std::string() : status.describe();
      if (now_error != last && !now_error.empty())
        ctx.runtime.log(OCEAN_LOG_WARN, a->account_id(), "tick failed: " + now_error);
      last = now_error;
    }
    printer.pump();
    next += interval;
    if (next < Clock::now()) next = Clock::now();  // a tick longer than the interval: no catch-up burst
    const auto until = has_deadline ? std::min(next, deadline) : next;
    if (stop.wait_until(until)) break;
    if (has_deadline && Clock::now() >= deadline) break;
  }
  stop.request();
  pump.join();
  if (stop.signal() != 0)
    ctx.runtime.log(OCEAN_LOG_INFO, "", std::string("stopping on ") + (stop.signal() == SIGINT ? "SIGINT" : "SIGTERM"));
  listener->stop();  // no new deliveries; one already inside a plugin finishes
  for (auto it = order.rbegin(); it != order.rend(); ++it) (*it)->close();
  printer.pump();

  json::array states;
  for (auto* a : order) states.push_back(describe(*a));
  for (auto& v : refused) states.push_back(std::move(v));
  r.data["accounts"] = std::move(states);
  r.data["listening"] = url;
  if (config.accounts.empty()) r.data["note"] = "the config has no accounts";
  return r;
}

}  // namespace erp_host
