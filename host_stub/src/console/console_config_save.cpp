// Saving the configuration dialog: the plugin's own validation first (configure on a scratch
// instance in a temporary directory), then the manifest's config_schema; every error names its
// field so the page can show it under the input. A config that passes replaces the account's
// "config" in the host config file atomically (a new file, fsync, rename; mode 0600). A new value
// of a secret field goes to the --secrets FILE as <account>_<field>; the host config gets a
// {"secret": NAME} reference in its place (secret_refs.hpp), so it never holds the secret.
#include "console/console_http.hpp"
#include "console/console_state.hpp"
#include "exit_codes.hpp"
#include "json_io.hpp"
#include "secret_refs.hpp"
#include "session.hpp"

#include "ocean/host/plugin.hpp"
#include "ocean_common/json_schema.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace erp_host::console {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
struct FieldError {
  std::string field;
  std::string message;
};

// "config field 'webhook_url' must use https; config field 'region' ..." (the TikTok plugin), or
// "/region: ..." (a JSON pointer): one error per part, with the field it names.
std::vector<FieldError> split_plugin_errors(const std::string& message) {
  std::vector<FieldError> out;
  std::size_t start = 0;
  while (start < message.size()) {
    auto end = message.find("; ", start);
    const std::string part = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string field;
    if (const auto at = part.find("config field '"); at != std::string::npos) {
      const auto from = at + 14;
      field = part.substr(from, part.find('\'', from) - from);
    } else if (!part.empty() && part[0] == '/') {
      field = part.substr(1, part.find_first_of("/:") - 1);
    }
    out.push_back({field, part});
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

std::vector<FieldError> plugin_errors(ConsoleState& s, const PluginEntry& entry, const json::object& config) {
  std::string pattern = (fs::temp_directory_path() / "ocean-console-check-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return {{"", "cannot make a scratch directory to check the config"}};
  std::vector<FieldError> out;
  try {
    auto instance = ocean::host::Instance::create(entry.plugin, "console-check", pattern, s.deps.runtime.hooks());
    const auto status = instance->configure(json::serialize(config));
    if (!status.ok()) out = split_plugin_errors(s.deps.runtime.secrets().redact(status.message));
  } catch (const ocean::host::PluginError& e) {
    out.push_back({"", s.deps.runtime.secrets().redact(e.status().describe())});
  }
  std::error_code ec;
  fs::remove_all(pattern, ec);
  return out;
}

// Schema errors for fields the plugin did not already complain about.
void add_schema_errors(const Manifest& m, const json::object& config, std::vector<FieldError>& errors) {
  for (const auto& e : ocean::json_schema::validate(m.config_schema, config)) {
    const std::string field = e.pointer.empty() ? "" : e.pointer.substr(1, e.pointer.find('/', 1) - 1);
    const bool known = std::any_of(errors.begin(), errors.end(), [&](const FieldError& f) { return f.field == field; });
    if (!known) errors.push_back({field, (e.pointer.empty() ? std::string() : e.pointer + ": ") + e.message});
  }
}

// A secret field left empty keeps the value it has: the page never receives it to send back.
void keep_secrets(const Manifest& m, const json::object& old_config, json::object& config) {
  const auto* props = m.config_schema.is_object() ? m.config_schema.get_object().if_contains("properties") : nullptr;
  if (!props || !props->is_object()) return;
  for (const auto& kv : props->get_object()) {
    if (!is_secret_config_field(m.config_schema, kv.key())) continue;
    const auto* sent = config.if_contains(kv.key());
    if (sent && !(sent->is_string() && sent->get_string().empty())) continue;
    if (const auto* old = old_config.if_contains(kv.key()))
      config[kv.key()] = *old;
    else
      config.erase(kv.key());
  }
}

// Writes `text` next to `file` and renames it over it, so a reader sees the old or the new file.
std::string replace_file(const fs::path& file, const std::string& text) {
  std::string tmp = (file.parent_path() / ("." + file.filename().string() + ".console-XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return "cannot create a file next to " + file.string();
  fchmod(fd, 0600);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), file.c_str()) == 0) return {};
  ::unlink(tmp.c_str());
  return "cannot write " + file.string();
}

// Secret fields the page sent a new value for: they go to the secrets file, not the host config.
std::vector<std::string> new_secret_fields(const Manifest& m, const json::object& sent) {
  std::vector<std::string> out;
  for (const auto& kv : sent)
    if (is_secret_config_field(m.config_schema, kv.key()) && kv.value().is_string() && !kv.value().get_string().empty())
      out.emplace_back(kv.key());
  return out;
}

std::vector<FieldError> secrets_file_needed(ConsoleState& s, const std::vector<std::string>& fields) {
  std::vector<FieldError> out;
  if (s.deps.runtime.secrets().file()) return out;
  for (const auto& f : fields)
    out.push_back({f, "/" + f +
                          ": a new secret is kept in the host's secrets file, never in the host config: start "
                          "erp-host serve with --secrets FILE (a JSON object of name -> value, mode 0600)"});
  return out;
}

// The config the plugin gets: references replaced by the secrets' values.
json::object resolved_config(ConsoleState& s, const Manifest& m, const json::object& config,
                             std::vector<FieldError>& errors) {
  json::object resolved = config;
  std::vector<std::string> values;
  for (auto& p : resolve_secret_refs(m.config_schema, resolved, s.deps.runtime.secrets(), values))
    errors.push_back({p.field, p.message});
  return resolved;
}

// In the host config, each new secret becomes a reference to <account>_<field>.
void reference_new_secrets(const std::string& account, const std::vector<std::string>& fields, json::object& config) {
  for (const auto& f : fields) config[f] = json::object{{"secret", secret_name_for(account, f)}};
}

// Stores each new secret value (from the resolved config) in the secrets file, before the host
// config that refers to it is replaced.
std::string store_new_secrets(ConsoleState& s, const std::string& account, const std::vector<std::string>& fields,
                              const json::object& resolved) {
  for (const auto& f : fields)
    if (std::string problem =
            s.deps.runtime.secrets().store(secret_name_for(account, f), std::string(resolved.at(f).get_string()));
        !problem.empty())
      return problem;
  return {};
}

HttpAnswer errors_answer(const std::vector<FieldError>& errors) {
  json::array list;
  for (const auto& e : errors) list.push_back(json::object{{"field", e.field}, {"message", e.message}});
  return json_answer(422, json::object{{"saved", false}, {"errors", std::move(list)}});
}

json::object* account_in(json::value& doc, const std::string& id) {
  auto* accounts = doc.is_object() ? doc.get_object().if_contains("accounts") : nullptr;
  if (!accounts || !accounts->is_array()) return nullptr;
  for (auto& a : accounts->get_array())
    if (auto* o = a.if_object(); o && o->contains("id") && o->at("id") == json::value(id)) return o;
  return nullptr;
}

json::value read_config_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(text.str(), ec);
  return ec ? json::value() : doc;
}

// The saved config goes to the running instance too (stop, configure, start), so what the page
// shows next is what runs. Its secret values are masked in the logs from here on.
json::object apply_live(ConsoleState& s, const std::string& account, const Manifest& m, const json::object& config) {
  AccountSession* session = s.deps.session(account);
  if (!session)
    return {{"applied", false}, {"note", "saved; the account is not running here, so it applies at the next start"}};
  for (const auto& kv : config)
    if (is_secret_config_field(m.config_schema, kv.key()) && kv.value().is_string())
      s.deps.runtime.secrets().add_sensitive_value(std::string(kv.value().get_string()));
  if (const auto failed = session->reconfigure(json::serialize(config)))
    return {
        {"applied", false},
        {"note", "saved, but the running instance refused it: " + s.deps.runtime.secrets().redact(failed->describe())}};
  return {{"applied", true}, {"note", "saved and applied to the running account"}};
}
}  // namespace

std::optional<json::object> saved_account_config(ConsoleState& s, const std::string& account) {
  json::value doc = read_config_file(s.deps.config.file);
  const json::object* a = account_in(doc, account);
  if (!a) return std::nullopt;
  const auto* config = a->if_contains("config");
  return config && config->is_object() ? config->get_object() : json::object{};
}

HttpAnswer save_config_answer(ConsoleState& s, const std::string& account, const std::string& body) {
  std::string error, field;
  const auto request = read_body(body, {"config"}, error, field);
  if (!request) return error_answer(400, error, field);
  const auto* sent = request->if_contains("config");
  if (!sent || !sent->is_object()) return error_answer(400, "config: a JSON object is required", "config");
  std::lock_guard lock(s.mutex);  // one save at a time: read, change, replace
  const fs::path file = s.deps.config.file;
  json::value doc = read_config_file(file);
  json::object* target = account_in(doc, account);
  if (!target) return error_answer(404, "no account " + account + " in " + file.string());
  const std::string plugin = target->contains("plugin") && target->at("plugin").is_string()
                                 ? std::string(target->at("plugin").get_string())
                                 : std::string();
  const PluginEntry* entry = s.deps.registry.find(plugin);
  if (!entry || !entry->manifest || !entry->plugin)
    return error_answer(409, "plugin " + plugin + " is not loaded, so its config cannot be checked");
  json::object config = sent->get_object();
  const auto fresh = new_secret_fields(*entry->manifest, config);
  if (auto refused = secrets_file_needed(s, fresh); !refused.empty()) return errors_answer(refused);
  const auto* old = target->if_contains("config");
  keep_secrets(*entry->manifest, old && old->is_object() ? old->get_object() : json::object{}, config);
  std::vector<FieldError> errors;
  const json::object resolved = resolved_config(s, *entry->manifest, config, errors);
  if (errors.empty()) errors = plugin_errors(s, *entry, resolved);
  add_schema_errors(*entry->manifest, resolved, errors);
  if (!errors.empty()) return errors_answer(errors);
  reference_new_secrets(account, fresh, config);
  (*target)["config"] = config;
  const std::string new_text = json::serialize(doc) + "\n";
  try {
    (void)parse_host_config(new_text, file);  // the whole file still loads
  } catch (const HostError& e) {
    return errors_answer({{"", s.deps.runtime.secrets().redact(e.what())}});
  }
  if (const std::string problem = store_new_secrets(s, account, fresh, resolved); !problem.empty())
    return error_answer(500, problem);
  if (const std::string problem = replace_file(file, new_text); !problem.empty()) return error_answer(500, problem);
  json::object answer = apply_live(s, account, *entry->manifest, resolved);
  answer["saved"] = true;
  answer["file"] = file.string();
  return json_answer(200, answer);
}

}  // namespace erp_host::console
