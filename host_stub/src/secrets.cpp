#include "secrets.hpp"

#include "exit_codes.hpp"
#include "json_io.hpp"

#include <boost/json.hpp>

#include <cstdlib>
#include <sys/stat.h>

namespace erp_host {

namespace {
// Short values would mask ordinary words in log lines; real keys are long.
constexpr std::size_t kMinMaskedLength = 4;
}  // namespace

std::string SecretSource::env_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return {};
  std::string out = "OCEAN_SECRET_";
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return {};
    out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

void SecretSource::load_file(const std::filesystem::path& file) {
  const std::string where = "secrets file " + file.string();
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) throw HostError(ExitCode::config, where + ": cannot be read");
  if (st.st_mode & S_IROTH)
    throw HostError(ExitCode::config, where + ": is readable by other users; run chmod o-r (or 600) on it");
  std::string error;
  const auto doc = read_json_file(file, error);
  if (!doc) throw HostError(ExitCode::config, where + ": " + error);
  if (!doc->is_object()) throw HostError(ExitCode::config, where + ": /: must be an object of name -> value");
  std::map<std::string, std::string> loaded;
  for (const auto& kv : doc->get_object()) {
    const std::string name(kv.key());
    if (env_name(name).empty())
      throw HostError(ExitCode::config, where + ": /" + name + ": secret names are letters, digits and _");
    if (!kv.value().is_string()) throw HostError(ExitCode::config, where + ": /" + name + ": must be a string");
    loaded[name] = std::string(kv.value().get_string());
  }
  file_secrets_ = std::move(loaded);
}

void SecretSource::set_config_secrets(std::map<std::string, std::string> secrets) {
  config_secrets_ = std::move(secrets);
}

std::optional<std::string> SecretSource::lookup(std::string_view name) const {
  const std::string env = env_name(name);
  if (env.empty()) return std::nullopt;
  std::optional<std::string> found;
  if (const char* value = std::getenv(env.c_str())) {
    found = std::string(value);
  } else if (auto it = file_secrets_.find(std::string(name)); it != file_secrets_.end()) {
    found = it->second;
  } else if (auto it2 = config_secrets_.find(std::string(name)); it2 != config_secrets_.end()) {
    found = it2->second;
  }
  if (found) {
    add_sensitive_value(*found);
  } else {
    std::lock_guard lock(mutex_);
    missing_.insert(std::string(name));
  }
  return found;
}

std::string SecretSource::missing_hint() const {
  std::lock_guard lock(mutex_);
  std::string hint;
  for (const auto& name : missing_) {
    hint += (hint.empty() ? "" : "; ") + std::string("the host has no secret '") + name + "': set " + env_name(name) +
            " in the environment or pass --secrets FILE (a JSON object {\"" + name + "\": \"...\"}, mode 0600)";
  }
  return hint;
}

void SecretSource::add_sensitive_value(const std::string& value) const {
  if (value.size() < kMinMaskedLength) return;
  std::lock_guard lock(mutex_);
  sensitive_.insert(value);
}

std::string SecretSource::redact(std::string text) const {
  std::lock_guard lock(mutex_);
  for (const auto& secret : sensitive_) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  }
  return text;
}

}  // namespace erp_host
