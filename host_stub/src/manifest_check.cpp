#include "manifest_check.hpp"

#include <map>

namespace erp_host {

namespace {
void compare_text(const char* field, const std::string& manifest, const std::string& plugin,
                  std::vector<std::string>& out) {
  if (manifest != plugin)
    out.push_back(std::string("/") + field + ": manifest says \"" + manifest + "\", plugin says \"" + plugin + "\"");
}

const char* on_off(bool on) { return on ? "on" : "off"; }
}  // namespace

std::vector<std::string> compare_descriptor(const Manifest& manifest, const ocean::host::DescriptorInfo& plugin) {
  std::vector<std::string> out;
  compare_text("id", manifest.id, plugin.id, out);
  compare_text("name", manifest.name, plugin.name, out);
  compare_text("vendor", manifest.vendor, plugin.vendor, out);
  compare_text("version", manifest.version, plugin.version, out);
  compare_text("marketplace", manifest.marketplace, plugin.marketplace, out);

  // Features: same set, same defaults (order does not matter).
  std::map<std::string, bool> plugin_features;
  for (const auto& f : plugin.features) {
    if (!plugin_features.emplace(f.id, f.default_on).second)
      out.push_back("/features/" + f.id + ": plugin declares it twice");
  }
  for (const auto& f : manifest.features) {
    const auto it = plugin_features.find(f.id);
    if (it == plugin_features.end()) {
      out.push_back("/features/" + f.id + ": in the manifest, not declared by the plugin");
      continue;
    }
    if (it->second != f.default_on)
      out.push_back("/features/" + f.id + "/default: manifest says " + on_off(f.default_on) + ", plugin says " +
                    on_off(it->second));
    plugin_features.erase(it);
  }
  for (const auto& [id, on] : plugin_features)
    out.push_back("/features/" + id + ": declared by the plugin, missing from the manifest");

  // Capabilities: same set, each under the same feature ("core" for core_capabilities).
  std::map<std::string, std::string> expected;
  for (const auto& c : manifest.core_capabilities) expected[c] = "core";
  for (const auto& f : manifest.features)
    for (const auto& c : f.capabilities) expected[c] = f.id;
  std::map<std::string, std::string> declared;
  for (const auto& c : plugin.capabilities) {
    if (!declared.emplace(c.id, c.feature).second)
      out.push_back("/capabilities/" + c.id + ": plugin declares it twice");
  }
  for (const auto& [id, feature] : expected) {
    const auto it = declared.find(id);
    if (it == declared.end()) {
      out.push_back("/capabilities/" + id + ": in the manifest, not declared by the plugin");
    } else if (it->second != feature) {
      out.push_back("/capabilities/" + id + ": manifest puts it under " + feature + ", plugin under " + it->second);
    }
  }
  for (const auto& [id, feature] : declared)
    if (!expected.count(id))
      out.push_back("/capabilities/" + id + ": declared by the plugin (feature " + feature +
                    "), missing from the manifest");
  return out;
}

}  // namespace erp_host
