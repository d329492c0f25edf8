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
}  // namespace

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
  m.config_schema = o.at("config_schema");
  check_uniqueness(m, out.problems, where);
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
