#include "secrets.hpp"

#include "exit_codes.hpp"
#include "json_io.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

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
  std::lock_guard lock(mutex_);
  file_secrets_ = std::move(loaded);
  file_ = file;
}

std::optional<std::filesystem::path> SecretSource::file() const {
  std::lock_guard lock(mutex_);
  return file_;
}

namespace {
// Writes `text` next to `file` (mode 0600, fsync) and renames it over it: readers see the old or the new file.
std::string replace_private_file(const std::filesystem::path& file, const std::string& text) {
  std::string tmp = (file.parent_path() / ("." + file.filename().string() + ".new-XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return "cannot create a file next to " + file.string();
  bool ok = ::fchmod(fd, 0600) == 0;
  ok = ok && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), file.c_str()) == 0) return {};
  ::unlink(tmp.c_str());
  return "cannot write secrets file " + file.string();
}
}  // namespace

std::string SecretSource::store(const std::string& name, const std::string& value) {
  if (env_name(name).empty()) return "secret name '" + name + "' must be letters, digits and _ (1-64)";
  add_sensitive_value(value);
  std::lock_guard lock(mutex_);
  if (!file_) return "the host has no secrets file: start it with --secrets FILE";
  auto updated = file_secrets_;
  updated[name] = value;
  boost::json::object doc;
  for (const auto& [k, v] : updated) doc[k] = v;
  if (std::string problem = replace_private_file(*file_, boost::json::serialize(doc) + "\n"); !problem.empty())
    return problem;
  file_secrets_ = std::move(updated);
  return {};
}

void SecretSource::set_config_secrets(std::map<std::string, std::string> secrets) {
  config_secrets_ = std::move(secrets);
}

std::optional<std::string> SecretSource::file_value(std::string_view name) const {
  std::lock_guard lock(mutex_);
  const auto it = file_secrets_.find(std::string(name));
  return it == file_secrets_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::string> SecretSource::lookup(std::string_view name) const {
  const std::string env = env_name(name);
  if (env.empty()) return std::nullopt;
  std::optional<std::string> found;
  if (const char* value = std::getenv(env.c_str())) {
    found = std::string(value);
  } else if (auto in_file = file_value(name)) {
    found = std::move(in_file);
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
