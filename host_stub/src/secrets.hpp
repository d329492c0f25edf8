// Where secrets (e.g. "store_key", the key a plugin encrypts its storage with) come from, in this
// order: the environment (OCEAN_SECRET_<NAME>, upper-cased), a --secrets FILE (a JSON object of
// name -> value that must not be readable by others), then the host config's "secrets" (meant
// for tests and demos). Values are never printed; the logger masks every value handed out.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace erp_host {

class SecretSource {
 public:
  // "store_key" -> "OCEAN_SECRET_STORE_KEY"; empty for a name that is not [A-Za-z0-9_]{1,64}.
  static std::string env_name(std::string_view name);

  // Throws HostError(config) when the file is missing, readable by others, or not an object of
  // strings. The message names the file and the offending member, never a value.
  void load_file(const std::filesystem::path& file);
  void set_config_secrets(std::map<std::string, std::string> secrets);

  std::optional<std::string> lookup(std::string_view name) const;

  // The --secrets FILE given to load_file, if any.
  std::optional<std::filesystem::path> file() const;
  // Stores name -> value in the --secrets FILE (a new file next to it, mode 0600, fsync, rename)
  // and in memory. Returns "" or what went wrong (never the value); needs a loaded file.
  std::string store(const std::string& name, const std::string& value);

  // Adds a value that must never appear in a log line (e.g. a config field marked x-secret).
  void add_sensitive_value(const std::string& value) const;
  // Replaces every sensitive value in `text` with "***".
  std::string redact(std::string text) const;
  // How to give the host each secret a plugin asked for and did not get ("" when none was missed).
  std::string missing_hint() const;

 private:
  std::optional<std::string> file_value(std::string_view name) const;
  std::optional<std::filesystem::path> file_;
  std::map<std::string, std::string> file_secrets_;  // guarded by mutex_ (the console stores into it)
  std::map<std::string, std::string> config_secrets_;
  mutable std::mutex mutex_;  // services are [any-thread]; guards sensitive_, file_secrets_
  mutable std::set<std::string> sensitive_;
  mutable std::set<std::string> missing_;  // names looked up and not found
};

}  // namespace erp_host
