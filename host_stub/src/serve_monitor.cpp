#include "serve_monitor.hpp"

#include "json_io.hpp"
#include "prometheus_text.hpp"
#include "session.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;

namespace {
// A capability's answer as an object; nullopt when the plugin has no such capability or it failed
// (`error` says why).
std::optional<json::object> ask(AccountSession& a, const char* capability, std::string& error) {
  std::string response;
  const auto status = a.invoke(capability, "{}", response);
  if (!status.ok()) {
    error = status.code == OCEAN_UNSUPPORTED ? "" : std::string(capability) + " failed: " + status.describe();
    return std::nullopt;
  }
  std::string parse_error;
  auto parsed = parse_json(response, parse_error);
  if (!parsed || !parsed->is_object()) {
    error = std::string(capability) + " answered no JSON object";
    return std::nullopt;
  }
  return std::move(parsed->as_object());
}

json::object sample(json::object labels, std::int64_t value) {
  return json::object{{"labels", std::move(labels)}, {"value", value}};
}
}  // namespace

ServeMonitor::ServeMonitor() : started_at_(std::chrono::steady_clock::now()) {}

ServeMonitor::AccountView ServeMonitor::observe(AccountSession& a) {
  AccountView v{a.account_id(), a.plugin_id(), a.state(), a.started(), {}, false, {}};
  if (!v.started) {
    v.health = json::object{{"ready", false}, {"reason", "the account is " + v.state + ", not started"}};
    if (const auto& f = a.failure()) v.health["reason"] = f->describe();
    return v;
  }
  std::string error;
  if (auto h = ask(a, "health.read", error)) {
    v.health = std::move(*h);
    const auto* ready = v.health.if_contains("ready");
    v.ready = ready && ready->is_bool() && ready->as_bool();
  } else {
    v.ready = error.empty();  // no health.read: started is all the host can know
    v.health = json::object{{"ready", v.ready}};
    if (!error.empty()) v.health["reason"] = error;
  }
  error.clear();
  if (auto m = ask(a, "metrics.read", error)) {
    if (auto* families = m->if_contains("families"); families && families->is_array())
      v.families = std::move(families->as_array());
  }
  return v;
}

void ServeMonitor::refresh(const std::vector<AccountSession*>& accounts, const std::vector<std::string>& refused) {
  std::vector<AccountView> views;
  for (auto* a : accounts) views.push_back(observe(*a));
  for (const auto& id : refused) {
    AccountView v{id, "", "refused", false, {}, false, {}};
    v.health = json::object{{"ready", false}, {"reason", "the account could not be opened (see the serve report)"}};
    views.push_back(std::move(v));
  }
  std::lock_guard lock(mutex_);
  views_ = std::move(views);
  observed_ = true;
}

void ServeMonitor::count_webhook(const std::string& account, int status) {
  std::lock_guard lock(mutex_);
  ++webhooks_[{account, status}];
}

HttpAnswer ServeMonitor::healthz() const {
  const auto up = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_at_);
  return {200, json::serialize(json::object{{"status", "ok"}, {"uptime_seconds", up.count()}}) + "\n",
          "application/json"};
}

HttpAnswer ServeMonitor::readyz() const {
  std::lock_guard lock(mutex_);
  json::array accounts;
  bool ready = observed_;
  for (const auto& v : views_) {
    json::object o{{"id", v.id}, {"plugin", v.plugin}, {"state", v.state}};
    for (const auto& [k, value] : v.health)
      if (k != "schema") o[k] = value;
    o["ready"] = v.ready;
    ready = ready && v.ready;
    accounts.push_back(std::move(o));
  }
  json::object body{{"ready", ready}, {"accounts", std::move(accounts)}};
  if (!observed_) body["reason"] = "the accounts have not been checked yet";
  return {ready ? 200 : 503, json::serialize(body) + "\n", "application/json"};
}

HttpAnswer ServeMonitor::metrics() const {
  std::lock_guard lock(mutex_);
  json::array up, ready, webhooks;
  std::vector<MetricSource> sources;
  for (const auto& v : views_) {
    up.push_back(sample({{"account", v.id}, {"plugin", v.plugin}}, v.started ? 1 : 0));
    ready.push_back(sample({{"account", v.id}}, v.ready ? 1 : 0));
    sources.push_back({v.id, v.families});
  }
  for (const auto& [key, n] : webhooks_)
    webhooks.push_back(sample({{"account", key.first.empty() ? "-" : key.first}, {"code", std::to_string(key.second)}},
                              static_cast<std::int64_t>(n)));
  const auto uptime =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_at_).count();
  json::array host{json::object{{"name", "ocean_up"},
                                {"type", "gauge"},
                                {"help", "1 while erp-host serve runs"},
                                {"samples", json::array{sample({}, 1)}}},
                   json::object{{"name", "ocean_uptime_seconds"},
                                {"type", "gauge"},
                                {"help", "seconds since serve started"},
                                {"samples", json::array{sample({}, uptime)}}},
                   json::object{{"name", "ocean_account_started"},
                                {"type", "gauge"},
                                {"help", "1 when the account is started"},
                                {"samples", std::move(up)}},
                   json::object{{"name", "ocean_account_ready"},
                                {"type", "gauge"},
                                {"help", "1 when the account is started and its token valid (see /readyz)"},
                                {"samples", std::move(ready)}},
                   json::object{{"name", "ocean_webhook_requests_total"},
                                {"type", "counter"},
                                {"help", "webhook HTTP requests answered, by account and HTTP status"},
                                {"samples", std::move(webhooks)}}};
  if (extra_)
    for (auto& f : extra_()) host.push_back(std::move(f));
  sources.insert(sources.begin(), MetricSource{"", std::move(host)});
  return {200, render_prometheus(sources), "text/plain; version=0.0.4; charset=utf-8"};
}

}  // namespace erp_host
