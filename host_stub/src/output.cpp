#include "output.hpp"

#include "alert_text.hpp"
#include "cluster/cluster_report.hpp"
#include "progress.hpp"

#include <boost/json.hpp>

#include <iomanip>
#include <iostream>

namespace erp_host {
namespace json = boost::json;

namespace {
std::string str(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_null()) return "-";
  return json::serialize(v);
}

std::string join(const json::value& list, const char* sep = ", ") {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list.get_array()) out += (out.empty() ? "" : sep) + str(item);
  return out;
}

void print_plugins(const json::object& d, std::ostream& out) {
  out << "manifests: " << str(d.at("manifest_dir")) << "\nplugins:   " << str(d.at("plugin_dir")) << "\n";
  std::vector<const json::object*> refused;
  for (const auto& pv : d.at("plugins").as_array()) {
    const auto& p = pv.as_object();
    if (p.at("status") == "refused") {
      refused.push_back(&p);
      continue;
    }
    out << "\n"
        << str(p.at("id")) << " " << str(p.at("version")) << "  " << str(p.at("name")) << " by " << str(p.at("vendor"))
        << "  [" << str(p.at("status")) << ", ABI " << str(p.at("abi_version")) << ", " << str(p.at("library"))
        << "]\n";
    out << "  marketplace " << str(p.at("marketplace")) << ", regions " << join(p.at("regions")) << "\n";
    const auto& core = p.at("core_capabilities").as_array();
    const auto& features = p.at("features").as_array();
    if (core.empty() && features.empty()) out << "  (declares no capabilities)\n";
    // Labels are padded to one column; the longest seed feature name still keeps a space.
    if (!core.empty())
      out << "  " << std::left << std::setw(33) << "core (always on)"
          << " " << join(core) << "\n";
    for (const auto& fv : features) {
      const auto& f = fv.as_object();
      const std::string label = str(f.at("id")) + (f.at("default").as_bool() ? " (default on)" : " (default off)");
      out << "  " << std::left << std::setw(33) << label << " " << join(f.at("capabilities")) << "\n";
    }
  }
  if (!refused.empty()) out << "\nrefused:\n";
  for (const auto* p : refused)
    for (const auto& problem : p->at("problems").as_array()) out << "  " << str(problem) << "\n";
  for (const auto& note : d.at("notes").as_array()) out << "note: " << str(note) << "\n";
}

void print_validate(const json::object& d, std::ostream& out) {
  for (const auto& pv : d.at("plugins").as_array()) {
    const auto& p = pv.as_object();
    if (p.at("status") == "refused") {
      for (const auto& problem : p.at("problems").as_array()) out << "INVALID " << str(problem) << "\n";
    } else {
      out << "ok      " << str(p.at("manifest")) << " (" << str(p.at("id")) << " " << str(p.at("version")) << ", ABI "
          << str(p.at("abi_version")) << ")\n";
    }
  }
}

std::string features_line(const json::value& features) {
  std::string out;
  if (!features.is_object()) return out;
  for (const auto& kv : features.get_object())
    out += (out.empty() ? "" : " ") + std::string(kv.key()) + "=" + (kv.value().as_bool() ? "on" : "off");
  return out.empty() ? "(none)" : out;
}

void print_account(const json::object& a, std::ostream& out) {
  out << str(a.at("id")) << "  plugin " << str(a.at("plugin")) << "  state " << str(a.at("state"));
  if (const auto* fin = a.if_contains("final_state")) out << " -> " << str(*fin);
  out << "\n";
  if (const auto* f = a.if_contains("features")) out << "  features: " << features_line(*f) << "\n";
  if (const auto* e = a.if_contains("error")) {
    const auto& eo = e->as_object();
    out << "  error: " << (eo.at("status").is_null() ? "" : str(eo.at("status")) + " in " + str(eo.at("step")) + ": ")
        << str(eo.at("message")) << "\n";
  }
}

void print_result(const json::object& d, std::ostream& out) {
  const auto* result = d.if_contains("result");
  if (d.at("command") == "invoke") {
    if (const auto* resp = d.if_contains("response"); resp && !resp->is_null()) out << str(*resp) << "\n";
  } else if (result) {
    out << str(d.at("account")) << ": tick at " << str(d.at("now_ms")) << ": " << str(result->at("status")) << "\n";
  }
  if (const auto* state = d.if_contains("account_state")) print_account(state->as_object(), out);
}

void print_events(const json::object& d, std::ostream& out) {
  const auto* events = d.if_contains("events");
  if (!events) return;
  // sync.progress/sync.finished (e.g. from invoke sync.run) as a bar on a terminal, plain lines
  // otherwise; only a real terminal on stdout gets the '\r' redraws.
  ProgressDisplay progress(out, writes_to_terminal(out));
  for (const auto& ev : events->as_array()) {
    const auto& e = ev.as_object();
    if (progress.show(str(e.at("account")), e.at("event"))) continue;
    progress.end_line();
    if (const auto alert = alert_line(str(e.at("account")), e.at("event"))) {
      out << *alert << "\n";
      continue;
    }
    out << "event [" << str(e.at("account")) << "] " << str(e.at("event")) << "\n";
  }
}
}  // namespace

void print_report(const Report& report, bool json_mode, std::ostream& out, std::ostream& err) {
  for (const auto& e : report.errors) err << "erp-host: error: " << e << "\n";
  if (json_mode) {
    json::object o = report.data;
    o["ok"] = report.code == ExitCode::ok;
    o["exit_code"] = to_int(report.code);
    o["errors"] = json::array(report.errors.begin(), report.errors.end());
    out << json::serialize(o) << "\n";
    return;
  }
  const auto& d = report.data;
  const std::string command = str(d.at("command"));
  if (command == "list")
    print_plugins(d, out);
  else if (command == "validate")
    print_validate(d, out);
  else if (command == "accounts" || command == "run" || command == "serve") {
    for (const auto& a : d.at("accounts").as_array()) print_account(a.as_object(), out);
    if (const auto* note = d.if_contains("note")) out << "note: " << str(*note) << "\n";
  } else if (command == "cluster") {
    cluster::print_cluster(d, out);
  } else if (command == "features") {
    print_account(d.at("account").as_object(), out);
  } else {
    print_result(d, out);
  }
  print_events(d, out);
}

}  // namespace erp_host
