#include "manifest.hpp"

#include "embedded_schemas.hpp"
#include "json_io.hpp"

#include "ocean_common/json_schema.hpp"

#include <boost/json.hpp>

#include <map>

namespace erp_host {
namespace json = boost::json;

namespace {
const ocean::json_schema::Validator& manifest_validator() {
  static const ocean::json_schema::Validator validator = [] {
    std::string error;
    auto schema = parse_json(manifest_schema_text(), error);
    // The schema is compiled in and covered by tests; a broken one is a build defect.
    if (!schema) throw std::logic_error("embedded manifest schema does not parse: " + error);
    return ocean::json_schema::Validator(std::move(*schema));
  }();
  return validator;
}

std::vector<std::string> strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& item : v.as_array()) out.emplace_back(item.as_string());
  return out;
}

// What the schema cannot express: ids unique across the document.
void check_uniqueness(const Manifest& m, std::vector<std::string>& problems, const std::string& where) {
  std::map<std::string, std::string> capability_at;  // id -> pointer of its first listing
  auto note = [&](const std::string& cap, const std::string& pointer) {
    auto [it, inserted] = capability_at.emplace(cap, pointer);
    if (!inserted) problems.push_back(where + pointer + ": capability " + cap + " is already listed at " + it->second);
  };
  for (std::size_t i = 0; i < m.core_capabilities.size(); ++i)
    note(m.core_capabilities[i], "/core_capabilities/" + std::to_string(i));
  std::map<std::string, std::size_t> feature_at;
  for (std::size_t f = 0; f < m.features.size(); ++f) {
    const auto& feature = m.features[f];
    auto [it, inserted] = feature_at.emplace(feature.id, f);
    if (!inserted)
      problems.push_back(where + "/features/" + std::to_string(f) + "/id: feature " + feature.id +
                         " is already declared at /features/" + std::to_string(it->second));
    for (std::size_t c = 0; c < feature.capabilities.size(); ++c)
      note(feature.capabilities[c], "/features/" + std::to_string(f) + "/capabilities/" + std::to_string(c));
  }
}
// Roles name features and capabilities of this manifest only, and each role id once.
void check_roles(const Manifest& m, std::vector<std::string>& problems, const std::string& where) {
  std::map<std::string, std::size_t> role_at;
  for (std::size_t r = 0; r < m.roles.size(); ++r) {
    const auto& role = m.roles[r];
    const std::string at = where + "/roles/" + std::to_string(r);
    if (auto [it, inserted] = role_at.emplace(role.id, r); !inserted)
      problems.push_back(at + "/id: role " + role.id + " is already declared at /roles/" + std::to_string(it->second));
    for (std::size_t f = 0; f < role.features.size(); ++f)
      if (role.features[f] != "core" && !m.find_feature(role.features[f]))
        problems.push_back(at + "/features/" + std::to_string(f) + ": role " + role.id + " names feature " +
                           role.features[f] + ", which this manifest does not declare");
    for (std::size_t c = 0; c < role.capabilities.size(); ++c)
      if (m.feature_of(role.capabilities[c]).empty())
        problems.push_back(at + "/capabilities/" + std::to_string(c) + ": role " + role.id + " names capability " +
                           role.capabilities[c] + ", which this manifest does not declare");
    if (!role.all_capabilities && role.features.empty() && role.capabilities.empty())
      problems.push_back(at + ": role " + role.id +
                         " allows nothing (give all_capabilities, features or capabilities)");
  }
}

std::vector<ManifestRole> read_roles(const json::object& o) {
  std::vector<ManifestRole> roles;
  const auto* list = o.if_contains("roles");
  if (!list) return roles;
  for (const auto& rv : list->as_array()) {
    const auto& r = rv.as_object();
    ManifestRole role;
    role.id = r.at("id").as_string();
    role.name = r.at("name").as_string();
    if (const auto* all = r.if_contains("all_capabilities")) role.all_capabilities = all->as_bool();
    if (const auto* f = r.if_contains("features")) role.features = strings(*f);
    if (const auto* c = r.if_contains("capabilities")) role.capabilities = strings(*c);
    roles.push_back(std::move(role));
  }
  return roles;
}
}  // namespace

const ManifestRole* Manifest::find_role(const std::string& role_id) const {
  for (const auto& r : roles)
    if (r.id == role_id) return &r;
  return nullptr;
}

std::string Manifest::feature_of(const std::string& capability) const {
  for (const auto& c : core_capabilities)
    if (c == capability) return "core";
  for (const auto& f : features)
    for (const auto& c : f.capabilities)
      if (c == capability) return f.id;
  return "";
}

bool Manifest::role_allows(const ManifestRole& role, const std::string& capability) const {
  if (role.all_capabilities) return true;
  for (const auto& c : role.capabilities)
    if (c == capability) return true;
  const std::string feature = feature_of(capability);
  if (feature.empty()) return false;
  for (const auto& f : role.features)
    if (f == feature) return true;
  return false;
}

const ManifestFeature* Manifest::find_feature(const std::string& feature_id) const {
  for (const auto& f : features)
    if (f.id == feature_id) return &f;
  return nullptr;
}

ManifestRead check_manifest(const std::filesystem::path& file, const json::value& document) {
  ManifestRead out;
  const std::string where = file.filename().string() + ": ";
  if (const auto* lib = document.is_object() ? document.get_object().if_contains("library") : nullptr;
      lib && lib->is_string())
    out.library_named = lib->get_string();
  for (const auto& e : manifest_validator().validate(document)) out.problems.push_back(where + e.to_string());
  if (!out.problems.empty()) return out;

  const auto& o = document.as_object();
  Manifest& m = out.manifest;
  m.file = file;
  m.id = o.at("id").as_string();
  m.name = o.at("name").as_string();
  m.vendor = o.at("vendor").as_string();
  m.version = o.at("version").as_string();
  m.abi_version = o.at("abi_version").as_string();
  m.library = o.at("library").as_string();
  m.marketplace = o.at("marketplace").as_string();
  if (const auto* d = o.if_contains("description")) m.description = d->as_string();
  m.regions = strings(o.at("regions"));
  m.core_capabilities = strings(o.at("core_capabilities"));
  for (const auto& fv : o.at("features").as_array()) {
    const auto& f = fv.as_object();
    m.features.push_back({std::string(f.at("id").as_string()), std::string(f.at("name").as_string()),
                          f.at("default").as_bool(), strings(f.at("capabilities"))});
  }
  m.roles = read_roles(o);
  m.config_schema = o.at("config_schema");
  check_uniqueness(m, out.problems, where);
  check_roles(m, out.problems, where);
  out.ok = out.problems.empty();
  return out;
}

ManifestRead read_manifest(const std::filesystem::path& file) {
  ManifestRead out;
  std::string error;
  const auto text = read_bounded_file(file, kMaxManifestBytes, error);
  if (!text) {
    out.problems.push_back(file.filename().string() + ": " + error);
    return out;
  }
  const auto document = parse_json(*text, error);
  if (!document) {
    out.problems.push_back(file.filename().string() + ": not valid JSON: " + error);
    return out;
  }
  return check_manifest(file, *document);
}

}  // namespace erp_host
