// Read routes: the plugins found, the accounts with their state, the data a configuration dialog
// is rendered from, and a capability call on an account (an allow-listed set).
#include "console/console_http.hpp"
#include "console/console_state.hpp"
#include "session.hpp"
#include "suggest.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace erp_host::console {
namespace json = boost::json;

namespace {
const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::loaded: return "loaded";
    case Stage::validated: return "validated";
    case Stage::refused: break;
  }
  return "refused";
}

json::object plugin_json(const PluginEntry& e) {
  const Manifest& m = *e.manifest;
  json::array features;
  std::size_t capabilities = m.core_capabilities.size();
  for (const auto& f : m.features) {
    features.push_back(json::object{{"id", f.id}, {"name", f.name}, {"default", f.default_on}});
    capabilities += f.capabilities.size();
  }
  json::array regions;
  for (const auto& r : m.regions) regions.emplace_back(r);
  return {{"id", m.id},
          {"name", m.name},
          {"vendor", m.vendor},
          {"version", m.version},
          {"marketplace", m.marketplace},
          {"description", m.description},
          {"regions", std::move(regions)},
          {"features", std::move(features)},
          {"capabilities", capabilities},
          {"stub", capabilities == 0},  // a manifest that declares nothing it can do
          {"stage", stage_name(e.stage)}};
}

bool has_capability(const Manifest* m, const std::string& capability) {
  if (!m) return false;
  if (std::count(m->core_capabilities.begin(), m->core_capabilities.end(), capability)) return true;
  return !m->feature_of(capability).empty();
}

// Capabilities the page calls: reads, and the actions it offers (retry a dead letter, plan a LIVE
// session from the dashboard).
const std::set<std::string> kCallable = {"account.status",
                                         "sync.status",
                                         "integration_log.search",
                                         "dead_letters.search",
                                         "dead_letters.retry",
                                         "health.read",
                                         "metrics.read",
                                         "orders.search",
                                         "products.search",
                                         "live.sessions.plan",
                                         "analytics.shop_performance",
                                         "analytics.video_performance",
                                         "analytics.product_performance",
                                         "live.sessions.list",
                                         "live.sessions.performance",
                                         "affiliate.creators.search",
                                         "affiliate.creators.summary",
                                         "affiliate.orders.search"};

bool is_secret_property(const json::value& p) {
  const auto* o = p.if_object();
  if (!o) return false;
  auto flag = [&](const char* key) {
    const auto* v = o->if_contains(key);
    return v && v->is_bool() && v->get_bool();
  };
  const auto* format = o->if_contains("format");
  return flag("x-secret") || flag("writeOnly") || (format && format->is_string() && format->get_string() == "password");
}
}  // namespace

std::optional<json::object> read_body(const std::string& body, std::initializer_list<const char*> allowed,
                                      std::string& error, std::string& field) {
  boost::system::error_code ec;
  const json::value doc = json::parse(body.empty() ? std::string("{}") : body, ec);
  if (ec || !doc.is_object()) {
    error = "the request body must be a JSON object" + (ec ? ": " + ec.message() : std::string());
    return std::nullopt;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& kv : doc.get_object()) {
    if (std::find(names.begin(), names.end(), kv.key()) != names.end()) continue;
    field = std::string(kv.key());
    error = field + ": unknown field" + did_you_mean(field, names);
    return std::nullopt;
  }
  return doc.get_object();
}

json::value invoke_json(ConsoleState& s, const std::string& account, const std::string& capability,
                        const std::string& request, int& status) {
  AccountSession* session = s.deps.session(account);
  if (!session || !session->started()) {
    status = 409;
    return json::object{{"error", json::object{{"message", "account " + account + " is not running"}}}};
  }
  std::string response;
  const auto result = session->invoke(capability, request, response);
  auto& secrets = s.deps.runtime.secrets();
  if (!result.ok()) {
    status = 400;
    return json::object{
        {"error", json::object{{"status", result.name()}, {"message", secrets.redact(result.message)}}}};
  }
  boost::system::error_code ec;
  json::value answer = json::parse(secrets.redact(response), ec);
  status = ec ? 502 : 200;
  if (ec) return json::object{{"error", json::object{{"message", capability + " answered text that is not JSON"}}}};
  return answer;
}

HttpAnswer plugins_answer(ConsoleState& s) {
  json::array plugins;
  for (const auto& e : s.deps.registry.entries)
    if (e.manifest) plugins.push_back(plugin_json(e));
  return json_answer(200, json::object{{"plugins", std::move(plugins)}});
}

HttpAnswer accounts_answer(ConsoleState& s) {
  json::array out;
  for (const auto& a : s.deps.config.accounts) {
    AccountSession* session = s.deps.session(a.id);
    json::object o{{"id", a.id},
                   {"plugin", a.plugin},
                   {"default", s.deps.config.default_account == a.id},
                   {"state", session ? session->state() : "refused"}};
    if (const auto* cfg = a.config.if_object())
      if (const auto* region = cfg->if_contains("region")) o["region"] = *region;
    json::object features;
    if (session)
      for (const auto& [id, on] : session->features()) features[id] = on;
    o["features"] = std::move(features);
    if (session && session->started() && has_capability(session->manifest(), "account.status")) {
      int status = 0;
      o["link"] = invoke_json(s, a.id, "account.status", "{}", status);
    }
    out.push_back(std::move(o));
  }
  return json_answer(200, json::object{{"accounts", std::move(out)}});
}

HttpAnswer form_answer(ConsoleState& s, const std::string& account) {
  const auto it = std::find_if(s.deps.config.accounts.begin(), s.deps.config.accounts.end(),
                               [&](const AccountConfig& a) { return a.id == account; });
  if (it == s.deps.config.accounts.end()) return error_answer(404, "no account " + account);
  const PluginEntry* entry = s.deps.registry.find(it->plugin);
  if (!entry || !entry->manifest) return error_answer(409, "plugin " + it->plugin + " has no usable manifest");
  const json::value& schema = entry->manifest->config_schema;
  json::object values;
  json::array secrets_set;  // secret fields that have a value: the page says so, never shows it
  const auto* props = schema.is_object() ? schema.get_object().if_contains("properties") : nullptr;
  const auto saved = saved_account_config(s, account);
  if (const auto* cfg = saved ? &*saved : it->config.if_object())
    for (const auto& kv : *cfg) {
      const auto* p = props && props->is_object() ? props->get_object().if_contains(kv.key()) : nullptr;
      if (p && is_secret_property(*p))
        secrets_set.emplace_back(kv.key());
      else
        values[kv.key()] = kv.value();
    }
  return json_answer(200, json::object{{"account", account},
                                       {"plugin", it->plugin},
                                       {"schema", schema},
                                       {"values", std::move(values)},
                                       {"secrets_set", std::move(secrets_set)}});
}

HttpAnswer call_answer(ConsoleState& s, const std::string& account, const std::string& capability,
                       const std::string& body) {
  if (!kCallable.count(capability)) {
    std::vector<std::string> known(kCallable.begin(), kCallable.end());
    return error_answer(403, "the console does not call " + capability + did_you_mean(capability, known));
  }
  std::string error, field;
  const auto request = read_body(body, {"request"}, error, field);
  if (!request) return error_answer(400, error, field);
  const auto* inner = request->if_contains("request");
  if (inner && !inner->is_object()) return error_answer(400, "request: must be a JSON object", "request");
  int status = 0;
  json::value answer = invoke_json(s, account, capability, inner ? json::serialize(*inner) : "{}", status);
  return json_answer(status, answer);
}

}  // namespace erp_host::console
