#include "prometheus_text.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;
namespace {

bool valid_identifier(const std::string& s, bool colon) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string escape(const std::string& s, bool quote) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (quote && c == '"')
      out += "\\\"";
    else
      out += c;
  }
  return out;
}

struct Family {
  std::string type, help;
  std::vector<std::string> lines;  // "name{labels} value"
};

std::string sample_line(const std::string& name, const std::string& account, const json::object& sample) {
  std::string labels;
  auto add = [&labels](const std::string& k, const std::string& v) {
    labels += (labels.empty() ? "" : ",") + k + "=\"" + escape(v, true) + "\"";
  };
  if (!account.empty()) add("account", account);
  if (const auto* l = sample.if_contains("labels"); l && l->is_object()) {
    for (const auto& [k, v] : l->as_object()) {
      const std::string key(k);
      // A plugin's samples get the host's account label; only the host's own may set one.
      if ((key == "account" && !account.empty()) || !valid_label_name(key) || !v.is_string()) continue;
      add(key, std::string(v.as_string()));
    }
  }
  const auto* value = sample.if_contains("value");
  if (value == nullptr || !(value->is_int64() || value->is_uint64())) return {};
  const std::string number = value->is_int64() ? std::to_string(value->as_int64()) : std::to_string(value->as_uint64());
  return name + (labels.empty() ? "" : "{" + labels + "}") + " " + number;
}

void collect(std::map<std::string, Family>& out, const MetricSource& src) {
  for (const auto& f : src.families) {
    if (!f.is_object()) continue;
    const auto& o = f.as_object();
    const auto* name = o.if_contains("name");
    const auto* samples = o.if_contains("samples");
    if (!name || !name->is_string() || !samples || !samples->is_array()) continue;
    const std::string n(name->as_string());
    if (!valid_metric_name(n)) continue;
    Family& fam = out[n];
    if (fam.type.empty()) {
      const auto* type = o.if_contains("type");
      const std::string t = type && type->is_string() ? std::string(type->as_string()) : "untyped";
      fam.type = t == "counter" || t == "gauge" ? t : "untyped";
      const auto* help = o.if_contains("help");
      fam.help = help && help->is_string() ? std::string(help->as_string()) : n;
    }
    for (const auto& s : samples->as_array()) {
      if (!s.is_object()) continue;
      if (auto line = sample_line(n, src.account, s.as_object()); !line.empty()) fam.lines.push_back(std::move(line));
    }
  }
}

}  // namespace

bool valid_metric_name(const std::string& name) { return valid_identifier(name, true); }
bool valid_label_name(const std::string& name) { return valid_identifier(name, false); }

std::string render_prometheus(const std::vector<MetricSource>& sources) {
  std::map<std::string, Family> families;
  for (const auto& src : sources) collect(families, src);
  std::string text;
  for (const auto& [name, f] : families) {
    text += "# HELP " + name + " " + escape(f.help, false) + "\n";
    text += "# TYPE " + name + " " + f.type + "\n";
    for (const auto& line : f.lines) text += line + "\n";
  }
  return text;
}

}  // namespace erp_host
