#include "roles.hpp"

#include "exit_codes.hpp"

namespace erp_host {

namespace {
// The operator's role on the account; throws when the account does not list the operator.
const ManifestRole& role_of(const BoundAccount& bound, const std::string& operator_name) {
  const AccountConfig& account = *bound.account;
  const Manifest& m = *bound.entry->manifest;
  const auto it = account.operators.find(operator_name);
  if (it == account.operators.end()) {
    std::string known;
    for (const auto& [name, role] : account.operators) known += (known.empty() ? "" : ", ") + name;
    throw HostError(ExitCode::denied,
                    "operator " + operator_name + " has no role on account " + account.id +
                        (known.empty() ? " (the account lists no operators)" : " (operators: " + known + ")"));
  }
  // bind_account already refused a config naming a role the manifest lacks.
  const ManifestRole* role = m.find_role(it->second);
  if (!role) throw HostError(ExitCode::denied, "operator " + operator_name + ": unknown role " + it->second);
  return *role;
}
}  // namespace

void authorize_invoke(const BoundAccount& bound, const std::string& operator_name, const std::string& capability) {
  const ManifestRole& role = role_of(bound, operator_name);
  const Manifest& m = *bound.entry->manifest;
  if (m.role_allows(role, capability)) return;
  const std::string what = m.feature_of(capability).empty() ? " (no such capability in plugin " + m.id + ")" : "";
  throw HostError(ExitCode::denied, "operator " + operator_name + " (role " + role.id + ", " + role.name +
                                        ") may not run " + capability + " on account " + bound.account->id + what);
}

void authorize_features(const BoundAccount& bound, const std::string& operator_name) {
  const ManifestRole& role = role_of(bound, operator_name);
  if (role.all_capabilities) return;
  throw HostError(ExitCode::denied, "operator " + operator_name + " (role " + role.id + ", " + role.name +
                                        ") may not switch features on account " + bound.account->id +
                                        ": that needs a role with all_capabilities");
}

}  // namespace erp_host
