// list and validate: what the host finds in the manifest and plugin directories.
#include "commands.hpp"

#include "discovery.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;

namespace {
const char* stage_name(Stage s) {
  switch (s) {
    case Stage::loaded: return "loaded";
    case Stage::validated: return "valid";
    case Stage::refused: return "refused";
  }
  return "refused";
}

json::array to_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

json::object describe(const PluginEntry& e) {
  json::object o;
  o["status"] = stage_name(e.stage);
  o["manifest"] = e.manifest_file.empty() ? json::value(nullptr) : json::value(e.manifest_file.filename().string());
  o["library"] = e.library_file.empty() ? json::value(nullptr) : json::value(e.library_file.filename().string());
  if (e.manifest) {
    const Manifest& m = *e.manifest;
    o["id"] = m.id;
    o["name"] = m.name;
    o["vendor"] = m.vendor;
    o["version"] = m.version;
    o["marketplace"] = m.marketplace;
    o["abi_version"] = m.abi_version;
    o["regions"] = to_array(m.regions);
    o["core_capabilities"] = to_array(m.core_capabilities);
    json::array features;
    for (const auto& f : m.features)
      features.push_back(json::object{
          {"id", f.id}, {"name", f.name}, {"default", f.default_on}, {"capabilities", to_array(f.capabilities)}});
    o["features"] = std::move(features);
  }
  if (e.plugin) {
    const auto& n = e.plugin->negotiated();
    o["negotiated_abi"] = std::to_string(OCEAN_ABI_MAJOR) + "." + std::to_string(n.abi_minor);
  }
  o["problems"] = to_array(e.problems);
  return o;
}

Report report_registry(const char* command, const Registry& reg) {
  Report r;
  r.data["command"] = command;
  r.data["manifest_dir"] = reg.manifest_dir.string();
  r.data["plugin_dir"] = reg.plugin_dir.string();
  json::array plugins;
  for (const auto& e : reg.entries) plugins.push_back(describe(e));
  r.data["plugins"] = std::move(plugins);
  r.data["notes"] = to_array(reg.notes);
  return r;
}
}  // namespace

Report cmd_list(const CommandContext& ctx) {
  const Registry reg = discover({ctx.manifest_dir, ctx.plugin_dir, true, std::nullopt}, ctx.runtime);
  Report r = report_registry("list", reg);
  if (reg.count(Stage::loaded) == 0)
    r.fail(ExitCode::load, "no usable plugin in " + ctx.manifest_dir.string() + " / " + ctx.plugin_dir.string());
  return r;
}

Report cmd_validate(const CommandContext& ctx) {
  const Registry reg = discover({ctx.manifest_dir, ctx.plugin_dir, false, std::nullopt}, ctx.runtime);
  Report r = report_registry("validate", reg);
  for (const auto& e : reg.entries)
    for (const auto& p : e.problems) r.fail(ExitCode::load, p);
  for (const auto& note : reg.notes) r.fail(ExitCode::load, note);
  if (reg.entries.empty() && reg.notes.empty())
    r.fail(ExitCode::load, "no manifest (*.json) in " + ctx.manifest_dir.string());
  return r;
}

}  // namespace erp_host
