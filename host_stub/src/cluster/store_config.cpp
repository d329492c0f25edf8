#include "cluster/store_config.hpp"

#include "exit_codes.hpp"

#include "ocean_common/pg.hpp"

#include <boost/json.hpp>
#include <libpq-fe.h>

#include <map>
#include <memory>

namespace erp_host::cluster {
namespace json = boost::json;

namespace {
// PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), which could merge two schemas.
constexpr std::size_t kMaxIdentifierBytes = 63;

void check_schemas(const HostConfig& config, const std::string& where) {
  std::map<std::string, const AccountConfig*> owners;
  for (const auto& a : config.accounts) {
    const std::string schema = account_schema(a.id);
    if (schema.size() > kMaxIdentifierBytes)
      throw HostError(ExitCode::config, where + a.pointer() + "/id: account " + a.id + " is too long for a " +
                                            "PostgreSQL store (its schema " + schema + " passes 63 characters)");
    const auto [it, inserted] = owners.emplace(schema, &a);
    if (!inserted)
      throw HostError(ExitCode::config, where + a.pointer() + "/id: account " + a.id + " and account " +
                                            it->second->id + " (" + it->second->pointer() + ") would share the " +
                                            "PostgreSQL schema " + schema + "; rename one of them");
  }
}

int int_member(const json::object& o, const char* key, int fallback) {
  const auto* v = o.if_contains(key);
  return v ? static_cast<int>(v->to_number<std::int64_t>()) : fallback;
}
}  // namespace

std::string account_schema(std::string_view account_id) {
  std::string schema = "acct_";
  for (const char ch : account_id) {
    const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    const bool upper = ch >= 'A' && ch <= 'Z';
    schema.push_back(keep ? ch : upper ? static_cast<char>(ch - 'A' + 'a') : '_');
  }
  return schema;
}

void read_store_settings(const json::object& doc, const std::string& where, HostConfig& config) {
  if (const auto* c = doc.if_contains("cluster")) {
    config.cluster.lease_seconds = int_member(c->as_object(), "lease_seconds", config.cluster.lease_seconds);
    config.cluster.renew_seconds = int_member(c->as_object(), "renew_seconds", config.cluster.renew_seconds);
    // Two renewals may fail (a slow database, a long GC) before the lease runs out.
    if (config.cluster.renew_seconds * 3 > config.cluster.lease_seconds)
      throw HostError(ExitCode::config, where + "/cluster/renew_seconds: must be at most a third of " +
                                            "lease_seconds (" + std::to_string(config.cluster.lease_seconds) +
                                            "), so a lease survives two missed renewals");
  }
  const auto* s = doc.if_contains("store");
  if (!s) {
    if (doc.contains("cluster"))
      throw HostError(ExitCode::config, where + "/cluster: needs /store/postgresql (accounts are shared out through " +
                                            "leases in PostgreSQL)");
    return;
  }
  config.store = StoreSettings{std::string(s->as_object().at("postgresql").as_string())};
  check_schemas(config, where);
}

json::value plugin_config(const HostConfig& config, const AccountConfig& account) {
  if (!config.store) return account.config;
  json::object merged = account.config.is_object() ? account.config.get_object() : json::object();
  if (merged.contains("store"))
    throw HostError(ExitCode::config, "config " + config.file.string() + ": " + account.pointer() +
                                          "/config/store: the top-level /store/postgresql applies to every " +
                                          "account; remove the account's own store");
  json::object store{{"postgresql", config.store->postgresql}, {"schema", account_schema(account.id)}};
  if (config.lease_node) store["lease"] = json::object{{"account", account.id}, {"node", *config.lease_node}};
  merged["store"] = std::move(store);
  return merged;
}

std::string with_host_store(const std::string& config_json, const json::value& bound_plugin_config) {
  const auto* bound = bound_plugin_config.if_object();
  const auto* store = bound ? bound->if_contains("store") : nullptr;
  if (!store) return config_json;
  boost::system::error_code ec;
  json::value config = json::parse(config_json, ec);
  if (ec || !config.is_object()) return config_json;  // the plugin refuses it with its own message
  config.get_object()["store"] = *store;
  return json::serialize(config);
}

json::object describe_store(const HostConfig& config) {
  if (!config.store) return {{"backend", "sqlite"}, {"data_dir", config.data_dir.string()}};
  return {{"backend", "postgresql"},
          {"postgresql", ocean::pg::redact_conninfo(config.store->postgresql)},
          {"schemas", "acct_<account id>"},
          {"lease_seconds", config.cluster.lease_seconds},
          {"renew_seconds", config.cluster.renew_seconds}};
}

std::optional<std::string> conninfo_password(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(conninfo.c_str(), &error),
                                                                       &PQconninfoFree);
  if (error) PQfreemem(error);
  if (!options) return std::nullopt;
  for (auto* o = options.get(); o->keyword; ++o)
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) return std::string(o->val);
  return std::nullopt;
}

}  // namespace erp_host::cluster
