// Secret references in an account's config: a field the plugin manifest marks secret (x-secret,
// writeOnly, format password) may hold {"secret": "NAME"} instead of its value, so the host config
// file never holds the secret itself. The host resolves NAME through its SecretSource (environment
// OCEAN_SECRET_<NAME>, the --secrets FILE, the config's "secrets") before the plugin sees the config.
#pragma once

#include "secrets.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace erp_host {

// True when the manifest's config_schema marks property `name` secret.
bool is_secret_config_field(const boost::json::value& config_schema, std::string_view name);

// True when `value` is shaped like a reference: an object with a "secret" member.
bool is_secret_reference(const boost::json::value& value);

struct SecretRefProblem {
  std::string field;    // the top-level config field, e.g. "app_secret"
  std::string message;  // names the field and the secret, never a value
};

// Replaces every reference in `config` by the secret's value (appended to `resolved`). Returns a
// problem per field whose reference is malformed, sits on a field that is not secret, or names a
// secret the host does not have.
std::vector<SecretRefProblem> resolve_secret_refs(const boost::json::value& config_schema, boost::json::object& config,
                                                  const SecretSource& secrets, std::vector<std::string>& resolved);

// "shop-1", "app secret" -> "shop_1_app_secret": a name SecretSource accepts (at most 64 characters).
std::string secret_name_for(std::string_view account, std::string_view field);

}  // namespace erp_host
