#include "config/store_config.hpp"

#include <boost/json/object.hpp>

#include <cctype>
#include <string_view>

#include "store/pg_dialect.hpp"

namespace json = boost::json;

namespace ocean::tiktok {
namespace {

void fail(std::vector<StoreConfigError>& errors, const std::string& field, const std::string& what) {
  errors.push_back({"store", "config field '" + field + "' " + what});
}

// Unknown members refused by name, as everywhere in the config.
bool only_known(const json::object& o, std::initializer_list<std::string_view> known, const std::string& where,
                std::vector<StoreConfigError>& errors) {
  bool ok = true;
  for (const auto& [key, value] : o) {
    (void)value;
    bool found = false;
    for (auto k : known) found = found || key == k;
    if (!found) {
      fail(errors, where + "." + std::string(key), "is not a known setting");
      ok = false;
    }
  }
  return ok;
}

// A required non-empty string member; its value is never quoted (the connection string is secret).
std::optional<std::string> required_string(const json::object& o, std::string_view key, const std::string& where,
                                           std::vector<StoreConfigError>& errors) {
  const std::string field = where + "." + std::string(key);
  const auto* v = o.if_contains(key);
  if (v == nullptr) {
    fail(errors, field, "is required");
    return std::nullopt;
  }
  if (!v->is_string() || v->as_string().empty()) {
    fail(errors, field, "must be a non-empty string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<LeaseConfig> read_lease(const json::value& v, std::vector<StoreConfigError>& errors) {
  if (!v.is_object()) {
    fail(errors, "store.lease", "must be an object {\"account\": ..., \"node\": ...}");
    return std::nullopt;
  }
  const auto& o = v.as_object();
  only_known(o, {"account", "node"}, "store.lease", errors);
  auto account = required_string(o, "account", "store.lease", errors);
  auto node = required_string(o, "node", "store.lease", errors);
  if (!account || !node) return std::nullopt;
  return LeaseConfig{*account, *node};
}

}  // namespace

std::optional<StoreConfig> read_store_config(const json::value& value, std::vector<StoreConfigError>& errors) {
  const std::size_t before = errors.size();
  if (!value.is_object()) {
    fail(errors, "store", "must be an object {\"postgresql\": ..., \"schema\": ...}");
    return std::nullopt;
  }
  const auto& o = value.as_object();
  only_known(o, {"postgresql", "schema", "lease"}, "store", errors);
  StoreConfig c;
  if (auto v = required_string(o, "postgresql", "store", errors)) c.postgresql = *v;
  if (auto v = required_string(o, "schema", "store", errors)) {
    if (const auto problem = pgsql::schema_name_problem(*v); !problem.empty()) {
      fail(errors, "store.schema", problem);
    } else {
      c.schema = *v;
    }
  }
  if (const auto* l = o.if_contains("lease")) c.lease = read_lease(*l, errors);
  if (errors.size() != before) return std::nullopt;
  return c;
}

namespace {
// The value after `password=` in key=value form (single-quoted values may hold blanks and \').
std::string keyword_password(const std::string& s, std::size_t at) {
  std::size_t i = at;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) ++i;
  std::string out;
  if (i < s.size() && s[i] == '\'') {
    for (++i; i < s.size() && s[i] != '\''; ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      out += s[i];
    }
    return out;
  }
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) == 0) out += s[i++];
  return out;
}
}  // namespace

std::string conninfo_password(const std::string& conninfo) {
  bool uri = false;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (conninfo.rfind(scheme, 0) != 0) continue;
    uri = true;
    const std::size_t start = scheme.size();
    const std::size_t at = conninfo.find('@', start);
    const std::size_t colon = conninfo.find(':', start);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      return conninfo.substr(colon + 1, at - colon - 1);
  }
  for (std::size_t pos = conninfo.find("password"); pos != std::string::npos;
       pos = conninfo.find("password", pos + 1)) {
    const char before = pos > 0 ? conninfo[pos - 1] : ' ';
    if (uri && (before == '?' || before == '&')) {
      const std::size_t end = conninfo.find('&', pos);
      const std::size_t eq = pos + 8;
      if (eq < conninfo.size() && conninfo[eq] == '=')
        return conninfo.substr(eq + 1, (end == std::string::npos ? conninfo.size() : end) - eq - 1);
    }
    if (std::isspace(static_cast<unsigned char>(before)) == 0) continue;
    std::size_t i = pos + 8;
    while (i < conninfo.size() && std::isspace(static_cast<unsigned char>(conninfo[i])) != 0) ++i;
    if (i < conninfo.size() && conninfo[i] == '=') return keyword_password(conninfo, i + 1);
  }
  return "";
}

}  // namespace ocean::tiktok
