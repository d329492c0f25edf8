#include "host_config.hpp"

#include "secret_refs.hpp"
#include "suggest.hpp"

#include "cluster/store_config.hpp"

#include "embedded_schemas.hpp"
#include "exit_codes.hpp"
#include "json_io.hpp"

#include "ocean_common/json_schema.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace erp_host {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
// A config field holds a secret when its schema says so: the project's x-secret, or the standard
// form hints a plugin author may use alone, writeOnly and format "password".
bool is_secret_field(const json::value& field_schema) {
  if (!field_schema.is_object()) return false;
  const auto& s = field_schema.get_object();
  auto is_true = [&](const char* key) {
    const auto* v = s.if_contains(key);
    return v && v->is_bool() && v->get_bool();
  };
  const auto* format = s.if_contains("format");
  return is_true("x-secret") || is_true("writeOnly") ||
         (format && format->is_string() && format->get_string() == "password");
}

const ocean::json_schema::Validator& config_validator() {
  static const ocean::json_schema::Validator validator = [] {
    std::string error;
    auto schema = parse_json(host_config_schema_text(), error);
    if (!schema) throw std::logic_error("embedded host config schema does not parse: " + error);
    return ocean::json_schema::Validator(std::move(*schema));
  }();
  return validator;
}
bool valid_operator_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (const char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '.' && ch != '@' && ch != '-') return false;
  return true;
}
}  // namespace

const AccountConfig& HostConfig::account(const std::string& id) const {
  std::string wanted = id;
  if (wanted.empty() || wanted == "-") {
    if (!default_account)
      throw HostError(ExitCode::usage, "no account given and " + file.filename().string() + " sets no default_account");
    wanted = *default_account;
  }
  for (const auto& a : accounts)
    if (a.id == wanted) return a;
  std::string known;
  std::vector<std::string> ids;
  for (const auto& a : accounts) {
    known += (known.empty() ? "" : ", ") + a.id;
    ids.push_back(a.id);
  }
  throw HostError(ExitCode::usage, "no account " + wanted + " in " + file.filename().string() +
                                       did_you_mean(wanted, ids) +
                                       (known.empty() ? " (it has none)" : " (accounts: " + known + ")"));
}

fs::path HostConfig::data_dir_for(const AccountConfig& a) const { return data_dir / a.id; }

HostConfig load_host_config(const fs::path& file) {
  std::string error;
  const auto text = read_bounded_file(file, kMaxHostConfigBytes, error);
  if (!text) throw HostError(ExitCode::config, "config " + file.string() + ": " + error);
  return parse_host_config(*text, file);
}

HostConfig parse_host_config(std::string_view text, const fs::path& file) {
  const std::string where = "config " + file.string() + ": ";
  std::string error;
  const auto doc = parse_json(text, error);
  if (!doc) throw HostError(ExitCode::config, where + "not valid JSON: " + error);
  const auto errors = config_validator().validate(*doc);
  if (!errors.empty()) throw HostError(ExitCode::config, where + ocean::json_schema::join(errors));

  const auto& o = doc->as_object();
  HostConfig c;
  c.file = file;
  fs::path data_dir(std::string(o.at("data_dir").as_string()));
  // Relative paths follow the config file, not the current directory, so a config is portable.
  if (data_dir.is_relative()) data_dir = fs::absolute(file).parent_path() / data_dir;
  c.data_dir = data_dir.lexically_normal();
  if (const auto* d = o.if_contains("secrets"))
    for (const auto& kv : d->as_object()) c.secrets[std::string(kv.key())] = std::string(kv.value().as_string());

  std::map<std::string, std::size_t> seen;
  const auto& accounts = o.at("accounts").as_array();
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const auto& a = accounts[i].as_object();
    AccountConfig account;
    account.index = i;
    account.id = a.at("id").as_string();
    account.plugin = a.at("plugin").as_string();
    account.config = a.contains("config") ? a.at("config") : json::value(json::object());
    if (const auto* f = a.if_contains("features"))
      for (const auto& kv : f->as_object()) account.features[std::string(kv.key())] = kv.value().as_bool();
    if (const auto* ops = a.if_contains("operators"))
      for (const auto& kv : ops->as_object()) {
        const std::string name(kv.key());
        if (!valid_operator_name(name))
          throw HostError(ExitCode::config, where + account.pointer() + "/operators: operator name '" + name +
                                                "' must start with a letter or digit and use only letters, digits, "
                                                "'_', '.', '@' or '-' (at most 64 characters)");
        account.operators[name] = std::string(kv.value().as_string());
      }
    if (auto [it, inserted] = seen.emplace(account.id, i); !inserted)
      throw HostError(ExitCode::config, where + account.pointer() + "/id: account " + account.id +
                                            " is already defined at /accounts/" + std::to_string(it->second));
    c.accounts.push_back(std::move(account));
  }
  cluster::read_store_settings(o, where, c);
  if (const auto* d = o.if_contains("default_account")) {
    c.default_account = std::string(d->as_string());
    if (!seen.count(*c.default_account))
      throw HostError(ExitCode::config, where + "/default_account: no account " + *c.default_account);
  }
  return c;
}

namespace {
// {"secret": NAME} references become the secrets' values before the schema sees the config.
void resolve_references(const HostConfig& config, const AccountConfig& account, const Manifest& m,
                        const SecretSource& secrets, BoundAccount& bound) {
  if (!bound.plugin_config.is_object()) return;
  const auto problems =
      resolve_secret_refs(m.config_schema, bound.plugin_config.get_object(), secrets, bound.secret_values);
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) text += (text.empty() ? "" : "; ") + account.pointer() + "/config" + p.message;
  throw HostError(ExitCode::config, "config " + config.file.string() + ": " + text);
}
}  // namespace

BoundAccount bind_account(const HostConfig& config, const AccountConfig& account, const Registry& registry,
                          const SecretSource& secrets) {
  const std::string where = "config " + config.file.string() + ": " + account.pointer();
  const PluginEntry* entry = registry.find(account.plugin);
  if (!entry)
    throw HostError(ExitCode::config, where + "/plugin: no plugin " + account.plugin + " among the manifests in " +
                                          registry.manifest_dir.string());
  if (entry->stage != Stage::loaded) {
    std::string why;
    for (const auto& p : entry->problems) why += (why.empty() ? "" : "; ") + p;
    throw HostError(ExitCode::load, "account " + account.id + ": plugin " + account.plugin +
                                        " is not usable: " + (why.empty() ? "it was not loaded" : why));
  }
  const Manifest& m = *entry->manifest;
  BoundAccount bound{&account, entry, {}, {}, cluster::plugin_config(config, account)};
  resolve_references(config, account, m, secrets, bound);
  const auto errors = ocean::json_schema::validate(m.config_schema, bound.plugin_config);
  if (!errors.empty()) {
    std::string text;
    for (const auto& e : errors)
      text += (text.empty() ? "" : "; ") + account.pointer() + "/config" + e.pointer + ": " + e.message;
    throw HostError(ExitCode::config, "config " + config.file.string() + ": " + text);
  }
  if (config.store)
    if (auto password = cluster::conninfo_password(config.store->postgresql)) bound.secret_values.push_back(*password);
  // Values of fields the manifest marks secret (x-secret, writeOnly, format password) are masked
  // in every log line.
  if (const auto* props =
          m.config_schema.is_object() ? m.config_schema.get_object().if_contains("properties") : nullptr;
      props && props->is_object() && bound.plugin_config.is_object()) {
    for (const auto& kv : props->get_object()) {
      const auto* value = bound.plugin_config.get_object().if_contains(kv.key());
      if (is_secret_field(kv.value()) && value && value->is_string())
        bound.secret_values.emplace_back(value->get_string());
    }
  }
  // The manifest's defaults and the host's per-account overrides. What the plugin's own config
  // switches (its "features" object) is the plugin's business: the session reads every state back
  // from the plugin once it is configured (ABI 1.1 get_feature), so the rule lives on one side.
  for (const auto& f : m.features) bound.features[f.id] = f.default_on;
  // Operators hold roles the plugin's manifest declares.
  for (const auto& [name, role] : account.operators) {
    if (m.find_role(role)) continue;
    std::string known;
    for (const auto& r : m.roles) known += (known.empty() ? "" : ", ") + r.id;
    throw HostError(ExitCode::config, where + "/operators/" + name + ": role " + role + " is not a role of plugin " +
                                          m.id + (known.empty() ? " (it declares none)" : " (roles: " + known + ")"));
  }
  for (const auto& [id, on] : account.features) {
    if (!bound.features.count(id))
      throw HostError(ExitCode::config, where + "/features/" + id + ": plugin " + m.id + " has no feature " + id);
    bound.features[id] = on;
  }
  return bound;
}

}  // namespace erp_host
