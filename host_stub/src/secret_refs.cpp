#include "secret_refs.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;

bool is_secret_config_field(const json::value& config_schema, std::string_view name) {
  const auto* props = config_schema.is_object() ? config_schema.get_object().if_contains("properties") : nullptr;
  const auto* p = props && props->is_object() ? props->get_object().if_contains(name) : nullptr;
  const auto* o = p ? p->if_object() : nullptr;
  if (!o) return false;
  for (const char* key : {"x-secret", "writeOnly"})
    if (const auto* v = o->if_contains(key); v && v->is_bool() && v->get_bool()) return true;
  const auto* format = o->if_contains("format");
  return format && format->is_string() && format->get_string() == "password";
}

bool is_secret_reference(const json::value& value) {
  return value.is_object() && value.get_object().contains("secret");
}

namespace {
const char* const kShape = R"(a secret reference is {"secret": "NAME"} with NAME of letters, digits and _ (1-64))";

// The secret's name, or "" after adding a problem for a malformed reference.
std::string reference_name(const std::string& field, const json::object& ref, std::vector<SecretRefProblem>& problems) {
  const auto* name = ref.if_contains("secret");
  if (ref.size() != 1 || !name || !name->is_string() || SecretSource::env_name(name->get_string()).empty()) {
    std::string extra;
    for (const auto& kv : ref)
      if (kv.key() != "secret") extra += (extra.empty() ? " (unknown member '" : "', '") + std::string(kv.key());
    problems.push_back({field, "/" + field + ": " + kShape + (extra.empty() ? "" : extra + "')")});
    return {};
  }
  return std::string(name->get_string());
}
}  // namespace

std::vector<SecretRefProblem> resolve_secret_refs(const json::value& config_schema, json::object& config,
                                                  const SecretSource& secrets, std::vector<std::string>& resolved) {
  std::vector<SecretRefProblem> problems;
  for (auto& kv : config) {
    if (!is_secret_reference(kv.value())) continue;
    const std::string field(kv.key());
    if (!is_secret_config_field(config_schema, field)) {
      problems.push_back({field, "/" + field +
                                     ": only fields the plugin manifest marks secret (x-secret, writeOnly, format "
                                     "password) may hold a {\"secret\": NAME} reference"});
      continue;
    }
    const std::string name = reference_name(field, kv.value().get_object(), problems);
    if (name.empty()) continue;
    const auto value = secrets.lookup(name);
    if (!value) {
      problems.push_back({field, "/" + field + ": the host has no secret '" + name + "': set " +
                                     SecretSource::env_name(name) +
                                     " in the environment or pass --secrets FILE (a JSON object {\"" + name +
                                     "\": \"...\"}, mode 0600)"});
      continue;
    }
    resolved.push_back(*value);
    kv.value() = json::string(*value);
  }
  return problems;
}

std::string secret_name_for(std::string_view account, std::string_view field) {
  std::string name = std::string(account) + "_" + std::string(field);
  for (char& c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) c = '_';
  }
  if (name.size() > 64) name.resize(64);
  return name;
}

}  // namespace erp_host
